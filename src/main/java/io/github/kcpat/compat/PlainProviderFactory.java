package io.github.kcpat.compat;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory with nothing to read at start, nothing to wire after it and nothing to release: Keycloak's three
 * life-cycle methods as no-ops, so a factory states only what it makes. A factory that reads its configuration or
 * registers listeners overrides the method it needs.
 */
public interface PlainProviderFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
