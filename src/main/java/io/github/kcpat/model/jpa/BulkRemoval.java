package io.github.kcpat.model.jpa;

import jakarta.persistence.EntityManager;

/**
 * Removes every token of a user or a realm with what belongs to them (the secrets they replaced, the holder lock
 * rows), in bulk statements of the request's transaction.
 */
final class BulkRemoval {

    private BulkRemoval() {
    }

    /** @return how many tokens were removed */
    static int ofUser(EntityManager em, String realmId, String userId) {
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
        em.createNamedQuery("RetiredSecretEntity.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("PersonalAccessTokenHolderEntity.deleteByRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
        return em.createNamedQuery("PersonalAccessTokenEntity.deleteByRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
