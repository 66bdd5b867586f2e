package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The self-service API at /realms/{realm}/personal-access-tokens, against a real Keycloak. */
@KeycloakTest
class SelfServiceApiIT {

    private static IssuedSecrets SECRETS;
    private static KeycloakApi kc;
    private static String api;

    @BeforeAll
    static void start() {
        api = kc.patApi(DEMO);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode create(String bearer, String name, List<String> scopes, Long expiresAt) {
        Http.Reply reply = expect(Http.postJson(api, bearer, KeycloakApi.patBody(name, scopes, expiresAt)), 201);
        JsonNode token = reply.json();
        SECRETS.remember(token.get("token").asText());
        assertEquals(api + "/" + token.get("id").asText(), reply.header("Location"));
        return token;
    }

    @Test
    void createListGetAndDelete() {
        String user = kc.createUser(DEMO, "sam", "sam-password");
        String bearer = kc.userToken(DEMO, "demo-cli", "sam", "sam-password", null);
        long expiresAt = now() + 30 * 86400;

        JsonNode created = create(bearer, "ci-pipeline", List.of("api.read", "api.write"), expiresAt);
        String id = created.get("id").asText();
        String secret = created.get("token").asText();
        assertTrue(secret.startsWith("kcpat_"), "recognisable prefix");
        assertEquals(55, secret.length());
        assertEquals("ci-pipeline", created.get("name").asText());
        assertEquals(List.of("api.read", "api.write"), strings(created.get("scopes")));
        assertEquals(expiresAt, created.get("expiresAt").asLong());
        assertTrue(Math.abs(created.get("createdAt").asLong() - now()) < 60);
        assertTrue(created.get("lastUsedAt").isNull());
        assertEquals("kcpat_..." + secret.substring(secret.length() - 4), created.get("hint").asText());

        JsonNode second = create(bearer, "laptop script", List.of(), null);
        assertTrue(second.get("expiresAt").isNull(), "no expiry");

        JsonNode list = expect(Http.get(api, bearer), 200).json();
        assertEquals(2, list.size());
        for (JsonNode token : list) {
            assertFalse(token.has("token"), "the list never shows a secret");
        }
        assertFalse(Http.get(api, bearer).body().contains(secret.substring(6)));

        JsonNode one = expect(Http.get(api + "/" + id, bearer), 200).json();
        assertEquals("ci-pipeline", one.get("name").asText());
        assertFalse(one.has("token"));

        expect(Http.delete(api + "/" + id, bearer), 204);
        assertError(Http.get(api + "/" + id, bearer), 404, "not_found");
        assertError(Http.delete(api + "/" + id, bearer), 404, "not_found");
        assertEquals(1, expect(Http.get(api, bearer), 200).json().size());
        kc.deleteUser(DEMO, user);
    }

    @Test
    void aUseAtSelfIsTheHoldersOwnNotAClients() {
        String user = kc.createUser(DEMO, "selma", "selma-password");
        try {
            String bearer = kc.userToken(DEMO, "demo-cli", "selma", "selma-password", null);
            JsonNode created = create(bearer, "reads itself", List.of("api.read"), now() + 3600);
            assertTrue(created.get("lastUsedBy").isNull() && created.get("lastUsedVia").isNull(), "never used: " + created);
            String id = created.get("id").asText();

            expect(Http.get(api + "/self", created.get("token").asText()), 200);
            JsonNode own = expect(Http.get(api + "/" + id, bearer), 200).json();
            assertFalse(own.get("lastUsedAt").isNull());
            assertEquals("self", own.get("lastUsedVia").asText(), own.toString());
            assertTrue(own.get("lastUsedBy").isNull(), "the holder presented it: no client");
            assertFalse(own.has("lastUsedIp"), "the self-service API shows no address");

            JsonNode admin = expect(kc.adminGet(DEMO + "/personal-access-tokens/" + id), 200).json();
            assertEquals("self", admin.get("lastUsedVia").asText(), admin.toString());
            assertTrue(admin.get("lastUsedBy").isNull());
            assertFalse(admin.path("lastUsedIp").asText().isBlank(), "the holder's own address, for the admin");
        } finally {
            kc.deleteUser(DEMO, user);
        }
    }

    @Test
    void anotherUsersTokenIsNotFound() {
        String alice = kc.demoToken("alice");
        String bob = kc.demoToken("bob");
        JsonNode token = create(alice, "alice's token " + now(), List.of("api.read"), null);
        String id = token.get("id").asText();

        assertError(Http.get(api + "/" + id, bob), 404, "not_found");
        assertError(Http.delete(api + "/" + id, bob), 404, "not_found");
        assertError(Http.get(api + "/00000000-0000-0000-0000-000000000000", bob), 404, "not_found");
        assertError(Http.get(api + "/not-an-id", bob), 404, "not_found");

        assertTrue(kc.introspect(token.get("token").asText()).get("active").asBoolean(), "bob's attempt changed nothing");
        expect(Http.get(api + "/" + id, alice), 200);
        expect(Http.delete(api + "/" + id, alice), 204);
    }

    @Test
    void aPersonalAccessTokenCannotUseTheSelfServiceApi() {
        String alice = kc.demoToken("alice");
        JsonNode token = create(alice, "cannot mint " + now(), List.of("api.read", "api.write"), null);
        String pat = token.get("token").asText();

        Http.Reply list = Http.get(api, pat);
        assertError(list, 401, "invalid_token");
        assertTrue(list.header("WWW-Authenticate").startsWith("Bearer"));
        assertError(Http.postJson(api, pat, Map.of("name", "minted by a PAT")), 401, "invalid_token");
        assertError(Http.delete(api + "/" + token.get("id").asText(), pat), 401, "invalid_token");
        assertTrue(kc.introspect(pat).get("active").asBoolean(), "still active: the PAT could not delete itself");
        expect(Http.delete(api + "/" + token.get("id").asText(), alice), 204);
    }

    @Test
    void unauthenticatedCallsAreRefused() {
        assertError(Http.get(api, null), 401, "invalid_token");
        assertError(Http.get(api, "not-a-token"), 401, "invalid_token");
        assertError(Http.postJson(api, null, Map.of("name", "x")), 401, "invalid_token");
        assertError(Http.get(api + "/scopes", null), 401, "invalid_token");
    }

    @Test
    void withoutManageAccountTheApiIsForbidden() {
        String userId = kc.createUser(DEMO, "viewer", "viewer-password");
        JsonNode defaultRole = kc.adminGet(DEMO + "/roles/default-roles-demo").json();
        expect(Http.delete(kc.admin(DEMO + "/users/" + userId + "/role-mappings/realm"), adminBearer(), List.of(defaultRole)), 204);
        // the user may still view their profile, so their tokens are meant for the account API, but may not manage it
        String account = kc.clientUuid(DEMO, "account");
        JsonNode viewProfile = kc.adminGet(DEMO + "/clients/" + account + "/roles/view-profile").json();
        expect(kc.adminPost(DEMO + "/users/" + userId + "/role-mappings/clients/" + account, List.of(viewProfile)), 204);
        String bearer = kc.userToken(DEMO, "demo-cli", "viewer", "viewer-password", null);
        assertError(Http.get(api, bearer), 403, "access_denied");
        assertError(Http.postJson(api, bearer, Map.of("name", "x")), 403, "access_denied");
        kc.deleteUser(DEMO, userId);
    }

    @Test
    void badInputGetsAClearBadRequest() {
        String alice = kc.demoToken("alice");
        assertError(Http.postJson(api, alice, Map.of("name", "")), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("name", "   ")), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("name", "x".repeat(101))), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("scopes", List.of("api.read"))), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("name", "n", "expiresAt", now() - 10)), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("name", "n", "expiresAt", System.currentTimeMillis() + 86_400_000L * 400_000)), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("name", "n", "expiresAt", "tomorrow")), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("name", "n", "expires_at", now() + 100)), 400, "invalid_request");
        assertError(Http.postJson(api, alice, Map.of("name", "n", "scopes", "api.read")), 400, "invalid_request");
        assertError(Http.postJson(api, alice, "{not json"), 400, "invalid_request");
        assertError(Http.postJson(api, alice, "[]"), 400, "invalid_request");
        assertError(Http.post(api, alice, "text/plain", "{\"name\":\"n\"}"), 415, "invalid_request");

        Http.Reply unknownScope = Http.postJson(api, alice, Map.of("name", "n", "scopes", List.of("api.read", "admin")));
        assertError(unknownScope, 400, "invalid_scope");
        assertTrue(unknownScope.json().get("error_description").asText().contains("admin"));
        // a scope of the realm that the PAT client does not offer is just as unknown
        assertError(Http.postJson(api, alice, Map.of("name", "n", "scopes", List.of("profile"))), 400, "invalid_scope");

        for (JsonNode token : expect(Http.get(api, alice), 200).json()) {
            assertFalse(token.get("name").asText().equals("n"), "no refused request left a token behind");
        }
    }

    @Test
    void aDuplicateNameConflicts() {
        String alice = kc.demoToken("alice");
        String name = "deploy bot " + now();
        JsonNode first = create(alice, name, List.of(), null);
        assertError(Http.postJson(api, alice, Map.of("name", name)), 409, "conflict");
        // another user may use the same name
        JsonNode bobs = create(kc.demoToken("bob"), name, List.of(), null);
        expect(Http.delete(api + "/" + first.get("id").asText(), alice), 204);
        expect(Http.delete(api + "/" + bobs.get("id").asText(), kc.demoToken("bob")), 204);
    }

    @Test
    void selectableScopesCarryTheirDescriptions() {
        JsonNode scopes = expect(Http.get(api + "/scopes", kc.demoToken("alice")), 200).json();
        assertEquals(2, scopes.size());
        for (JsonNode scope : scopes) {
            assertTrue(List.of("api.read", "api.write").contains(scope.get("name").asText()));
            assertFalse(scope.get("description").asText().isBlank());
        }
    }

    @Test
    void aRealmWithoutThePatClientSaysSo() {
        String realm = "nopat" + now();
        kc.createRealm(Map.of("realm", realm, "enabled", true));
        kc.createUser(realm, "zoe", "zoe-password");
        // admin-cli issues lightweight access tokens: the account claims are re-computed, as Keycloak's account API does
        String bearer = kc.userToken(realm, "admin-cli", "zoe", "zoe-password", null);
        Http.Reply reply = Http.get(kc.patApi(realm), bearer);
        assertError(reply, 404, "not_enabled");
        assertTrue(reply.json().get("error_description").asText().contains("not enabled"));
        expect(kc.adminDelete(realm), 204);
    }

    private String adminBearer() {
        return kc.userToken("master", "admin-cli", "admin", "admin", null);
    }

    static void assertError(Http.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType() != null && reply.contentType().startsWith("application/json"), "JSON error: " + reply.contentType());
        assertEquals(error, reply.json().get("error").asText(), reply.body());
        assertNotNull(reply.json().get("error_description"));
        assertNull(reply.json().get("token"));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
