package io.github.kcpat.introspection;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.RefreshTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;

/**
 * Takes the place of Keycloak's {@code refresh_token} introspection provider (same id, higher order): refresh tokens
 * are still Keycloak's, PATs and the tokens exchanged from them are answered as with no hint.
 */
public final class PatAwareRefreshTokenIntrospectionProviderFactory extends RefreshTokenIntrospectionProviderFactory {

    @Override
    public TokenIntrospectionProvider create(KeycloakSession session) {
        return new AnyHintIntrospectionProvider(session, super.create(session));
    }

    @Override
    public int order() {
        return 10;
    }
}
