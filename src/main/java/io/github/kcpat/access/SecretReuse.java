package io.github.kcpat.access;

import io.github.kcpat.exposure.LeakRevocation;
import io.github.kcpat.exposure.ReplacedSecretUse;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.RetiredSecret;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A secret the token replaced came back after its end. What that means depends on who replaced it:
 * <ul>
 * <li>the token itself ({@code /self/rotate}): the holder of that secret made the new one, so a second holder means the
 * token forked; the token is revoked (every secret of it) as probably leaked, with the address it came from, and its
 * owner is told;</li>
 * <li>its owner or an admin: the holder of the old secret is whoever they meant to lock out, who must not be able to end
 * the token; the use is refused, recorded with its address, and the owner is told (at most once an hour per token), and
 * the token lives on.</li>
 * </ul>
 * Either is committed in a transaction of its own, whatever becomes of the request that presented the secret (an
 * introspection answering "inactive", a refused exchange), and never fails that request.
 */
final class SecretReuse {

    private static final Logger LOG = Logger.getLogger(SecretReuse.class);

    private final KeycloakSession session;

    SecretReuse(KeycloakSession session) {
        this.session = session;
    }

    void handle(RealmModel realm, PersonalAccessToken token, RetiredSecret retired) {
        String realmId = realm.getId();
        String from = session.getContext().getConnection() == null ? null
                : session.getContext().getConnection().getRemoteAddr();
        try {
            boolean revoked = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                PersonalAccessToken current = ownRealm == null ? null
                        : own.getProvider(PersonalAccessTokenProvider.class).getById(ownRealm, token.id());
                if (current == null) {
                    return false;
                }
                if (!retired.selfRotated()) {
                    new ReplacedSecretUse(own).record(ownRealm, current, from);
                    return false;
                }
                return new LeakRevocation(own).revoke(ownRealm, current, LeakRevocation.Cause.REUSED, from);
            });
            if (revoked) {
                LOG.infof("Personal access token %s in realm %s revoked: a secret it had replaced itself was used after its end",
                        token.id(), realm.getName());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not handle the use of a replaced secret of personal access token %s: %s", token.id(),
                    e.toString());
        }
    }
}
