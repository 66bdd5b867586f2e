package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken state fails closed: an unreadable policy attribute is read as the strictest setting, and a token whose user
 * vanished is inactive, absent and cleaned up.
 */
@org.junit.jupiter.api.Tag("line-independent")
@KeycloakTest(realm = "security-closed", from = "security.json")
class SecurityFailsClosedIT extends SecurityAttacks {

    @Test
    void anUnreadablePolicyAttributeFailsClosedWithAWarning() {
        setRealmAttribute("personalAccessTokens.maxTokensPerUser", "lots");
        try {
            JsonNode policy = expect(kc.adminGet(realm + "/personal-access-tokens/policy"), 200).json();
            assertEquals(1, policy.get("maxTokensPerUser").asInt(), "read as the strictest setting");
            assertTrue(policy.get("warnings").toString().contains("personalAccessTokens.maxTokensPerUser"), policy.toString());
            kc.createUser(realm, "frank", "frank-password");
            String frank = kc.userToken(realm, "cli", "frank", "frank-password", null);
            JsonNode first = expect(create(frank, "first", List.of()), 201).json();
            SECRETS.remember(first.get("token").asText());
            Http.Reply second = create(frank, "second", List.of());
            assertEquals(400, second.status(), second.body());
            assertEquals("policy_violation", second.json().get("error").asText());
        } finally {
            setRealmAttribute("personalAccessTokens.maxTokensPerUser", "50");
        }
    }

    @Test
    void aTokenWhoseUserVanishedIsInactiveAbsentAndCleanedUp() {
        kc.createUser(realm, "ghost", "ghost-password");
        String ghost = kc.userToken(realm, "cli", "ghost", "ghost-password", null);
        JsonNode created = expect(create(ghost, "haunted", List.of("api.read")), 201).json();
        String secret = SECRETS.remember(created.get("token").asText());
        String id = created.get("id").asText();
        // the user vanishes without Keycloak being told, as when a user federation provider is removed
        assertEquals(1, server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET USER_ID = ? WHERE ID = ?",
                "vanished-" + now(), id));

        assertFalse(introspect("rs", "rs-secret", secret).get("active").asBoolean());
        String api = realm + "/personal-access-tokens/" + id;
        assertEquals(404, kc.adminGet(api).status());
        Http.Reply regenerate = kc.adminPost(api + "/regenerate", Map.of());
        assertEquals(404, regenerate.status(), regenerate.body());
        assertEquals(404, kc.adminDelete(api).status());

        JsonNode outcome = expect(kc.adminPost(realm + "/personal-access-tokens/lifecycle", Map.of()), 200).json();
        assertTrue(outcome.get("orphansRemoved").asInt() >= 1, outcome.toString());
        assertEquals(0, server.database().update("DELETE FROM PERSONAL_ACCESS_TOKEN WHERE ID = ?", id), "already gone");
    }

    private static void setRealmAttribute(String name, String value) {
        JsonNode representation = kc.adminGet(realm).json();
        ((ObjectNode) representation.get("attributes")).put(name, value);
        expect(kc.adminPut(realm, representation), 204);
    }
}
