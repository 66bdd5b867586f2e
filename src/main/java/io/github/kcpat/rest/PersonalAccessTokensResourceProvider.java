package io.github.kcpat.rest;

import io.github.kcpat.compat.KeycloakLine;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class PersonalAccessTokensResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    PersonalAccessTokensResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return KeycloakLine.current().supported() ? new PersonalAccessTokensResource(session) : new UnavailableResource();
    }

    @Override
    public void close() {
    }
}
