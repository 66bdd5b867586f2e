package io.github.kcpat.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker holds a token exchanged from a PAT and the PAT dies (deleted, regenerated, reported as exposed, its user
 * disabled). The derived token must then be worth nothing wherever Keycloak accepts a token: introspection under every
 * hint Keycloak knows (none, {@code access_token}, {@code refresh_token}, {@code requesting_party_token}) and an unknown
 * one, exchange, userinfo, UMA, the Account and Admin REST APIs and this extension's own APIs. Before the PAT dies the
 * same calls are made, so each assertion could fail. Neither a PAT nor a token exchanged from one claims a sign-in
 * ({@code acr}, {@code auth_time}), though the PAT client here has Keycloak's {@code acr} scope.
 */
@KeycloakTest(realm = "derived", from = "derived.json")
class DerivedTokenAfterItsPatIT {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String UMA = "urn:ietf:params:oauth:grant-type:uma-ticket";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final List<String> HINTS = java.util.Arrays.asList(null, "access_token", "refresh_token",
            "requesting_party_token");
    private static IssuedSecrets SECRETS;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm throwaway;
    private static String realm;

    /** The PAT client has no defaultClientScopes in the file: it gets the realm's defaults, Keycloak's 'acr' among them. */
    @BeforeAll
    static void addTheScope() {
        realm = throwaway.name();
        expect(kc.adminPost(realm + "/client-scopes", Realms.audienceScope("api.read", "rs")), 201);
        String patClient = kc.clientUuid(realm, "personal-access-tokens");
        expect(kc.adminPut(realm + "/clients/" + patClient + "/optional-client-scopes/" + kc.clientScopeId(realm, "api.read"),
                Map.of()), 204);
        JsonNode defaults = expect(kc.adminGet(realm + "/clients/" + patClient + "/default-client-scopes"), 200).json();
        assertTrue(defaults.toString().contains("\"acr\""), "the attack needs the acr scope on the client: " + defaults);
    }

    @Test
    void deleted() {
        assertDerivedTokensDieWithThePat((pat, bearer) ->
                expect(Http.delete(kc.patApi(realm) + "/" + pat.get("id").asText(), bearer), 204));
    }

    @Test
    void regenerated() {
        assertDerivedTokensDieWithThePat((pat, bearer) -> SECRETS.remember(expect(Http.post(kc.patApi(realm) + "/"
                + pat.get("id").asText() + "/regenerate", bearer, "application/json", ""), 200).json().get("token").asText()));
    }

    @Test
    void reportedAsExposed() {
        assertDerivedTokensDieWithThePat((pat, bearer) -> {
            expect(kc.reportExposed(realm, List.of(pat.get("token").asText())), 202);
            awaitGone(pat.get("id").asText(), bearer);
        });
    }

    @Test
    void itsUserDisabled() {
        String userId = kc.userId(realm, "erin");
        try {
            assertDerivedTokensDieWithThePat((pat, bearer) -> kc.setUserEnabled(realm, userId, false));
        } finally {
            kc.setUserEnabled(realm, userId, true);
        }
    }

    /** The PAT itself is answered under every hint too (RFC 7662 lets a server look past the hint), and dies alike. */
    @Test
    void thePatItselfUnderEveryHint() {
        String bearer = login();
        JsonNode pat = create(bearer, "hinted " + System.nanoTime());
        String secret = pat.get("token").asText();
        for (String hint : HINTS) {
            JsonNode answer = introspect(secret, hint);
            assertTrue(answer.get("active").asBoolean(), hint + ": " + answer);
            assertEquals(pat.get("id").asText(), answer.get("pat_id").asText());
        }
        expect(Http.delete(kc.patApi(realm) + "/" + pat.get("id").asText(), bearer), 204);
        for (String hint : HINTS) {
            assertFalse(introspect(secret, hint).get("active").asBoolean(), hint);
        }
    }

    /** One {@code Cache-Control} in the exchange answer, and it forbids storing. */
    @Test
    void theExchangeAnswerSaysNoStoreOnce() {
        JsonNode pat = create(login(), "cache " + System.nanoTime());
        Http.Reply reply = exchange(pat.get("token").asText());
        assertEquals(200, reply.status(), reply.body());
        List<String> values = new ArrayList<>();
        reply.headers("Cache-Control").forEach(v -> values.addAll(List.of(v.split("\\s*,\\s*"))));
        assertEquals(1, values.stream().filter("no-store"::equals).count(), "Cache-Control: " + reply.headers("Cache-Control"));
    }

