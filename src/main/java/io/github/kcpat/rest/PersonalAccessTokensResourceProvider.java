package io.github.kcpat.rest;

import io.github.kcpat.compat.PatGate;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class PersonalAccessTokensResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final RevokeRateLimiter revokeLimiter;

    PersonalAccessTokensResourceProvider(KeycloakSession session, RevokeRateLimiter revokeLimiter) {
        this.session = session;
        this.revokeLimiter = revokeLimiter;
    }

    @Override
    public Object getResource() {
        return PatGate.on() ? new PersonalAccessTokensResource(session, revokeLimiter) : new UnavailableResource();
    }

    @Override
    public void close() {
    }
}
