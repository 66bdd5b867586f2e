package io.github.kcpat.introspection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.access.DerivedTokenLiveness;
import io.github.kcpat.access.InactiveTokenReason;
import io.github.kcpat.compat.KeycloakLine;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's own introspection, untouched, on a server where PATs are off (a Keycloak line this release is not tested
 * on): a PAT, or a token exchanged from one before, is answered inactive with an {@code INTROSPECT_TOKEN_ERROR} event that says why, so the admin who looks
 * at the events of a failing resource server finds the cause.
 */
final class PatsOffIntrospectionProvider extends AccessTokenIntrospectionProvider<AccessToken> {

    PatsOffIntrospectionProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public Response introspect(String token, EventBuilder event) {
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        boolean pat = tokens != null && tokens.isPersonalAccessToken(token);
        if (!pat && DerivedTokenLiveness.claimsIfDerived(token) == null) {
            return super.introspect(token, event);
        }
        event.detail(Details.REASON, InactiveTokenReason.UNTESTED_LINE.describe(KeycloakLine.current().version()))
                .error(InactiveTokenReason.UNTESTED_LINE.error());
        try {
            ObjectNode body = JsonSerialization.createObjectNode();
            body.put("active", false);
            return Response.ok(JsonSerialization.writeValueAsBytes(body)).type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not write the introspection response", e);
        }
    }
}