    private void assertDerivedTokensDieWithThePat(BiConsumer<JsonNode, String> kill) {
        String bearer = login();
        JsonNode pat = create(bearer, "dies " + System.nanoTime());
        String derived = exchanged(pat.get("token").asText());
        String derivedAgain = exchanged(derived);

        for (String token : List.of(derived, derivedAgain)) {
            for (String hint : HINTS) {
                JsonNode answer = introspect(token, hint);
                assertTrue(answer.get("active").asBoolean(), "alive under " + hint + ": " + answer);
                assertNoSignIn(answer, "introspected under " + hint);
            }
            assertNoSignIn(claims(token), "the exchanged token");
            assertEquals(200, exchange(token).status(), "a live derived token exchanges");
            assertGetsNothing(token); // alive or dead, nothing but resource servers and exchange takes it
        }
        assertNoSignIn(introspect(pat.get("token").asText(), null), "the PAT");

        kill.accept(pat, bearer);

        for (String token : List.of(derived, derivedAgain)) {
            for (String hint : HINTS) {
                JsonNode answer = introspect(token, hint);
                assertFalse(answer.get("active").asBoolean(), "dead under " + hint + ": " + answer);
            }
            Http.Reply unknownHint = Http.postForm(tokenEndpoint() + "/introspect", "rs", "rs-secret",
                    Map.of("token", token, "token_type_hint", "pat_please"));
            assertTrue(unknownHint.status() == 400 || !unknownHint.json().path("active").asBoolean(),
                    "unknown hint: " + unknownHint.status() + " " + unknownHint.body());
            assertFalse(unknownHint.body().contains("\"active\":true"), unknownHint.body());

            Http.Reply exchangedAgain = exchange(token);
            assertEquals(400, exchangedAgain.status(), "exchange: " + exchangedAgain.body());
            assertFalse(exchangedAgain.body().contains("access_token\""), exchangedAgain.body());
            assertGetsNothing(token);
        }
    }

    /** Every place that takes a bearer token refuses it: nothing to read, nothing issued. */
    private void assertGetsNothing(String token) {
        Map<String, Http.Reply> replies = new HashMap<>();
        replies.put("userinfo", Http.get(tokenEndpoint().replace("/token", "/userinfo"), token));
        replies.put("UMA ticket grant", Http.postFormAsBearer(tokenEndpoint(), token, Map.of("grant_type", UMA, "audience", "rs")));
        replies.put("refresh grant", Http.postForm(tokenEndpoint(), "rs", "rs-secret",
                Map.of("grant_type", "refresh_token", "refresh_token", token)));
        replies.put("JWT bearer grant", Http.postForm(tokenEndpoint(), "rs", "rs-secret",
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", token)));
        replies.put("admin console whoami", Http.get(kc.base() + "/admin/" + realm + "/console/whoami", token));
        replies.put("Account REST API", Http.get(kc.base() + "/realms/" + realm + "/account/", token));
        replies.put("Admin REST API", Http.get(kc.admin(realm + "/users"), token));
        replies.put("self-service API", Http.get(kc.patApi(realm), token));
        replies.put("self-service API: create", Http.postJson(kc.patApi(realm), token,
                Map.of("name", "from a dead PAT", "scopes", List.of("api.read"))));
        replies.put("/self", Http.get(kc.patApi(realm) + "/self", token));
        replies.put("admin PAT API", Http.get(kc.admin(realm + "/personal-access-tokens"), token));
        replies.forEach((what, reply) -> {
            assertTrue(reply.status() >= 400 && reply.status() < 500, what + " answered " + reply.status() + ": " + reply.body());
            assertFalse(reply.body().contains("access_token\""), what + " issued a token: " + reply.body());
        });
    }

    private static void assertNoSignIn(JsonNode claims, String what) {
        assertNull(claims.get("acr"), what + " claims a sign-in level: " + claims);
        assertNull(claims.get("auth_time"), what + " claims a sign-in time: " + claims);
    }

    private void awaitGone(String id, String bearer) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (Http.get(kc.patApi(realm) + "/" + id, bearer).status() != 404) {
            assertTrue(System.currentTimeMillis() < deadline, "the reported token was not revoked within 10 s");
            sleep(50);
        }
    }

    private static String login() {
        return kc.userToken(realm, "cli", "erin", "erin-password", null);
    }

    private static JsonNode create(String bearer, String name) {
        JsonNode created = expect(Http.postJson(kc.patApi(realm), bearer,
                KeycloakApi.patBody(name, List.of("api.read"), System.currentTimeMillis() / 1000 + 86_400)), 201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static String tokenEndpoint() {
        return kc.base() + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    private static JsonNode introspect(String token, String hint) {
        return kc.introspect(realm, "rs", "rs-secret", token, hint);
    }

    private static Http.Reply exchange(String subject) {
        return Http.postForm(tokenEndpoint(), "rs", "rs-secret", Map.of("grant_type", EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE));
    }

    private static String exchanged(String subject) {
        Http.Reply reply = exchange(subject);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("access_token").asText();
    }

    private static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
