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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Revoke by value answers first and revokes after. A report that was answered {@code 202} must still be carried out
 * when the node dies right after answering: here the node is told to leave reports to the sweep (as a node that dies at
 * once would), is killed, and the next start's sweep revokes the token.
 */
@Tag("restarts")
@KeycloakTest
class ExposureReportDurabilityIT {

    private static IssuedSecrets SECRETS;

    @Test
    void aReportAnsweredRightBeforeACrashIsStillCarriedOut() throws InterruptedException {
        KeycloakServer server = KeycloakServer.get();
        KeycloakApi kc = new KeycloakApi(server);
        server.restartWith(List.of("--spi-personal-access-token--jpa--exposure-sweep-interval=3600"),
                "-Dkcpat.test.defer-exposure-revocation=true");
        String alice = kc.demoToken("alice");
        JsonNode created = expect(Http.postJson(kc.patApi(DEMO), alice, Map.of("name", "crash " + System.nanoTime(),
                "scopes", List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
        String pat = SECRETS.remember(created.get("token").asText());
        assertEquals(202, kc.reportExposed(DEMO, List.of(pat)).status());
        Thread.sleep(1000);
        assertTrue(kc.introspect(pat).get("active").asBoolean(), "the node left the report to the sweep");

        server.crashAndRestart(List.of("--spi-personal-access-token--jpa--exposure-sweep-interval=2"), null);

        long deadline = System.currentTimeMillis() + 90_000;
        while (kc.introspect(pat).get("active").asBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "the report taken before the crash was never carried out");
            Thread.sleep(500);
        }
        assertEquals(404, Http.get(kc.patApi(DEMO) + "/" + created.get("id").asText(), kc.demoToken("alice")).status());
        // the server goes on with the suite's options, but for a sweep every 2 s: no test depends on the sweep's pace
    }
}
