package io.github.kcpat.model.jpa;

import java.util.List;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.ReplacedSecretEnd;
import jakarta.persistence.EntityManager;

/**
 * What the Shared Signals have told receivers of ends that come with time or with an owner's state, kept on the rows,
 * and the right to tell it: each claim is a conditional update, so that of two nodes only one sends a signal.
 */
final class SignalClaims {

    /** No creation time matches: the policy caps no lifetime, or allows every overlap. */
    private static final long NEVER = Long.MIN_VALUE;

    private final EntityManager em;

    SignalClaims(EntityManager em) {
        this.em = em;
    }

    List<PersonalAccessToken> tokensEndingBetween(String realmId, long since, long now, long maxLifetimeSeconds, int max) {
        boolean capped = maxLifetimeSeconds > 0;
        return em.createNamedQuery("PersonalAccessTokenEntity.endsToSignal", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("since", since)
                .setParameter("now", now)
                .setParameter("cappedSince", capped ? since - maxLifetimeSeconds : NEVER)
                .setParameter("cappedNow", capped ? now - maxLifetimeSeconds : NEVER)
                .setMaxResults(max)
                .getResultStream()
                .map(TokenRows::toModel)
                .toList();
    }

    boolean claimExpiry(String tokenId, long end) {
        return em.createNamedQuery("PersonalAccessTokenEntity.claimEndSignal")
                .setParameter("id", tokenId)
                .setParameter("end", end)
                .executeUpdate() > 0;
    }

    List<ReplacedSecretEnd> replacedSecretsEndingBetween(String realmId, long since, long now, long maxOverlapSeconds,
            int max) {
        return em.createNamedQuery("RetiredSecretEntity.endsToSignal", Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("since", since)
                .setParameter("now", now)
                .setParameter("cutSince", since - maxOverlapSeconds)
                .setParameter("cutNow", now - maxOverlapSeconds)
                .setMaxResults(max)
                .getResultStream()
                .map(row -> new ReplacedSecretEnd((String) row[0], (String) row[1], (String) row[2], (Long) row[3],
                        ((Number) row[4]).longValue(), ((Number) row[5]).longValue()))
                .toList();
    }

    boolean claimSecretEnd(String secretHash) {
        return em.createNamedQuery("RetiredSecretEntity.claimEndSignal")
                .setParameter("secretHash", secretHash)
                .executeUpdate() > 0;
    }

    boolean claimLiveSecretEnds(String tokenId, long now) {
        return em.createNamedQuery("RetiredSecretEntity.claimLiveEndSignalsOfToken")
                .setParameter("tokenId", tokenId)
                .setParameter("now", now)
                .executeUpdate() > 0;
    }

    /** The user's tokens whose owner's disabling receivers were not told of yet, each claimed by this caller. */
    List<String> claimOwnerDisabled(String realmId, String userId) {
        return em.createNamedQuery("PersonalAccessTokenEntity.idsOfUserNotSignaledDisabled", String.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultStream()
                .toList()
                .stream()
                .filter(id -> em.createNamedQuery("PersonalAccessTokenEntity.claimDisabledSignal")
                        .setParameter("id", id)
                        .executeUpdate() > 0)
                .toList();
    }

    void ownerEnabled(String realmId, String userId) {
        em.createNamedQuery("PersonalAccessTokenEntity.clearDisabledSignals")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
    }
}
