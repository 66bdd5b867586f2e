package io.github.kcpat.account;

import io.github.kcpat.compat.PlainProviderFactory;
import io.github.kcpat.compat.KeycloakLine;
import io.github.kcpat.compat.PatGate;
import io.github.kcpat.compat.ServerCapabilities;
import io.github.kcpat.http.ApiPath;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves the self-service API at {@code /realms/{realm}/personal-access-tokens}. Setting:
 * {@code --spi-realm-restapi-extension--personal-access-tokens--revoke-rate-limit} (requests per minute per client
 * address and node to {@code /revoke}, default {@value #DEFAULT_REVOKE_RATE_LIMIT}; 0 for no limit), and
 * {@code --spi-realm-restapi-extension--personal-access-tokens--allow-untested-keycloak-line} (read by
 * {@link PatGate}: PATs on a Keycloak line this release is not tested on, at the admin's own risk).
 */
public final class AccountApiProviderFactory implements RealmResourceProviderFactory,
        PlainProviderFactory<RealmResourceProvider> {

    public static final String ID = ApiPath.SEGMENT;
    static final int DEFAULT_REVOKE_RATE_LIMIT = 30;
    private static final Logger LOG = Logger.getLogger(AccountApiProviderFactory.class);

    private RevokeRateLimiter revokeLimiter;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new AccountApiProvider(session, revokeLimiter);
    }

    @Override
    public void init(Config.Scope config) {
        int limit = config.getInt("revoke-rate-limit", DEFAULT_REVOKE_RATE_LIMIT);
        if (limit < 0) {
            throw new IllegalArgumentException("revoke-rate-limit must not be negative");
        }
        revokeLimiter = new RevokeRateLimiter(limit, 60, Time::currentTime);
        String gate = PatGate.startMessage();
        if (gate != null && PatGate.on()) {
            LOG.warn(gate);
        } else if (gate != null) {
            LOG.error(gate);
        }
        LOG.infof("Keycloak %s: %s", KeycloakLine.current().version(), ServerCapabilities.current().describe());
    }

    @Override
    public String getId() {
        return ID;
    }
}
