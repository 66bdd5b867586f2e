package io.github.kcpat.policy;

import java.util.List;
import java.util.stream.Collectors;

import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.setup.AccountThemeCheck;
import io.github.kcpat.setup.Finding;
import io.github.kcpat.setup.SetupHealth;

import io.github.kcpat.scope.PatClient;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

/**
 * Once the server has started (realms imported and migrated), logs once for each realm with PATs on what its setup
 * health check finds (full scope allowed, built-in scopes offered, no audience mapper, …), and warns about unreadable
 * policy attributes: all are handled fail-safe, but an admin should fix them.
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
            boolean lifecycle = factory.getProviderFactory(PersonalAccessTokenProvider.class)
                    instanceof PersonalAccessTokenProviderFactory patFactory && patFactory.lifecycleScheduled();
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(realm -> {
                PolicyAttributes.read(realm);
                if (realm.getClientByClientId(PatClient.CLIENT_ID) == null) {
                    return; // PATs are off there: nothing to say
                }
                List<Finding> findings = SetupHealth.check(realm, lifecycle, AccountThemeCheck.hasTab(session, realm));
                if (!findings.isEmpty()) {
                    LOG.warnf("Realm %s: the personal access token setup has %d finding(s): %s (GET /admin/realms/%s/"
                                    + "personal-access-tokens/setup lists each with its fix)", realm.getName(), findings.size(),
                            findings.stream().map(f -> f.code() + ": " + f.message()).collect(Collectors.joining(" | ")),
                            realm.getName());
                }
            }));
        } catch (RuntimeException e) {
            LOG.warn("Could not check the realms' personal access token setup at start", e);
        }
    }
}
