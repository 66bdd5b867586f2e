package io.github.kcpat.rest;

import io.github.kcpat.policy.FullScopeStartupCheck;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the self-service API at {@code /realms/{realm}/personal-access-tokens}. */
public final class PersonalAccessTokensResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "personal-access-tokens";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PersonalAccessTokensResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> FullScopeStartupCheck.onEvent(factory, event));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
