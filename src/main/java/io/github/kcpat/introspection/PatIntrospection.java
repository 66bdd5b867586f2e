package io.github.kcpat.introspection;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.scope.PatClient;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.util.JsonSerialization;

/**
 * Answers an introspection request for a PAT (RFC 7662). A PAT is active only while it exists, has not expired, its
 * user exists and is enabled, and the realm still offers PATs. The answer is an {@code INTROSPECT_TOKEN} event of
 * the token's user with the PAT's id; the secret appears nowhere.
 */
final class PatIntrospection {

    static final String PAT_ID_CLAIM = "pat_id";
    static final String PAT_ID_DETAIL = "pat_id";

    private final KeycloakSession session;
    private final PersonalAccessTokenProvider tokens;
    private final RealmModel realm;

    PatIntrospection(KeycloakSession session, PersonalAccessTokenProvider tokens) {
        this.session = session;
        this.tokens = tokens;
        this.realm = session.getContext().getRealm();
    }

    Response introspect(String secret, EventBuilder event) {
        event.detail(Details.TOKEN_TYPE, "personal_access_token");
        PersonalAccessToken pat = tokens.findBySecret(realm, secret);
        if (pat == null) {
            return inactive(event, Errors.INVALID_TOKEN, "Unknown or malformed personal access token");
        }
        event.detail(Details.TOKEN_ID, pat.id()).detail(PAT_ID_DETAIL, pat.id());
        UserModel user = session.users().getUserById(realm, pat.userId());
        if (user == null) {
            return inactive(event, Errors.USER_NOT_FOUND, "The token's user no longer exists");
        }
        event.user(user);
        long now = Time.currentTime();
        if (pat.isExpiredAt(now)) {
            return inactive(event, Errors.INVALID_TOKEN, "Personal access token expired");
        }
        if (!user.isEnabled()) {
            return inactive(event, Errors.USER_DISABLED, "The token's user is disabled");
        }
        PatClient client = PatClient.of(realm);
        if (client == null) {
            return inactive(event, Errors.CLIENT_DISABLED, "Personal access tokens are not enabled in this realm");
        }
        tokens.recordUse(pat, now);
        event.success();
        return json(activeResponse(pat, user, client));
    }

    private ObjectNode activeResponse(PersonalAccessToken pat, UserModel user, PatClient client) {
        ObjectNode body = JsonSerialization.createObjectNode();
        body.put("active", true);
        body.put("jti", pat.id());
        body.put(PAT_ID_CLAIM, pat.id());
        body.put("iss", Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        body.put("sub", user.getId());
        body.put("username", user.getUsername());
        body.put("client_id", PatClient.CLIENT_ID);
        body.put("azp", PatClient.CLIENT_ID);
        body.put("token_type", "Bearer");
        String scope = client.scopeClaim(pat.scopes());
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        body.put("iat", pat.createdAt());
        if (pat.expiresAt() != null) {
            body.put("exp", pat.expiresAt());
        }
        return body;
    }

    private Response inactive(EventBuilder event, String error, String reason) {
        event.detail(Details.REASON, reason).error(error);
        ObjectNode body = JsonSerialization.createObjectNode();
        body.put("active", false);
        return json(body);
    }

    private static Response json(ObjectNode body) {
        try {
            return Response.ok(JsonSerialization.writeValueAsBytes(body)).type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the introspection response", e);
        }
    }
}
