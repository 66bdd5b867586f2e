package io.github.kcpat.rest;

import io.github.kcpat.policy.FullScopeStartupCheck;
import io.github.kcpat.compat.KeycloakLine;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the self-service API at {@code /realms/{realm}/personal-access-tokens}. */
public final class PersonalAccessTokensResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "personal-access-tokens";
    private static final Logger LOG = Logger.getLogger(PersonalAccessTokensResourceProviderFactory.class);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PersonalAccessTokensResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        if (!KeycloakLine.current().supported()) {
            LOG.error(KeycloakLine.current().refusal());
        }
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
