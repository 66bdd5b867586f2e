package io.github.kcpat.model.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.ScopeRequest;
import io.github.kcpat.model.ScopeRequestQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The rows of {@code PAT_SCOPE_REQUEST} and the {@code PENDING_SCOPES} of the tokens they belong to, changed together
 * in the request's transaction. Every read is bounded. A change locks the token's row first, then the request's (a
 * decision, a request made anew), so that two decisions at once are serialised: the second finds the request decided.
 */
final class ScopeRequestStore {

    /** The most requests one token can have: the scopes a token may ask for, and then some for policy changes. */
    static final int MAX_PER_TOKEN = 200;

    private final EntityManager em;

    ScopeRequestStore(EntityManager em) {
        this.em = em;
    }

    /**
     * A pending request for each scope that has none yet, and the scopes named pending on the token's row (a scope
     * whose request is still pending from before is made pending again, dated {@code now}); answers the new requests.
     */
    List<ScopeRequest> request(PersonalAccessTokenEntity token, Collection<String> scopes, String reason, long now) {
        List<ScopeRequest> created = new ArrayList<>();
        Set<String> pending = new LinkedHashSet<>(TokenRows.names(token.getPendingScopes()));
        for (String scope : scopes) {
            ScopeRequestEntity existing = byTokenAndScope(token.getId(), scope);
            if (existing == null) {
                ScopeRequestEntity row = new ScopeRequestEntity();
                row.setId(KeycloakModelUtils.generateId());
                row.setRealmId(token.getRealmId());
                row.setTokenId(token.getId());
                row.setUserId(token.getUserId());
                row.setScope(scope);
                row.setReason(reason);
                row.setState(ScopeRequest.PENDING);
                row.setRequestedAt(now);
                em.persist(row);
                created.add(toModel(row));
                pending.add(scope);
            } else if (ScopeRequest.PENDING.equals(existing.getState()) && pending.add(scope)) {
                existing.setRequestedAt(now);
            }
        }
        token.setPendingScopes(TokenRows.joined(new ArrayList<>(pending)));
        em.flush();
        return created;
    }

    List<ScopeRequest> ofToken(String tokenId) {
        return em.createNamedQuery("ScopeRequestEntity.byToken", ScopeRequestEntity.class)
                .setParameter("tokenId", tokenId)
                .setMaxResults(MAX_PER_TOKEN)
                .getResultStream().map(ScopeRequestStore::toModel).toList();
    }

    List<ScopeRequest> search(String realmId, ScopeRequestQuery query) {
        if (query.scopes().isEmpty()) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("select r from ScopeRequestEntity r where r.realmId = :realmId"
                + " and r.scope in :scopes");
        if (query.state() != null) {
            jpql.append(" and r.state = :state");
        }
        if (query.userId() != null) {
            jpql.append(" and r.userId = :userId");
        }
        if (query.excludedUserId() != null) {
            jpql.append(" and r.userId <> :excluded");
        }
        if (query.requestedBefore() != null) {
            jpql.append(" and r.requestedAt < :before");
        }
        jpql.append(" order by r.requestedAt, r.id");
        TypedQuery<ScopeRequestEntity> q = em.createQuery(jpql.toString(), ScopeRequestEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("scopes", query.scopes());
        if (query.state() != null) {
            q.setParameter("state", query.state());
        }
        if (query.userId() != null) {
            q.setParameter("userId", query.userId());
        }
        if (query.excludedUserId() != null) {
            q.setParameter("excluded", query.excludedUserId());
        }
        if (query.requestedBefore() != null) {
            q.setParameter("before", query.requestedBefore());
        }
        return q.setFirstResult(query.first()).setMaxResults(query.max())
                .getResultStream().map(ScopeRequestStore::toModel).toList();
    }

    /** The realm's request with that id, as last committed; null when there is none. */
    ScopeRequest get(String realmId, String id) {
        if (id == null || id.length() > 36) {
            return null;
        }
        ScopeRequestEntity row = em.find(ScopeRequestEntity.class, id);
        return row == null || !row.getRealmId().equals(realmId) ? null : toModel(row);
    }

    /** The realm's request with that id, its row locked until the end of the transaction; null when there is none. */
    ScopeRequest getLocked(String realmId, String id) {
        if (id == null || id.length() > 36) {
            return null;
        }
        ScopeRequestEntity row = em.find(ScopeRequestEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !row.getRealmId().equals(realmId)) {
            return null;
        }
        em.refresh(row);
        return toModel(row);
    }

    /**
     * Decides the pending request, and takes the scope off the token's pending ones; a denial takes it off the token's
     * scopes too. Null when the request was decided meanwhile (or is gone).
     */
    ScopeRequest decide(PersonalAccessTokenEntity token, String id, boolean approve, boolean lapsed, String decidedBy,
                        String decisionReason, long now) {
        int changed = em.createNamedQuery("ScopeRequestEntity.decide")
                .setParameter("state", approve ? ScopeRequest.APPROVED : ScopeRequest.DENIED)
                .setParameter("lapsed", lapsed)
                .setParameter("now", now)
                .setParameter("decidedBy", decidedBy)
                .setParameter("decisionReason", decisionReason)
                .setParameter("id", id)
                .executeUpdate();
        if (changed != 1) {
            return null;
        }
        ScopeRequestEntity row = em.find(ScopeRequestEntity.class, id);
        em.refresh(row);
        List<String> pending = new ArrayList<>(TokenRows.names(token.getPendingScopes()));
        pending.remove(row.getScope());
        token.setPendingScopes(TokenRows.joined(pending));
        if (!approve) {
            List<String> scopes = new ArrayList<>(TokenRows.names(token.getScopes()));
            scopes.remove(row.getScope());
            token.setScopes(String.join(" ", scopes));
        }
        em.flush();
        return toModel(row);
    }

    List<ScopeRequest> pendingBefore(String realmId, long before, int max) {
        return em.createNamedQuery("ScopeRequestEntity.pendingBefore", ScopeRequestEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultStream().map(ScopeRequestStore::toModel).toList();
    }

    /**
     * The realm's tokens after {@code afterId} (by id) that asked for the scope, at most max of them read. A '%' or '_'
     * in a scope's name only widens the pattern: the match is checked again on the names.
     */
    List<PersonalAccessToken> asking(String realmId, String scope, String afterId, int max) {
        return em.createQuery("select t from PersonalAccessTokenEntity t where t.realmId = :realmId and t.id > :after"
                        + " and concat(concat(' ', t.scopes), ' ') like :scope order by t.id", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("after", afterId == null ? "" : afterId)
                .setParameter("scope", "% " + scope + " %")
                .setMaxResults(max)
                .getResultStream().map(TokenRows::toModel).toList();
    }

    private ScopeRequestEntity byTokenAndScope(String tokenId, String scope) {
        return em.createNamedQuery("ScopeRequestEntity.byTokenAndScope", ScopeRequestEntity.class)
                .setParameter("tokenId", tokenId)
                .setParameter("scope", scope)
                .setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    static ScopeRequest toModel(ScopeRequestEntity row) {
        return new ScopeRequest(row.getId(), row.getRealmId(), row.getTokenId(), row.getUserId(), row.getScope(),
                row.getReason(), row.getState(), row.isLapsed(), row.getRequestedAt(), row.getDecidedAt(),
                row.getDecidedBy(), row.getDecisionReason());
    }
}
