package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar on a Keycloak version it does not support switches its PAT paths off with one ERROR line at start, and
 * Keycloak keeps working. On a supported version the line never appears. CI runs this class alone on an unsupported
 * distribution ({@code -Dkeycloak.server.version=26.5.0 -Dit.test=VersionGateIT}).
 */
class VersionGateIT {

    private static final List<String> SUPPORTED = List.of("26.4.7", "26.5.6", "26.7.0", "26.7.3");
    private static final String REFUSAL = "Personal access tokens are switched off: this is Keycloak ";

    @Test
    void onAnUnsupportedVersionPatsAreOffAndKeycloakWorks() {
        KeycloakServer server = KeycloakServer.get();
        KeycloakApi kc = new KeycloakApi(server);
        String version = System.getProperty("keycloak.server.version");
        List<String> refusals = server.log().lines().filter(line -> line.contains(REFUSAL)).toList();
        if (SUPPORTED.contains(version)) {
            assertEquals(List.of(), refusals, "no refusal on a supported version");
            return;
        }
        assertEquals(1, refusals.size(), "one line: " + refusals);
        assertTrue(refusals.get(0).contains("ERROR"), refusals.get(0));
        assertTrue(refusals.get(0).contains(version), refusals.get(0));
        SUPPORTED.forEach(v -> assertTrue(refusals.get(0).contains(v), v));

        // Keycloak's own introspection answers as ever
        String jwt = kc.demoToken("alice");
        JsonNode answer = kc.introspect(jwt);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertFalse(kc.introspect("kcpat_" + "A".repeat(49)).get("active").asBoolean());

        // the PAT paths answer a clear JSON 404, never a 500
        for (Http.Reply reply : List.of(Http.get(kc.patApi(DEMO), jwt),
                Http.postJson(kc.patApi(DEMO), jwt, Map.of("name", "x")),
                kc.adminGet(DEMO + "/personal-access-tokens"),
                kc.adminGet(DEMO + "/personal-access-tokens/policy"))) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("not_enabled", reply.json().get("error").asText());
        }
        assertFalse(server.log().contains("NoSuchMethodError"), "nothing of the extension failed at run time");
    }
}
