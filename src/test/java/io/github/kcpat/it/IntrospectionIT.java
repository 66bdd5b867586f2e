package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resource servers validate PATs at Keycloak's standard RFC 7662 endpoint, beside JWT access tokens. */
@KeycloakTest
class IntrospectionIT {

    private static IssuedSecrets SECRETS;
    /** A resource server of a throwaway realm; no scope names it as audience, so it opts out of the audience check. */
    private static final Map<String, Object> CHECKER = Map.of("clientId", "checker", "enabled", true, "publicClient", false,
            "secret", "checker-secret", "standardFlowEnabled", false,
            "attributes", Map.of("allow.token.introspection.without.audience.check", "true"));
    private static KeycloakServer server;
    private static KeycloakApi kc;

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode create(String realm, String bearer, String name, List<String> scopes, Long expiresAt) {
        JsonNode token = expect(Http.postJson(kc.patApi(realm), bearer, KeycloakApi.patBody(name, scopes, expiresAt)), 201).json();
        SECRETS.remember(token.get("token").asText());
        return token;
    }

    private static void assertInactive(JsonNode answer) {
        assertEquals(1, answer.size(), "an inactive answer says nothing else: " + answer);
        assertFalse(answer.get("active").asBoolean());
    }

    /** The issuer as Keycloak writes it for the request's host (start-dev: the hostname is not fixed), sent by curl. */
    private static JsonNode introspectAs(String host, String pat) throws Exception {
        String url = kc.base().replace("localhost", "127.0.0.1") + "/realms/demo/protocol/openid-connect/token/introspect";
        Process curl = new ProcessBuilder("curl", "-sS", "-H", "Host: " + host, "-u", "demo-api:demo-api-secret",
                "--data-urlencode", "token=" + pat, url).redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor(), body);
        return Http.JSON.readTree(body);
    }

    /**
     * The issuer is remembered per base URI and realm (issue #32): a request with another Host gets its own, never one
     * remembered for another host, as Keycloak itself answers a JWT's issuer check.
     */
    @Test
    void theIssuerFollowsEachRequestsHostAndNoHostGetsAnothersIssuer() throws Exception {
        String pat = create(DEMO, kc.demoToken("alice"), "issuer " + now(), List.of("api.read"), now() + 3600).get("token").asText();
        String port = kc.base().substring(kc.base().lastIndexOf(':') + 1);
        for (String host : List.of("a.example:" + port, "b.example:" + port, "a.example:" + port)) {
            JsonNode answer = introspectAs(host, pat);
            assertTrue(answer.get("active").asBoolean(), answer.toString());
            assertEquals("http://" + host + "/realms/demo", answer.get("iss").asText(), host);
        }
        assertEquals(kc.base() + "/realms/demo", kc.introspect(pat).get("iss").asText());
    }

    @Test
    void anActivePatAnswersItsClaimsAndJwtsStillWork() {
        String alice = kc.demoToken("alice");
        String aliceId = kc.userId(DEMO, "alice");
        long expiresAt = now() + 3600;
        JsonNode created = create(DEMO, alice, "claims " + now(), List.of("api.read"), expiresAt);
        String pat = created.get("token").asText();

        JsonNode answer = kc.introspect(pat);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertEquals(aliceId, answer.get("sub").asText());
        assertEquals("alice", answer.get("username").asText());
        assertEquals("api.read", answer.get("scope").asText());
        assertEquals("personal-access-tokens", answer.get("client_id").asText());
        assertEquals(created.get("createdAt").asLong(), answer.get("iat").asLong());
        assertEquals(expiresAt, answer.get("exp").asLong());
        assertEquals(created.get("id").asText(), answer.get("pat_id").asText());
        assertEquals(created.get("id").asText(), answer.get("jti").asText());
        assertEquals(kc.base() + "/realms/demo", answer.get("iss").asText());

        // the hint access_token is the same path; a JWT in the same run is still Keycloak's own business
        assertTrue(kc.introspect(DEMO, "demo-api", "demo-api-secret", pat, "access_token").get("active").asBoolean());
        String jwt = kc.userToken(DEMO, "demo-cli", "alice", "alice", "api.read");
        JsonNode jwtAnswer = kc.introspect(jwt);
        assertTrue(jwtAnswer.get("active").asBoolean(), jwtAnswer.toString());
        assertEquals("alice", jwtAnswer.get("username").asText());
        assertEquals(aliceId, jwtAnswer.get("sub").asText());
        assertEquals("demo-cli", jwtAnswer.get("client_id").asText());
        assertFalse(jwtAnswer.has("pat_id"));

        // no or wrong client credentials are refused before any token is looked at
        assertEquals(401, Http.postForm(kc.base() + "/realms/demo/protocol/openid-connect/token/introspect",
                "demo-api", "wrong", Map.of("token", pat)).status());

        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
        assertInactive(kc.introspect(pat));
        assertTrue(kc.introspect(jwt).get("active").asBoolean(), "deleting a PAT leaves the user's JWT alone");
    }

    @Test
    void introspectionIsAnEventOfTheUserAndMarksTheTokenUsed() {
        String alice = kc.demoToken("alice");
        JsonNode created = create(DEMO, alice, "events " + now(), List.of("api.write"), null);
        String id = created.get("id").asText();
        assertTrue(created.get("lastUsedAt").isNull());

        assertTrue(kc.introspect(created.get("token").asText()).get("active").asBoolean());

        JsonNode used = expect(Http.get(kc.patApi(DEMO) + "/" + id, alice), 200).json();
        assertFalse(used.get("lastUsedAt").isNull(), "first use is recorded");
        assertTrue(Math.abs(used.get("lastUsedAt").asLong() - now()) < 60);
        assertEquals("demo-api", used.get("lastUsedBy").asText(), "the resource server that introspected, not the user");
        assertEquals("introspection", used.get("lastUsedVia").asText());
        JsonNode adminView = expect(kc.adminGet(DEMO + "/personal-access-tokens/" + id), 200).json();
        assertEquals("demo-api", adminView.get("lastUsedBy").asText());
        assertFalse(adminView.path("lastUsedIp").asText().isBlank(), "the resource server's address");

        JsonNode events = expect(kc.adminGet(DEMO + "/events?type=INTROSPECT_TOKEN&max=100"), 200).json();
        boolean found = false;
        for (JsonNode event : events) {
            JsonNode details = event.get("details");
            if (details != null && id.equals(details.path("pat_id").asText())) {
                found = true;
                assertEquals(kc.userId(DEMO, "alice"), event.get("userId").asText());
                assertEquals("demo-api", event.get("clientId").asText());
                assertFalse(event.toString().contains(created.get("token").asText().substring(6)), "no secret in the event");
            }
        }
        assertTrue(found, "an INTROSPECT_TOKEN event with the PAT's id: " + events);
        expect(Http.delete(kc.patApi(DEMO) + "/" + id, alice), 204);
    }

    @Test
    void anExpiredPatIsInactive() throws InterruptedException {
        String alice = kc.demoToken("alice");
        JsonNode created = create(DEMO, alice, "short-lived " + now(), List.of("api.read"), now() + 3);
        assertTrue(kc.introspect(created.get("token").asText()).get("active").asBoolean());
        String pat = created.get("token").asText();
        Thread.sleep(4500);
        assertInactive(kc.introspect(pat));
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
    }

    @Test
    void malformedAndForgedTokensAreInactive() {
        String alice = kc.demoToken("alice");
        JsonNode created = create(DEMO, alice, "forgery target " + now(), List.of("api.read"), null);
        String pat = created.get("token").asText();

        char[] body = pat.toCharArray();
        body[10] = body[10] == 'a' ? 'b' : 'a';
        assertInactive(kc.introspect(new String(body)));
        char[] checksum = pat.toCharArray();
        checksum[pat.length() - 1] = checksum[pat.length() - 1] == 'a' ? 'b' : 'a';
        assertInactive(kc.introspect(new String(checksum)));

        assertInactive(kc.introspect("kcpat_"));
        assertInactive(kc.introspect("kcpat_short"));
        assertInactive(kc.introspect(pat + "x"));
        assertInactive(kc.introspect(pat.substring(0, pat.length() - 1)));
        assertInactive(kc.introspect("kcpat_" + "é".repeat(49)));
        assertInactive(kc.introspect("ghp_" + pat.substring(6)));
        assertInactive(kc.introspect("not a token at all"));

        assertTrue(kc.introspect(pat).get("active").asBoolean(), "the genuine token still works");
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
    }

    @Test
    void aDisabledUsersPatIsInactiveUntilReEnabled() {
        String userId = kc.createUser(DEMO, "carol", "carol-password");
        String bearer = kc.userToken(DEMO, "demo-cli", "carol", "carol-password", null);
        String pat = create(DEMO, bearer, "carol's", List.of("api.read"), null).get("token").asText();
        assertTrue(kc.introspect(pat).get("active").asBoolean());

        kc.setUserEnabled(DEMO, userId, false);
        assertInactive(kc.introspect(pat));

        kc.setUserEnabled(DEMO, userId, true);
        assertTrue(kc.introspect(pat).get("active").asBoolean());
        kc.deleteUser(DEMO, userId);
    }

    /**
     * The tokens are gone with their user, not merely unusable: a user re-created with the same id (as an import
     * would) does not inherit them.
     */
    @Test
    void aDeletedUsersPatsAreRemoved() {
        String realm = "removal" + now();
        String userId = "6f0d5f8e-1b7a-4f57-9d49-000000000001";
        Map<String, Object> representation = Realms.load("one-user.json", Map.of("realm", realm, "userId", userId,
                "username", "dave", "firstName", "Dave"));
        kc.createRealm(representation);
        String bearer = kc.userToken(realm, "cli", "dave", "dave-password", null);
        String pat = create(realm, bearer, "dave's", List.of(), now() + 3600).get("token").asText();
        assertTrue(kc.introspect(realm, "checker", "checker-secret", pat, null).get("active").asBoolean());

        kc.deleteUser(realm, userId);
        assertInactive(kc.introspect(realm, "checker", "checker-secret", pat, null));

        expect(kc.adminPost(realm + "/partialImport", Map.of("ifResourceExists", "FAIL", "users", representation.get("users"))), 200);
        assertEquals(userId, kc.userId(realm, "dave"));
        assertInactive(kc.introspect(realm, "checker", "checker-secret", pat, null));
        expect(kc.adminDelete(realm), 204);
    }

    @Test
    void aDeletedRealmsPatsAreRemoved() {
        String realm = "gone" + now();
        String realmId = "0c7f3d1e-5f2a-4c1b-8a8e-" + String.format("%012d", now());
        Map<String, Object> representation = Realms.load("one-user.json", Map.of("realm", realm,
                "userId", "6f0d5f8e-1b7a-4f57-9d49-000000000002", "username", "erin", "firstName", "Erin"));
        representation.put("id", realmId);
        kc.createRealm(representation);
        String bearer = kc.userToken(realm, "cli", "erin", "erin-password", null);
        String pat = create(realm, bearer, "erin's", List.of(), now() + 3600).get("token").asText();
        assertTrue(kc.introspect(realm, "checker", "checker-secret", pat, null).get("active").asBoolean());

        expect(kc.adminDelete(realm), 204);
        kc.createRealm(representation);
        assertInactive(kc.introspect(realm, "checker", "checker-secret", pat, null));
        expect(kc.adminDelete(realm), 204);
    }

    @Test
    void aPatOfOneRealmIsNothingInAnother() {
        String alice = kc.demoToken("alice");
        JsonNode created = create(DEMO, alice, "realm bound " + now(), List.of(), null);
        String realm = "other" + now();
        kc.createRealm(Map.of("realm", realm, "enabled", true,
                "clients", List.of(Map.of("clientId", "personal-access-tokens", "enabled", true, "publicClient", false),
                        CHECKER)));
        assertInactive(kc.introspect(realm, "checker", "checker-secret", created.get("token").asText(), null));
        expect(kc.adminDelete(realm), 204);
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
    }

    @Test
    void switchingThePatClientOffDeactivatesEveryPat() {
        String alice = kc.demoToken("alice");
        JsonNode created = create(DEMO, alice, "kill switch " + now(), List.of("api.read"), null);
        String pat = created.get("token").asText();
        String client = kc.clientUuid(DEMO, "personal-access-tokens");
        try {
            expect(kc.adminPut(DEMO + "/clients/" + client, Map.of("clientId", "personal-access-tokens", "enabled", false)), 204);
            assertInactive(kc.introspect(pat));
        } finally {
            expect(kc.adminPut(DEMO + "/clients/" + client, Map.of("clientId", "personal-access-tokens", "enabled", true)), 204);
        }
        assertTrue(kc.introspect(pat).get("active").asBoolean());
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
    }

    @Test
    void aScopeTakenFromThePatClientLeavesTheTokenScope() {
        String alice = kc.demoToken("alice");
        JsonNode created = create(DEMO, alice, "scope removal " + now(), List.of("api.read", "api.write"), null);
        String pat = created.get("token").asText();
        assertEquals("api.read api.write", sorted(kc.introspect(pat).get("scope").asText()));
        String client = kc.clientUuid(DEMO, "personal-access-tokens");
        String write = kc.clientScopeId(DEMO, "api.write");
        try {
            expect(kc.adminDelete(DEMO + "/clients/" + client + "/optional-client-scopes/" + write), 204);
            assertEquals("api.read", kc.introspect(pat).get("scope").asText());
        } finally {
            expect(kc.adminPut(DEMO + "/clients/" + client + "/optional-client-scopes/" + write, Map.of()), 204);
        }
        assertNotEquals("api.read", sorted(kc.introspect(pat).get("scope").asText()));
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
    }

    private static String sorted(String scope) {
        return String.join(" ", java.util.Arrays.stream(scope.split(" ")).sorted().toList());
    }
}
