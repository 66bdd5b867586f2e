package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restart on the same database: the changelog applies again cleanly and every token still works. */
@Tag("restarts")
@KeycloakTest
class RestartIT {

    private static IssuedSecrets SECRETS;

    @Test
    void tokensSurviveARestart() {
        KeycloakServer server = KeycloakServer.get();
        KeycloakApi kc = new KeycloakApi(server);
        String alice = kc.demoToken("alice");
        JsonNode created = expect(Http.postJson(kc.patApi(DEMO), alice, Map.of("name", "survivor " + System.nanoTime(),
                "scopes", List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
        String pat = SECRETS.remember(created.get("token").asText());
        assertTrue(kc.introspect(pat).get("active").asBoolean());
        // a realm whose PAT client has full scope allowed (as a new client has): the server warns at start
        String wide = "wide" + System.currentTimeMillis() / 1000;
        kc.createRealm(Map.of("realm", wide, "enabled", true, "clients", List.of(Map.of("clientId", "personal-access-tokens",
                "enabled", true, "publicClient", false, "fullScopeAllowed", true))));

        long startsBefore = starts(server);
        server.restart();

        String log = server.log();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("Realm " + wide
                + ": the personal access token setup has \\d+ finding\\(s\\): .*").matcher(log);
        assertTrue(line.find(), "the health check of the realm logged at start");
        assertTrue(line.group().contains("FULL_SCOPE: The 'personal-access-tokens' client has 'Full scope allowed' on"),
                "warned at start about the realm with full scope: " + line.group());
        assertFalse(log.lines().anyMatch(l -> l.contains("Realm demo: ") && l.contains("FULL_SCOPE")),
                "the demo realm has full scope off");
        expect(kc.adminDelete(wide), 204);

        JsonNode answer = kc.introspect(pat);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertEquals(created.get("id").asText(), answer.get("pat_id").asText());
        assertEquals(startsBefore + 1, starts(server), "one server log, one more start");
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), kc.demoToken("alice")), 204);
    }

    private static long starts(KeycloakServer server) {
        return server.log().split("Listening on:", -1).length - 1;
    }
}
