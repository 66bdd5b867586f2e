package io.github.kcpat.model.jpa;

import java.util.stream.Stream;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.TokenQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.RealmModel;

/** The admin list's query: only the filters asked for, newest first, one page. */
final class TokenSearch {

    private TokenSearch() {
    }

    static Stream<PersonalAccessToken> run(EntityManager em, RealmModel realm, TokenQuery query) {
        StringBuilder jpql = new StringBuilder("select t from PersonalAccessTokenEntity t where t.realmId = :realmId");
        if (query.userId() != null) {
            jpql.append(" and t.userId = :userId");
        }
        if (query.expiresBefore() != null) {
            jpql.append(" and t.expiresAt is not null and t.expiresAt < :expiresBefore");
        }
        if (query.unusedSince() != null) {
            jpql.append(" and ((t.lastUsedAt is null and t.createdAt < :unusedSince) or t.lastUsedAt < :unusedSince)");
        }
        jpql.append(" order by t.createdAt desc, t.id");
        TypedQuery<PersonalAccessTokenEntity> typed = em.createQuery(jpql.toString(), PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId());
        if (query.userId() != null) {
            typed.setParameter("userId", query.userId());
        }
        if (query.expiresBefore() != null) {
            typed.setParameter("expiresBefore", query.expiresBefore());
        }
        if (query.unusedSince() != null) {
            typed.setParameter("unusedSince", query.unusedSince());
        }
        return typed.setFirstResult(query.first()).setMaxResults(query.max()).getResultStream()
                .map(TokenRows::toModel);
    }
}
