package io.github.kcpat.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class PersonalAccessTokensResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    PersonalAccessTokensResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new PersonalAccessTokensResource(session);
    }

    @Override
    public void close() {
    }
}
