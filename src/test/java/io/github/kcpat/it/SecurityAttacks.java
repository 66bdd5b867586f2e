package io.github.kcpat.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.BeforeAll;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escalation paths an attacker tries, each as the attack itself, asserting the refusal: a PAT and everything
 * exchanged from it never manage Keycloak; only the audience exchanges; admins cannot reach stronger secrets;
 * minting needs a fresh sign-in through an allowed client; Keycloak's revocation reaches PATs; concurrent regenerates
 * never hand out a dead secret; hostile bodies and names are refused; a broken policy fails closed.
 * <p>
 * The attacks are split by what they attack into the {@code Security*IT} classes; each runs in a realm of its own made
 * from {@code realms/security.json}: {@code rs} is the PAT scopes' audience and may exchange; {@code outsider} may
 * exchange too and may introspect without an audience check, but no PAT is meant for it. {@code root} holds
 * realm-admin, {@code mallory} only manage-users, {@code viewer} only view-users; the service account of
 * {@code robot} holds realm-admin. The fields are filled in by {@link KeycloakTest} for the class that runs.
 */
abstract class SecurityAttacks {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final long DAY = 86_400;
    static IssuedSecrets SECRETS;
    static KeycloakServer server;
    static KeycloakApi kc;
    static ThrowawayRealm throwaway;
    static String realm;

    /** The scopes {@code api.read} and {@code api.write}, both naming {@code rs} as audience, offered by the PAT client. */
    @BeforeAll
    static void addTheApiScopes() {
        realm = throwaway.name();
        String patClient = kc.clientUuid(realm, "personal-access-tokens");
        for (String scope : List.of("api.read", "api.write")) {
            expect(kc.adminPost(realm + "/client-scopes", Realms.audienceScope(scope, "rs")), 201);
            expect(kc.adminPut(realm + "/clients/" + patClient + "/optional-client-scopes/" + kc.clientScopeId(realm, scope),
                    Map.of()), 204);
        }
    }

    void assertManagesNothing(String token) {
        assertRefused(Http.putJson(kc.admin(realm), token, Map.of("displayName", "owned")), "Admin REST API: change the realm");
        assertRefused(Http.get(kc.admin(realm + "/users"), token), "Admin REST API: list users");
        assertRefused(Http.get(kc.base() + "/realms/" + realm + "/account/", token), "Account REST API");
        assertRefused(Http.postJson(kc.patApi(realm), token,
                Map.of("name", "escalated " + now(), "scopes", List.of("api.write"))), "self-service API: create a PAT");
        assertRefused(Http.get(kc.patApi(realm), token), "self-service API: list PATs");
        assertRefused(Http.get(kc.admin(realm + "/personal-access-tokens"), token), "admin PAT API");
        assertRefused(Http.postJson(kc.admin(realm + "/personal-access-tokens/service-accounts/robot"), token,
                Map.of("name", "escalated", "expiresAt", now() + DAY)), "admin PAT API: bot token");
        assertRefused(Http.postJson(kc.base() + "/realms/" + realm + "/clients-registrations/default", token,
                Map.of("clientId", "evil-" + now())), "client registration");
        assertFalse("owned".equals(kc.adminGet(realm).json().path("displayName").asText()), "the realm is unchanged");
    }

    static void assertRefused(Http.Reply reply, String what) {
        assertTrue(reply.status() == 401 || reply.status() == 403, what + " answered " + reply.status() + ": " + reply.body());
    }

    static String login(String username) {
        return kc.userToken(realm, "cli", username, username + "-password", null);
    }

    static Http.Reply create(String bearer, String name, List<String> scopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        body.put("expiresAt", now() + DAY);
        return Http.postJson(kc.patApi(realm), bearer, body);
    }

    static String pat(String bearer, String name, List<String> scopes) {
        Http.Reply reply = create(bearer, name, scopes);
        assertEquals(201, reply.status(), reply.body());
        return SECRETS.remember(reply.json().get("token").asText());
    }

    static JsonNode introspect(String clientId, String secret, String token) {
        return kc.introspect(realm, clientId, secret, token, null);
    }

    static Http.Reply exchange(String clientId, String secret, String subject, Map<String, String> extra) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE));
        form.putAll(extra);
        return Http.postForm(kc.base() + "/realms/" + realm + "/protocol/openid-connect/token", clientId, secret, form);
    }

    static String exchanged(String clientId, String secret, String subject, Map<String, String> extra) {
        Http.Reply reply = exchange(clientId, secret, subject, extra);
        assertEquals(200, reply.status(), reply.body());
        String token = reply.json().get("access_token").asText();
        assertNotNull(token);
        return token;
    }

    static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        try {
            return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> audienceOf(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        if (aud == null) {
            return List.of();
        }
        if (aud.isTextual()) {
            return List.of(aud.asText());
        }
        List<String> list = new ArrayList<>();
        aud.forEach(a -> list.add(a.asText()));
        return list;
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
