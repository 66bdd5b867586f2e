package io.github.kcpat.setup;

import io.github.kcpat.startup.PatStartupProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;

/** Runs {@link SetupStartupCheck} once the server has imported and migrated its realms. */
public final class SetupStartupCheckSchedule implements PatStartupProviderFactory {

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> SetupStartupCheck.onEvent(factory, event));
    }

    @Override
    public String getId() {
        return "setup-check";
    }
}
