package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin PAT API attacked by lesser admins: a user manager mints no stronger bot token and receives no person's
 * secret, and without rights an existing and an unknown token id answer the same.
 */
@KeycloakTest(realm = "security-admins", from = "security.json")
class SecurityAdminEscalationIT extends SecurityAttacks {

    @Test
    void aUserManagerMintsNoStrongerBotAndReceivesNoPersonsSecret() {
        String mallory = login("mallory");
        String botPath = kc.admin(realm + "/personal-access-tokens/service-accounts/");
        Map<String, Object> body = Map.of("name", "escalate " + now(), "scopes", List.of("api.read"), "expiresAt", now() + DAY);
        Http.Reply robot = Http.postJson(botPath + "robot", mallory, body);
        assertEquals(403, robot.status(), robot.body());
        Http.Reply unknown = Http.postJson(botPath + "no-such-client", mallory, body);
        assertEquals(403, unknown.status(), "the same answer whether the client exists or not: " + unknown.body());
        assertEquals(robot.json().get("error").asText(), unknown.json().get("error").asText());

        JsonNode alices = expect(create(login("alice"), "alice's " + now(), List.of("api.read")), 201).json();
        SECRETS.remember(alices.get("token").asText());
        Http.Reply regenerated = Http.post(kc.admin(realm + "/personal-access-tokens/" + alices.get("id").asText() + "/regenerate"),
                mallory, "application/json", "");
        assertEquals(403, regenerated.status(), regenerated.body());
        assertFalse(regenerated.body().contains("kcpat_"));
        assertTrue(introspect("rs", "rs-secret", alices.get("token").asText()).get("active").asBoolean());

        // a realm admin may mint and regenerate the bot's token, but still never a person's
        String root = login("root");
        JsonNode bot = expect(Http.postJson(botPath + "robot", root, body), 201).json();
        SECRETS.remember(bot.get("token").asText());
        Http.Reply botRegenerated = Http.post(kc.admin(realm + "/personal-access-tokens/" + bot.get("id").asText() + "/regenerate"),
                root, "application/json", "");
        assertEquals(200, botRegenerated.status(), botRegenerated.body());
        assertEquals("no-store", botRegenerated.header("Cache-Control"));
        SECRETS.remember(botRegenerated.json().get("token").asText());
        assertEquals(403, Http.post(kc.admin(realm + "/personal-access-tokens/" + alices.get("id").asText() + "/regenerate"),
                root, "application/json", "").status());
        // mallory may not regenerate the realm-admin bot's token either: its secret would be stronger than her
        assertEquals(403, Http.post(kc.admin(realm + "/personal-access-tokens/" + bot.get("id").asText() + "/regenerate"),
                mallory, "application/json", "").status());
    }

    @Test
    void withoutRightsExistingAndUnknownIdsAnswerTheSame() {
        JsonNode alices = expect(create(login("alice"), "probe me " + now(), List.of("api.read")), 201).json();
        SECRETS.remember(alices.get("token").asText());
        String existing = realm + "/personal-access-tokens/" + alices.get("id").asText();
        String unknown = realm + "/personal-access-tokens/00000000-0000-0000-0000-000000000000";
        String viewer = login("viewer");
        String nobody = login("alice");
        for (String bearer : List.of(viewer, nobody)) {
            Http.Reply a = Http.delete(kc.admin(existing), bearer);
            Http.Reply b = Http.delete(kc.admin(unknown), bearer);
            assertEquals(403, a.status(), a.body());
            assertEquals(403, b.status(), b.body());
            assertEquals(403, Http.post(kc.admin(existing + "/regenerate"), bearer, "application/json", "").status());
            assertEquals(403, Http.post(kc.admin(unknown + "/regenerate"), bearer, "application/json", "").status());
            assertEquals(403, Http.delete(kc.admin(realm + "/personal-access-tokens/users/" + kc.userId(realm, "alice")), bearer).status());
            assertEquals(403, Http.delete(kc.admin(realm + "/personal-access-tokens/users/no-such-user"), bearer).status());
        }
        assertEquals(403, Http.get(kc.admin(existing), nobody).status());
        assertEquals(403, Http.get(kc.admin(unknown), nobody).status());
        assertEquals(200, Http.get(kc.admin(existing), viewer).status(), "view-users sees it");
        assertEquals(404, Http.get(kc.admin(unknown), viewer).status());
        assertTrue(introspect("rs", "rs-secret", alices.get("token").asText()).get("active").asBoolean());
    }
}
