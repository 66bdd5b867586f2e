package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.TcpProxy;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database connection cut during requests (PostgreSQL and MariaDB runs; H2 runs inside Keycloak): clear 5xx JSON,
 * nothing half-written, and everything works again once the connection returns.
 */
@KeycloakTest
class DatabaseFaultIT {

    private static IssuedSecrets SECRETS;

    @Test
    void aLostDatabaseGivesClearErrorsAndNothingHalfWritten() throws InterruptedException {
        KeycloakServer server = KeycloakServer.get();
        TcpProxy proxy = server.database().proxy();
        assumeTrue(proxy != null, "runs on PostgreSQL and MariaDB (-Dkc.test.db=postgres|mariadb)");
        KeycloakApi kc = new KeycloakApi(server);
        String alice = kc.demoToken("alice");
        JsonNode before = expect(Http.postJson(kc.patApi(DEMO), alice, Map.of("name", "before the outage " + System.nanoTime(),
                "scopes", List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
        String pat = SECRETS.remember(before.get("token").asText());
        String outageName = "during the outage " + System.nanoTime();

        proxy.cut();
        try {
            for (int i = 0; i < 3; i++) {
                Http.Reply create = Http.postJson(kc.patApi(DEMO), alice, Map.of("name", outageName,
                        "scopes", List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600));
                assertCleanFailure(create);
                Http.Reply introspect = Http.postForm(kc.base() + "/realms/demo/protocol/openid-connect/token/introspect",
                        "demo-api", "demo-api-secret", Map.of("token", pat));
                assertTrue(introspect.status() >= 500 || !introspect.json().get("active").asBoolean(),
                        "never active without the database to say so: " + introspect.body());
                assertTrue(introspect.contentType() != null && introspect.contentType().startsWith("application/json"));
            }
        } finally {
            proxy.restore();
        }

        Http.Reply list = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            list = Http.get(kc.patApi(DEMO), kc.demoTokenOrNull("alice"));
            if (list.status() == 200) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(list != null && list.status() == 200, "works again once the connection returns");
        assertFalse(list.body().contains(outageName), "nothing half-written");
        assertTrue(kc.introspect(pat).get("active").asBoolean());
        expect(Http.delete(kc.patApi(DEMO) + "/" + before.get("id").asText(), kc.demoToken("alice")), 204);
    }

    private static void assertCleanFailure(Http.Reply reply) {
        assertTrue(reply.status() >= 500, "a 5xx while the database is away: " + reply.status() + " " + reply.body());
        assertTrue(reply.contentType() != null && reply.contentType().startsWith("application/json"), reply.contentType());
        assertTrue(reply.json().has("error"), reply.body());
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"), "no stack trace");
    }
}
