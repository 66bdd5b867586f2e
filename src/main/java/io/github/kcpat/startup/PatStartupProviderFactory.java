package io.github.kcpat.startup;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderFactory;

/** A job started with the server: implement {@link #getId()} and {@link #postInit}, the rest is done here. */
public interface PatStartupProviderFactory extends ProviderFactory<PatStartupProvider> {

    @Override
    default PatStartupProvider create(KeycloakSession session) {
        return PatStartupProvider.NONE;
    }

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void close() {
    }
}
