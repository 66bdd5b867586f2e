package io.github.kcpat.introspection;

import io.github.kcpat.compat.PatGate;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;

/**
 * Takes the place of Keycloak's {@code access_token} introspection provider (same id, higher order), so resource
 * servers introspect PATs exactly as they introspect JWTs: no {@code token_type_hint}, or {@code access_token}.
 * Everything that is not a PAT goes to Keycloak's own provider unchanged.
 */
public final class PatAwareIntrospectionProviderFactory extends AccessTokenIntrospectionProviderFactory {

    @Override
    public TokenIntrospectionProvider create(KeycloakSession session) {
        return forPats(session);
    }

    /** What answers PATs and the tokens exchanged from them, under every hint: the PAT rules, or "off" when PATs are. */
    static TokenIntrospectionProvider forPats(KeycloakSession session) {
        if (!PatGate.on()) {
            return new PatsOffIntrospectionProvider(session); // Keycloak's own, and a reason for PATs
        }
        return new PatAwareIntrospectionProvider(session);
    }

    @Override
    public int order() {
        return 10;
    }
}
