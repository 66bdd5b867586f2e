package io.github.kcpat.account;

import io.github.kcpat.compat.PatGate;
import io.github.kcpat.http.UnavailableResource;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class AccountApiProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final RevokeRateLimiter revokeLimiter;

    AccountApiProvider(KeycloakSession session, RevokeRateLimiter revokeLimiter) {
        this.session = session;
        this.revokeLimiter = revokeLimiter;
    }

    @Override
    public Object getResource() {
        return PatGate.on() ? new AccountTokensResource(session, revokeLimiter) : new UnavailableResource();
    }

    @Override
    public void close() {
    }
}
