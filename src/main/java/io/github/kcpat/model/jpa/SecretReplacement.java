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
 * Gives a token a new secret (regenerate, rotate) so that every secret handed out keeps working until its stated end:
 * of two replacements at once, or one moments after another, the later is refused rather than both served; the secret
 * replaced is kept as a {@link RetiredSecretEntity} (by hash) that works on for the overlap asked for and is then
 * recognised, for {@code retentionSeconds}, if it is presented again.
 */
final class SecretReplacement {

    /** A second regenerate of one token within this many seconds is taken for a race and refused. */
    static final long QUIET_SECONDS = 3;

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
     * @param renewLifetime true: the token lives as long from now as it was meant to live (regenerate); false: it gets
     *        {@code expiresAt} (rotate)
     * @param previousSecretUntil until when the secret replaced still works (Unix seconds); now or earlier: it ends now
     * @return the new secret, or null when the token is gone
     */
    IssuedToken replace(RealmModel realm, PersonalAccessTokenEntity seen, boolean renewLifetime, Long expiresAt,
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
        boolean replacedMomentsAgo = entity.getRegeneratedAt() != null
                && now - entity.getRegeneratedAt() < QUIET_SECONDS;
        if (!seenHash.equals(entity.getSecretHash()) || replacedMomentsAgo) {
            throw new ConcurrentTokenChangeException();
        }
        retire(entity, now, previousSecretUntil);
        // a new secret always gets a later creation time, even within the same second: tokens exchanged from the old
        // secret name the old one (DerivedTokens), so they end at once
        now = Math.max(now, entity.getCreatedAt() + 1);
        String secret = format.newToken();
        Long lifetime = entity.getExpiresAt() == null ? null : entity.getExpiresAt() - entity.getCreatedAt();
        entity.setSecretHash(TokenHasher.hash(secret));
        entity.setHint(format.displayHint(secret));
        entity.setCreatedAt(now);
        entity.setRegeneratedAt(now);
        if (renewLifetime) {
            entity.setExpiresAt(lifetime == null ? null : now + lifetime);
            entity.setRemindedDays(null);
        } else {
            entity.setExpiresAt(expiresAt);
        }
        entity.setLastUsedAt(null);
        entity.setLastUsedIp(null);
        em.flush();
        return new IssuedToken(TokenRows.toModel(entity), secret);
    }

    private void retire(PersonalAccessTokenEntity entity, long now, long previousSecretUntil) {
        long liveUntil = Math.max(now, previousSecretUntil);
        RetiredSecretEntity retired = new RetiredSecretEntity();
        retired.setSecretHash(entity.getSecretHash());
        retired.setTokenId(entity.getId());
        retired.setRealmId(entity.getRealmId());
        retired.setSecretCreatedAt(entity.getCreatedAt());
        retired.setLiveUntil(liveUntil);
        retired.setForgetAt(liveUntil + retentionSeconds);
        em.persist(retired);
        Long earlier = entity.getPreviousSecretUntil();
        long latest = Math.max(liveUntil, earlier == null ? 0 : earlier);
        entity.setPreviousSecretUntil(latest > now ? latest : null);
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
