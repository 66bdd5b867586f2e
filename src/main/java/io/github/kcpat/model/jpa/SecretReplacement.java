package io.github.kcpat.model.jpa;

import java.util.List;

import io.github.kcpat.model.ConcurrentTokenChangeException;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.token.TokenFormat;
import io.github.kcpat.token.TokenHasher;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.PersistenceExceptionConverter;
import org.keycloak.models.RealmModel;

/**
 * Gives a token a new secret (regenerate, rotate) so that a token has at most one previous secret that works: the one
 * just replaced, for the overlap asked for (none: it ends at once); every older one ends at once. Of two replacements
 * at once, or moments apart, the later is refused rather than both served, so that no secret is handed out dead; but
 * a replacement without an overlap that ends a previous secret still working is never refused. The secret replaced is kept
 * as a {@link RetiredSecretEntity} (by hash) with how it was replaced, and recognised for {@code retentionSeconds}
 * after its end if it is presented again; a token keeps at most {@value #REMEMBERED_PER_TOKEN} of them, so a token
 * that rotates all day adds no more rows.
 */
final class SecretReplacement {

    /** A second replacement within this many seconds of the last is taken for a race and refused (but see above). */
    static final long QUIET_SECONDS = 3;
    /** The replaced secrets a token remembers at most (the newest); older ones are forgotten. */
    static final int REMEMBERED_PER_TOKEN = 10;
    /** Hashes per delete statement: well within every database's limit on an IN list. */
    private static final int DELETE_BATCH = 500;

    private final EntityManager em;
    private final TokenFormat format;
    private final long retentionSeconds;

    SecretReplacement(EntityManager em, TokenFormat format, long retentionSeconds) {
        this.em = em;
        this.format = format;
        this.retentionSeconds = retentionSeconds;
    }

    /**
     * @param seen the token as this request read it, or null when the realm has none of that id
     * @param selfRotation true: the token replaces its own secret (rotate), and gets {@code expiresAt}; false: its
     *        owner or an admin does (regenerate), and the token lives as long from now as it was meant to live
     * @param previousSecretUntil until when the secret replaced still works (Unix seconds); now or earlier: it ends now
     * @return the new secret, or null when the token is gone
     */
    IssuedToken replace(RealmModel realm, PersonalAccessTokenEntity seen, boolean selfRotation, Long expiresAt,
                        long previousSecretUntil) {
        if (seen == null) {
            return null;
        }
        String seenHash = seen.getSecretHash();
        em.detach(seen);
        PersonalAccessTokenEntity entity = lockedRow(realm, seen.getId());
        if (entity == null) {
            return null;
        }
        long now = Time.currentTime();
        // a replacement without an overlap that ends a previous secret still working is what a user does after a leak
        // (an overlap first, then "no, end it now"): it is never taken for a race
        boolean endsRunningOverlap = previousSecretUntil <= now && entity.getPreviousSecretUntil() != null
                && entity.getPreviousSecretUntil() > now;
        boolean replacedMomentsAgo = !endsRunningOverlap && entity.getRegeneratedAt() != null
                && now - entity.getRegeneratedAt() < QUIET_SECONDS;
        if (!seenHash.equals(entity.getSecretHash()) || replacedMomentsAgo) {
            throw new ConcurrentTokenChangeException();
        }
        endOlderSecrets(entity.getId(), now);
        retire(entity, now, previousSecretUntil, selfRotation);
        forgetBeyondBound(entity.getId());
        String secret = format.newToken();
        Long lifetime = entity.getExpiresAt() == null ? null : entity.getExpiresAt() - entity.getCreatedAt();
        entity.setSecretHash(TokenHasher.hash(secret));
        entity.setHint(format.displayHint(secret));
        // dated when it is issued, never later, so that Keycloak's not-before applies to it as to a JWT of this second;
        // the generation, not the time, tells it from the secret it replaced
        entity.setCreatedAt(now);
        entity.setSecretGeneration(entity.getSecretGeneration() + 1);
        entity.setRegeneratedAt(now);
        if (selfRotation) {
            entity.setExpiresAt(expiresAt);
        } else {
            entity.setExpiresAt(lifetime == null ? null : now + lifetime);
            entity.setRemindedDays(null);
        }
        entity.setLastUsedAt(null);
        entity.setLastUsedIp(null);
        entity.setLastUsedClient(null);
        entity.setLastUsedVia(null);
        // a new secret, a new life: its end is yet to be signalled
        entity.setExpirySignaled(null);
        em.flush();
        return new IssuedToken(TokenRows.toModel(entity), secret);
    }

    /** Every secret the token replaced before still working stops now: at most one previous secret works. */
    private void endOlderSecrets(String tokenId, long now) {
        em.createNamedQuery("RetiredSecretEntity.endLiveOfToken")
                .setParameter("tokenId", tokenId)
                .setParameter("now", now)
                .executeUpdate();
    }

    private void retire(PersonalAccessTokenEntity entity, long now, long previousSecretUntil, boolean selfRotation) {
        long liveUntil = Math.max(now, previousSecretUntil);
        RetiredSecretEntity retired = new RetiredSecretEntity();
        retired.setSecretHash(entity.getSecretHash());
        retired.setTokenId(entity.getId());
        retired.setRealmId(entity.getRealmId());
        retired.setSecretCreatedAt(entity.getCreatedAt());
        retired.setSecretGeneration(entity.getSecretGeneration());
        retired.setReplacedAt(now);
        retired.setSelfRotated(selfRotation);
        retired.setLiveUntil(liveUntil);
        retired.setForgetAt(liveUntil + retentionSeconds);
        // ended at once: the replacement's own signal says so; with an overlap, its end is signalled when it comes
        retired.setEndSignaled(liveUntil <= now);
        em.persist(retired);
        entity.setPreviousSecretUntil(liveUntil > now ? liveUntil : null);
    }

    /**
     * Forgets all but the newest replaced secrets of the token. The offset is applied here, not in the query: an offset
     * without a limit is not portable SQL, and a token has at most one more row than the bound (but once, for rows kept
     * by releases that had none).
     */
    private void forgetBeyondBound(String tokenId) {
        em.flush();
        List<String> newestFirst = em.createNamedQuery("RetiredSecretEntity.hashesOfTokenNewestFirst", String.class)
                .setParameter("tokenId", tokenId)
                .getResultList();
        List<String> older = newestFirst.subList(Math.min(REMEMBERED_PER_TOKEN, newestFirst.size()), newestFirst.size());
        for (int from = 0; from < older.size(); from += DELETE_BATCH) {
            em.createNamedQuery("RetiredSecretEntity.deleteByHashes")
                    .setParameter("hashes", older.subList(from, Math.min(from + DELETE_BATCH, older.size())))
                    .executeUpdate();
        }
    }

    /**
     * A locking read waits for a concurrent change of this token to end, then reads what it wrote (or finds the token
     * deleted); the query, unlike a refresh, answers "gone" the same way on every database.
     */
    private PersonalAccessTokenEntity lockedRow(RealmModel realm, String id) {
        List<PersonalAccessTokenEntity> locked;
        try {
            locked = em.createNamedQuery("PersonalAccessTokenEntity.byIdLocked", PersonalAccessTokenEntity.class)
                    .setParameter("id", id)
                    .setParameter("realmId", realm.getId())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
        } catch (PersistenceException e) {
            throw PersistenceExceptionConverter.convert(e);
        }
        return locked.isEmpty() ? null : locked.get(0);
    }
}
