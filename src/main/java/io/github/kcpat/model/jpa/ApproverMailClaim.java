package io.github.kcpat.model.jpa;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Takes the right to mail an approver the list of what waits for them: the approver's row (created on first need, in
 * a transaction of its own, never mailed) is moved to {@code now} by a conditional update, which one caller at most
 * wins per interval.
 */
final class ApproverMailClaim {

    private ApproverMailClaim() {
    }

    static boolean claim(KeycloakSession session, RealmModel realm, String userId, long now, long intervalSeconds) {
        String key = PersonalAccessTokenHolderEntity.key(realm.getId(), userId);
        if (TokenRows.em(session).find(ApproverMailEntity.class, key) == null) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), other -> {
                    EntityManager em = other.getProvider(JpaConnectionProvider.class).getEntityManager();
                    if (em.find(ApproverMailEntity.class, key) == null) {
                        ApproverMailEntity row = new ApproverMailEntity();
                        row.setId(key);
                        row.setRealmId(realm.getId());
                        row.setMailedAt(0);
                        em.persist(row);
                        em.flush();
                    }
                });
            } catch (RuntimeException concurrentlyCreated) {
                // another node created the row first: it exists, which is all that is needed
            }
        }
        return TokenRows.em(session).createNamedQuery("ApproverMailEntity.claim")
                .setParameter("now", now)
                .setParameter("id", key)
                .setParameter("notAfter", now - intervalSeconds)
                .executeUpdate() == 1;
    }
}
