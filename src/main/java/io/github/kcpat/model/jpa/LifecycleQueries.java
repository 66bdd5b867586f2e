package io.github.kcpat.model.jpa;

import java.util.stream.Stream;

import io.github.kcpat.model.PersonalAccessToken;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

/** What the daily lifecycle reads and marks: tokens about to expire, tokens unused for long, the realm's owners. */
final class LifecycleQueries {

    private final EntityManager em;

    LifecycleQueries(EntityManager em) {
        this.em = em;
    }

    Stream<PersonalAccessToken> expiringBetween(RealmModel realm, long from, long to, int days) {
        return em.createNamedQuery("PersonalAccessTokenEntity.expiringBetween", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("days", days)
                .getResultStream()
                .map(TokenRows::toModel);
    }

    void setRemindedDays(String id, int days) {
        PersonalAccessTokenEntity entity = em.find(PersonalAccessTokenEntity.class, id);
        if (entity != null) {
            entity.setRemindedDays(days);
        }
    }

    Stream<PersonalAccessToken> unusedSince(RealmModel realm, long since) {
        return em.createNamedQuery("PersonalAccessTokenEntity.unusedSince", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("since", since)
                .getResultStream()
                .map(TokenRows::toModel);
    }

    Stream<String> ownerIds(RealmModel realm) {
        return em.createNamedQuery("PersonalAccessTokenEntity.userIdsOfRealm", String.class)
                .setParameter("realmId", realm.getId())
                .getResultStream();
    }
}
