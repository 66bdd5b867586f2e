package io.github.kcpat.access;

import io.github.kcpat.exposure.LeakRevocation;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A secret the token replaced came back after its end: someone kept a copy, so the token is revoked (every secret of
 * it) as probably leaked, with the address it came from, and its owner is told. The revocation is committed in a
 * transaction of its own, whatever becomes of the request that presented the secret (an introspection answering
 * "inactive", a refused exchange), and never fails that request.
 */
final class SecretReuse {

    private static final Logger LOG = Logger.getLogger(SecretReuse.class);

    private final KeycloakSession session;

    SecretReuse(KeycloakSession session) {
        this.session = session;
    }

    void revoke(RealmModel realm, PersonalAccessToken token) {
        String realmId = realm.getId();
        String from = session.getContext().getConnection() == null ? null
                : session.getContext().getConnection().getRemoteAddr();
        try {
            boolean revoked = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                PersonalAccessToken current = ownRealm == null ? null
                        : own.getProvider(PersonalAccessTokenProvider.class).getById(ownRealm, token.id());
                return current != null && new LeakRevocation(own).revoke(ownRealm, current, LeakRevocation.Cause.REUSED, from);
            });
            if (revoked) {
                LOG.infof("Personal access token %s in realm %s revoked: a secret it had replaced was used after its end",
                        token.id(), realm.getName());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not revoke personal access token %s after its replaced secret was used again: %s", token.id(),
                    e.toString());
        }
    }
}
