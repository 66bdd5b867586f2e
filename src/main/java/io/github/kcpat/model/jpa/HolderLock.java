package io.github.kcpat.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Locks one row per user (created on first need) until the end of the transaction, so that "at most n tokens", "no
 * two of one name" and the creation after them are one step even when requests race.
 */
final class HolderLock {

    private HolderLock() {
    }

    static void take(KeycloakSession session, RealmModel realm, String userId) {
        String key = PersonalAccessTokenHolderEntity.key(realm.getId(), userId);
        if (TokenRows.em(session).find(PersonalAccessTokenHolderEntity.class, key) == null) {
            // created in a transaction of its own, so a concurrent creation of the same row cannot spoil this one
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), other -> {
                    EntityManager em = other.getProvider(JpaConnectionProvider.class).getEntityManager();
                    if (em.find(PersonalAccessTokenHolderEntity.class, key) == null) {
                        em.persist(new PersonalAccessTokenHolderEntity(realm.getId(), userId));
                        em.flush();
                    }
                });
            } catch (RuntimeException concurrentlyCreated) {
                // another request created the row first: it exists, which is all that is needed
            }
        }
        TokenRows.em(session).find(PersonalAccessTokenHolderEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
    }
}
