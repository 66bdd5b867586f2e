package io.github.kcpat.introspection;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.access.ActivePat;
import io.github.kcpat.access.ActivePatResolver;
import io.github.kcpat.access.PatAccessTokens;
import io.github.kcpat.metrics.InactiveReason;
import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.token.PatClaims;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.JsonSerialization;

/**
 * Answers an introspection request for a PAT (RFC 7662) with the claims an access token issued now would carry, so a
 * resource server cannot tell the two apart but by the PAT's id. The introspecting client must be in the token's
 * audience, by the same rule Keycloak applies to JWTs. The answer is an {@code INTROSPECT_TOKEN} event of the
 * token's user with the PAT's id; the secret appears nowhere.
 */
final class PatIntrospection {

    private final ActivePatResolver resolver;
    private final PatAccessTokens accessTokens;
    private final BiPredicate<AccessToken, AccessToken> audienceAllows;
    private final KeycloakSession session;

    /** @param audienceAllows Keycloak's own audience rule, given the token's base and its computed claims */
    PatIntrospection(KeycloakSession session, BiPredicate<AccessToken, AccessToken> audienceAllows) {
        this.resolver = new ActivePatResolver(session);
        this.accessTokens = new PatAccessTokens(session);
        this.audienceAllows = audienceAllows;
        this.session = session;
    }

    Response introspect(String secret, EventBuilder event) {
        try {
            return answer(secret, event);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the introspection response", e);
        }
    }

    private Response answer(String secret, EventBuilder event) throws IOException {
        ActivePat active = resolver.resolve(secret, event);
        if (active == null) {
            return inactive(resolver.refusal());
        }
        PatAccessTokens.IntrospectionView view = accessTokens.introspectionView(active);
        if (!audienceAllows.test(view.base(), view.claims())) {
            return inactive(InactiveReason.AUDIENCE);
        }
        // the resource server Keycloak authenticated for this request, not the token's user, is who used it here
        resolver.recordIntrospection(active, session.getContext().getClient());
        event.success();
        PatMetrics.get().introspected(session.getContext().getRealm(), null);
        AccessToken claims = view.claims();
        // written straight from the token (no intermediate JSON tree): the claims, then RFC 7662's own members
        if (claims.getScope() != null && claims.getScope().isBlank()) {
            claims.setScope(null);
        }
        Map<String, Object> extra = claims.getOtherClaims();
        extra.put("client_id", claims.getIssuedFor());
        if (!extra.containsKey("username")) {
            extra.put("username", active.user().getUsername());
        }
        extra.put(OAuth2Constants.TOKEN_TYPE, claims.getType());
        extra.put(PatClaims.PAT_ID, active.token().id());
        extra.put("active", true);
        return Response.ok(JsonSerialization.writeValueAsBytes(claims)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response inactive(InactiveReason reason) throws IOException {
        PatMetrics.get().introspected(session.getContext().getRealm(), reason);
        ObjectNode body = JsonSerialization.createObjectNode();
        body.put("active", false);
        return json(body);
    }

    private static Response json(ObjectNode body) throws IOException {
        return Response.ok(JsonSerialization.writeValueAsBytes(body)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
