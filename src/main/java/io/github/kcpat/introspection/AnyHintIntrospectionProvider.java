package io.github.kcpat.introspection;

import io.github.kcpat.access.DerivedTokenLiveness;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;

/**
 * Keycloak's introspection for another {@code token_type_hint} ({@code refresh_token}, {@code requesting_party_token}),
 * with PATs and the tokens exchanged from them taken out of its hands: those are answered by the same rule as with no
 * hint, so a resource server cannot keep a derived token alive by sending a different hint. RFC 7662 lets a server
 * that does not find a token under the hint look for it among its other types.
 */
final class AnyHintIntrospectionProvider implements TokenIntrospectionProvider {

    private final KeycloakSession session;
    private final TokenIntrospectionProvider keycloaks;

    AnyHintIntrospectionProvider(KeycloakSession session, TokenIntrospectionProvider keycloaks) {
        this.session = session;
        this.keycloaks = keycloaks;
    }

    @Override
    public Response introspect(String token, EventBuilder event) {
        boolean pat = session.getProvider(PersonalAccessTokenProvider.class).isPersonalAccessToken(token);
        if (pat || DerivedTokenLiveness.claimsIfDerived(token) != null) {
            return PatAwareIntrospectionProviderFactory.forPats(session).introspect(token, event);
        }
        return keycloaks.introspect(token, event);
    }

    @Override
    public void close() {
        keycloaks.close();
    }
}
