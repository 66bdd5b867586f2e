package io.github.kcpat.model.jpa;

import jakarta.persistence.EntityManager;

/**
 * Removes every token of a user or a realm with what belongs to them (the secrets they replaced, the holder lock
 * rows, their scope requests and the approver mail rows), in bulk statements of the request's transaction.
 */
final class BulkRemoval {

    private BulkRemoval() {
    }

    /** @return how many tokens were removed */
    static int ofUser(EntityManager em, String realmId, String userId) {
        em.createNamedQuery("ScopeRequestEntity.deleteByUser")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
        em.createNamedQuery("ApproverMailEntity.deleteById")
                .setParameter("id", PersonalAccessTokenHolderEntity.key(realmId, userId))
                .executeUpdate();
        em.createNamedQuery("RetiredSecretEntity.deleteOfTokensOfUser")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
        em.createNamedQuery("PersonalAccessTokenHolderEntity.deleteByUser")
                .setParameter("id", PersonalAccessTokenHolderEntity.key(realmId, userId))
                .executeUpdate();
        return em.createNamedQuery("PersonalAccessTokenEntity.deleteByUser")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
    }

    /** @return how many tokens were removed */
    static int ofRealm(EntityManager em, String realmId) {
        em.createNamedQuery("ScopeRequestEntity.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("ApproverMailEntity.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("RetiredSecretEntity.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("PersonalAccessTokenHolderEntity.deleteByRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
        return em.createNamedQuery("PersonalAccessTokenEntity.deleteByRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
