package io.github.kcpat.setup;

import java.util.List;
import java.util.stream.Collectors;

import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.policy.PolicyAttributes;
import io.github.kcpat.scope.PatClient;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

/**
 * Once the server has started (realms imported and migrated), runs the setup health check of each realm with PATs on
 * and logs it once: an INFO line for a realm that is ready, so an admin sees the extension is on, or a WARN line with
 * what it finds (full scope allowed, built-in scopes offered, no audience mapper, …); unreadable policy attributes are
 * warned about too. All of it is handled fail-safe, but an admin should fix it.
 */
public final class SetupStartupCheck {

    private static final Logger LOG = Logger.getLogger(SetupStartupCheck.class);

    private SetupStartupCheck() {
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
                List<Finding> findings = SetupHealth.check(realm, lifecycle, AccountThemeCheck.hasTab(session, realm))
                        .stream().filter(Finding::toFix).toList();
                if (findings.isEmpty()) {
                    LOG.infof("Realm %s: personal access tokens are on, and the setup health check finds nothing to fix",
                            realm.getName());
                } else {
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
