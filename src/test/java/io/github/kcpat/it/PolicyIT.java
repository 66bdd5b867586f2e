package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A realm's policy: secure defaults, edited through the admin API, enforced on new tokens and on existing ones. */
@org.junit.jupiter.api.Tag("line-independent")
@KeycloakTest(realm = "policy")
class PolicyIT {

    private static IssuedSecrets SECRETS;
    private static final long DAY = 86_400;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String policyPath() {
        return realm.name() + "/personal-access-tokens/policy";
    }

    private static JsonNode setPolicy(Map<String, Object> change) {
        return expect(kc.adminPut(policyPath(), change), 200).json();
    }

    private static JsonNode created(Http.Reply reply) {
        JsonNode token = expect(reply, 201).json();
        SECRETS.remember(token.get("token").asText());
        return token;
    }

    @Test
    void defaultsAreSecureAndRefusalsArePlain() {
        JsonNode policy = expect(kc.adminGet(policyPath()), 200).json();
        assertTrue(policy.get("expiryRequired").asBoolean());
        assertEquals(365, policy.get("maxLifetimeDays").asInt());
        assertEquals(30, policy.get("defaultLifetimeDays").asInt());
        assertEquals(50, policy.get("maxTokensPerUser").asInt());
        assertEquals(0, policy.get("unusedRevokeDays").asInt());

        realm.user("dana");
        String bearer = realm.bearer("dana");
        JsonNode consoles = expect(Http.get(kc.patApi(realm.name()) + "/policy", bearer), 200).json();
        assertTrue(consoles.get("keycloakLine").get("tested").asBoolean(), "and, beside it, the server's line: " + consoles);
        ((com.fasterxml.jackson.databind.node.ObjectNode) consoles).remove("keycloakLine");
        assertEquals(policy, consoles, "the console reads the same policy");

        Http.Reply forever = realm.create(bearer, "forever", null);
        assertEquals(400, forever.status());
        assertEquals("policy_violation", forever.json().get("error").asText());
        assertTrue(forever.json().get("error_description").asText().contains("expiration date"), forever.body());

        Http.Reply tooLong = realm.create(bearer, "too long", now() + 400 * DAY);
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.json().get("error_description").asText().contains("at most 365 days"), tooLong.body());

        created(realm.create(bearer, "a year", now() + 365 * DAY - 60));
    }

    @Test
    void badPoliciesAreRefused() {
        assertEquals(400, kc.adminPut(policyPath(), Map.of("maxLifetimeDays", -1)).status());
        assertEquals(400, kc.adminPut(policyPath(), Map.of("maxLifetimeDays", 10, "defaultLifetimeDays", 30)).status());
        assertEquals(400, kc.adminPut(policyPath(), Map.of("maxTokenz", 3)).status());
        assertEquals(400, kc.adminPut(policyPath(), Map.of("expiryRequired", "sometimes")).status());
        assertEquals(400, kc.adminPut(policyPath(), Map.of("maxAuthAgeSeconds", 0)).status());
        assertEquals(400, kc.adminPut(policyPath(), Map.of("creationClients", "cli")).status(), "a list, not a string");
        assertEquals(400, kc.adminPut(policyPath(), java.util.Collections.singletonMap("creationClients",
                java.util.Arrays.asList("cli", null))).status());
        assertEquals(400, kc.adminPut(policyPath(), Map.of("creationClients", List.of("two words"))).status());
        Http.Reply reply = kc.adminPut(policyPath(), Map.of("unusedRevokeDays", 100_000));
        assertEquals("invalid_request", reply.json().get("error").asText());
        assertEquals(365, expect(kc.adminGet(policyPath()), 200).json().get("maxLifetimeDays").asInt(), "nothing changed");

        // a user cannot change it
        realm.user("eli");
        assertEquals(403, Http.putJson(kc.admin(policyPath()), realm.bearer("eli"), Map.of("maxLifetimeDays", 0)).status());
    }

    @Test
    void theMostTokensAUserMayHold() {
        setPolicy(Map.of("maxTokensPerUser", 2));
        try {
            realm.user("finn");
            String bearer = realm.bearer("finn");
            created(realm.create(bearer, "one", now() + DAY));
            created(realm.create(bearer, "two", now() + DAY));
            Http.Reply third = realm.create(bearer, "three", now() + DAY);
            assertEquals(400, third.status());
            assertEquals("policy_violation", third.json().get("error").asText());
            assertTrue(third.json().get("error_description").asText().contains("at most 2"), third.body());
        } finally {
            setPolicy(Map.of("maxTokensPerUser", 50));
        }
    }

    @Test
    void tighteningThePolicyStopsTokensThatBreakIt() {
        realm.user("gus");
        String bearer = realm.bearer("gus");
        JsonNode old = created(realm.create(bearer, "old", now() + 300 * DAY));
        JsonNode young = created(realm.create(bearer, "young", now() + 300 * DAY));
        server.database().age(old.get("id").asText(), 20 * DAY);
        assertTrue(realm.introspect(old.get("token").asText()).get("active").asBoolean());

        setPolicy(Map.of("maxLifetimeDays", 10, "defaultLifetimeDays", 7));
        try {
            assertFalse(realm.introspect(old.get("token").asText()).get("active").asBoolean(),
                    "created 20 days ago: past the new 10-day limit");
            JsonNode answer = realm.introspect(young.get("token").asText());
            assertTrue(answer.get("active").asBoolean());
            assertEquals(young.get("createdAt").asLong() + 10 * DAY, answer.get("exp").asLong(), "expires at the new limit");
        } finally {
            setPolicy(Map.of("maxLifetimeDays", 365, "defaultLifetimeDays", 30));
        }
        assertTrue(realm.introspect(old.get("token").asText()).get("active").asBoolean(), "loosened again");

        setPolicy(Map.of("maxLifetimeDays", 0, "expiryRequired", false));
        JsonNode forever = created(realm.create(bearer, "forever", null));
        assertTrue(realm.introspect(forever.get("token").asText()).get("active").asBoolean());
        setPolicy(Map.of("expiryRequired", true));
        try {
            assertFalse(realm.introspect(forever.get("token").asText()).get("active").asBoolean(),
                    "expiry now required: a token without one stops");
        } finally {
            setPolicy(Map.of("maxLifetimeDays", 365, "expiryRequired", true));
        }
    }

    @Test
    void changesToThePolicyAreAdminEvents() {
        setPolicy(Map.of("defaultLifetimeDays", 14));
        setPolicy(Map.of("defaultLifetimeDays", 30));
        // Keycloak's admin-events query filters only its own resource types, so the test filters itself
        JsonNode all = expect(kc.adminGet(realm.name() + "/admin-events?operationTypes=UPDATE&max=500"), 200).json();
        java.util.List<JsonNode> events = new java.util.ArrayList<>();
        all.forEach(e -> {
            if ("PERSONAL_ACCESS_TOKEN_POLICY".equals(e.get("resourceType").asText())) {
                events.add(e);
            }
        });
        assertTrue(events.size() >= 2, all.toString());
        assertTrue(events.get(0).get("representation").asText().contains("\"defaultLifetimeDays\":30"), events.get(0).toString());
    }
}
