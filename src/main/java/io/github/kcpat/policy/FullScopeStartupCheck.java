package io.github.kcpat.policy;

import io.github.kcpat.scope.PatClient;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

/**
 * Once the server has started (realms imported and migrated), warns about every realm whose PAT client has full scope
 * allowed, and about unreadable policy attributes: both are read fail-safe, but an admin should fix them.
 */
public final class FullScopeStartupCheck {

    private static final Logger LOG = Logger.getLogger(FullScopeStartupCheck.class);

    private FullScopeStartupCheck() {
    }

    public static void onEvent(KeycloakSessionFactory factory, ProviderEvent event) {
        if (!(event instanceof PostMigrationEvent)) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(realm -> {
                String warning = PatClient.fullScopeWarning(realm);
                if (warning != null) {
                    LOG.warnf("Realm %s: %s", realm.getName(), warning);
                }
                PolicyAttributes.read(realm);
            }));
        } catch (RuntimeException e) {
            LOG.warn("Could not check the realms' personal access token setup at start", e);
        }
    }
}
