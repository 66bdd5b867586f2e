package io.github.kcpat.model.jpa;

import io.github.kcpat.cache.PatCache;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.RetiredSecret;
import io.github.kcpat.model.TokenUse;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The introspection path of the store: a token found by its secret's hash (from the node's cache when it can be) and
 * its use noted, at most once per interval, without ever failing the request that used it.
 */
final class SecretLookup {

    private static final Logger LOG = Logger.getLogger(SecretLookup.class);

    private final KeycloakSession session;
    private final PatCache cache;
    private final long lastUsedUpdateInterval;

    SecretLookup(KeycloakSession session, PatCache cache, long lastUsedUpdateInterval) {
        this.session = session;
        this.cache = cache;
        this.lastUsedUpdateInterval = lastUsedUpdateInterval;
    }

    PersonalAccessToken inRealm(RealmModel realm, String hash) {
        PersonalAccessToken token = cache.get(hash);
        if (token == null) {
            long generation = cache.generation();
            token = inAnyRealm(hash);
            cache.put(hash, token, generation);
        }
        return token != null && token.realmId().equals(realm.getId()) ? token : null;
    }

    PersonalAccessToken inAnyRealm(String hash) {
        return TokenRows.em(session).createNamedQuery("PersonalAccessTokenEntity.byHash", PersonalAccessTokenEntity.class)
                .setParameter("secretHash", hash)
                .setMaxResults(1)
                .getResultList().stream()
                .findFirst()
                .map(TokenRows::toModel)
                .orElse(null);
    }

    /** The retired secret with this hash, unless its retention has ended; of any realm when {@code realm} is null. */
    RetiredSecret retired(RealmModel realm, String hash, long nowSeconds) {
        RetiredSecretEntity row = TokenRows.em(session).find(RetiredSecretEntity.class, hash);
        if (row == null || row.getForgetAt() <= nowSeconds || (realm != null && !row.getRealmId().equals(realm.getId()))) {
            return null;
        }
        return toRetired(row);
    }

    /**
     * The token's replaced secret issued at {@code secretCreatedAt} with that number (any number when null), while it
     * has not reached its own end; else null. The realm policy's cut is the caller's to apply.
     */
    RetiredSecret liveRetired(RealmModel realm, String tokenId, long secretCreatedAt, Integer generation, long nowSeconds) {
        return TokenRows.em(session).createNamedQuery("RetiredSecretEntity.liveOfToken", RetiredSecretEntity.class)
                .setParameter("tokenId", tokenId)
                .setParameter("createdAt", secretCreatedAt)
                .setParameter("now", nowSeconds)
                .getResultStream()
                .filter(row -> row.getRealmId().equals(realm.getId()))
                .filter(row -> generation == null || row.getSecretGeneration() == generation)
                .findFirst()
                .map(SecretLookup::toRetired)
                .orElse(null);
    }

    private static RetiredSecret toRetired(RetiredSecretEntity row) {
        return new RetiredSecret(row.getTokenId(), row.getRealmId(), row.getSecretCreatedAt(), row.getLiveUntil(),
                row.getSecretGeneration(), row.getReplacedAt(), row.isSelfRotated());
    }

    void recordUse(PersonalAccessToken token, String hash, long nowSeconds, TokenUse use) {
        if (!cache.claimUse(hash, token, nowSeconds, lastUsedUpdateInterval, use)) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> own
                    .getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createNamedQuery("PersonalAccessTokenEntity.recordUse")
                    .setParameter("now", nowSeconds)
                    .setParameter("ip", use.address())
                    .setParameter("client", use.clientId())
                    .setParameter("via", use.via().apiName())
                    .setParameter("id", token.id())
                    .setParameter("secretHash", hash)
                    .setParameter("notAfter", nowSeconds - lastUsedUpdateInterval)
                    .executeUpdate());
        } catch (RuntimeException e) {
            // Best effort, in a transaction of its own: a use that races a revocation or another node's write of the
            // same row is not recorded this time, and never fails the request that used the token.
            LOG.debugf("Last use of personal access token %s not recorded: %s", token.id(), e.toString());
        }
    }
}
