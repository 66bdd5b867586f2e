package io.github.kcpat.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keycloak's own APIs attacked through a PAT: nothing derived from a PAT manages anything, whoever holds it (a realm
 * admin, a realm-admin service account, a PAT client with full scope), and the PAT's own endpoints take the PAT alone.
 */
@org.junit.jupiter.api.Tag("database-independent")
@KeycloakTest(realm = "security-apis", from = "security.json")
class SecurityKeycloakApisIT extends SecurityAttacks {

    @Test
    void aRealmAdminsPatAndEverythingExchangedFromItManageNothing() {
        String pat = pat(login("root"), "root's reader " + now(), List.of("api.read"));
        JsonNode introspected = introspect("rs", "rs-secret", pat);
        assertTrue(introspected.get("active").asBoolean());
        assertFalse(introspected.toString().contains("realm-management"), "least privilege: " + introspected);

        String exchanged = exchanged("rs", "rs-secret", pat, Map.of());
        String again = exchanged("rs", "rs-secret", exchanged, Map.of());
        for (String token : List.of(pat, exchanged, again)) {
            assertManagesNothing(token);
        }
    }

    /**
     * {@code /self} and {@code /self/rotate} take the PAT itself and nothing else: not a token exchanged from it, not
     * the user's own access token; another realm does not know it; the PAT still manages nothing (not even this realm's
     * PAT setup); and rotating ends every token exchanged before.
     */
    @Test
    void onlyThePatItselfIsABearerAtSelfAndRotationEndsWhatWasDerived() {
        String bearer = login("root");
        Map<String, Object> body = new HashMap<>(Map.of("name", "self rotating " + now(), "scopes", List.of("api.read"),
                "expiresAt", now() + DAY, "selfRotate", true));
        Http.Reply created = Http.postJson(kc.patApi(realm), bearer, body);
        assertEquals(201, created.status(), created.body());
        String pat = SECRETS.remember(created.json().get("token").asText());
        String derived = exchanged("rs", "rs-secret", pat, Map.of());

        for (String other : List.of(derived, bearer)) {
            assertEquals(401, Http.get(kc.patApi(realm) + "/self", other).status());
            assertEquals(401, Http.postJson(kc.patApi(realm) + "/self/rotate", other, Map.of()).status());
        }
        assertEquals(401, Http.get(kc.patApi(KeycloakApi.DEMO) + "/self", pat).status(), "another realm does not know it");
        String setup = kc.base() + "/admin/realms/" + realm + "/personal-access-tokens/setup";
        for (String token : List.of(pat, derived)) {
            assertEquals(401, Http.get(setup, token).status());
            assertEquals(401, Http.postJson(setup, token, Map.of("accountTheme", true)).status());
        }

        Http.Reply rotated = Http.postJson(kc.patApi(realm) + "/self/rotate", pat, Map.of());
        assertEquals(200, rotated.status(), rotated.body());
        String fresh = SECRETS.remember(rotated.json().get("token").asText());
        assertFalse(introspect("rs", "rs-secret", derived).get("active").asBoolean(), "exchanged before: ended");
        assertFalse(introspect("rs", "rs-secret", pat).get("active").asBoolean());
        assertTrue(introspect("rs", "rs-secret", fresh).get("active").asBoolean());
        Http.Reply stale = exchange("rs", "rs-secret", pat, Map.of());
        assertTrue(stale.status() >= 400 && stale.status() < 500, "the old secret no longer exchanges: " + stale.body());
        assertManagesNothing(fresh);
        assertManagesNothing(exchanged("rs", "rs-secret", fresh, Map.of()));
    }

    @Test
    void fullScopeOnThePatClientStillReachesNoKeycloakApi() {
        String client = kc.clientUuid(realm, "personal-access-tokens");
        setFullScope(client, true);
        try {
            String pat = pat(login("root"), "full scope " + now(), List.of("api.read"));
            assertTrue(introspect("rs", "rs-secret", pat).toString().contains("realm-admin"),
                    "full scope lets the PAT carry the admin's roles (which is why it is warned about)");
            String exchanged = exchanged("rs", "rs-secret", pat, Map.of());
            assertFalse(claims(exchanged).toString().contains("realm-management"), "never names Keycloak's own clients");
            String again = exchanged("rs", "rs-secret", exchanged, Map.of());
            for (String token : List.of(pat, exchanged, again)) {
                assertManagesNothing(token);
            }
            JsonNode adminPolicy = expect(kc.adminGet(realm + "/personal-access-tokens/policy"), 200).json();
            assertTrue(adminPolicy.get("warnings").toString().contains("Full scope allowed"), adminPolicy.toString());
            JsonNode userPolicy = expect(Http.get(kc.patApi(realm) + "/policy", login("alice")), 200).json();
            assertTrue(userPolicy.get("warnings").toString().contains("Full scope allowed"));
        } finally {
            setFullScope(client, false);
        }
        JsonNode policy = expect(kc.adminGet(realm + "/personal-access-tokens/policy"), 200).json();
        assertEquals(0, policy.get("warnings").size(), policy.toString());
    }

    @Test
    void aBotTokenOfARealmAdminServiceAccountManagesNothing() {
        Http.Reply minted = kc.adminPost(realm + "/personal-access-tokens/service-accounts/robot",
                Map.of("name", "robot " + now(), "scopes", List.of("api.read"), "expiresAt", now() + DAY));
        JsonNode bot = expect(minted, 201).json();
        String secret = SECRETS.remember(bot.get("token").asText());
        assertEquals("no-store", minted.header("Cache-Control"));
        String exchanged = exchanged("rs", "rs-secret", secret, Map.of());
        assertManagesNothing(secret);
        assertManagesNothing(exchanged);
    }

    private static void setFullScope(String clientUuid, boolean on) {
        JsonNode representation = kc.adminGet(realm + "/clients/" + clientUuid).json();
        ((ObjectNode) representation).put("fullScopeAllowed", on);
        expect(kc.adminPut(realm + "/clients/" + clientUuid, representation), 204);
    }
}
