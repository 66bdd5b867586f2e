package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Keycloak nodes on loopback, on different ports, sharing one PostgreSQL database and forming one Keycloak cluster:
 * a PAT created through node A is active at node B; deleted through node B, it is inactive at node A on the very next
 * request. (The extension keeps no cache of its own: every answer comes from the shared database.)
 */
class ClusterIT {

    private static final IssuedSecrets SECRETS = new IssuedSecrets();

    @Test
    void aTokenIsTheSameOnEveryNode() throws InterruptedException {
        KeycloakServer main = KeycloakServer.get();
        assumeTrue("postgres".equals(main.database().kind()), "runs on PostgreSQL (-Dkc.test.db=postgres)");
        KeycloakServer a = KeycloakServer.clusterNode("node-a");
        KeycloakServer b = null;
        try {
            b = KeycloakServer.clusterNode("node-b");
            awaitClusterOfTwo(a);
            KeycloakApi atA = new KeycloakApi(a);
            KeycloakApi atB = new KeycloakApi(b);

            JsonNode created = expect(Http.postJson(atA.patApi(DEMO), atA.demoToken("alice"), Map.of("name",
                    "cluster " + System.nanoTime(), "scopes", List.of("api.read"),
                    "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
            String pat = SECRETS.remember(created.get("token").asText());
            assertTrue(atB.introspect(pat).get("active").asBoolean(), "created at A, active at B");
            assertTrue(atA.introspect(pat).get("active").asBoolean());

            expect(Http.delete(atB.patApi(DEMO) + "/" + created.get("id").asText(), atB.demoToken("alice")), 204);
            assertFalse(atA.introspect(pat).get("active").asBoolean(), "deleted at B, inactive at A at once");
            assertFalse(atB.introspect(pat).get("active").asBoolean());
            SECRETS.assertNoneIn(a.log() + b.log());
        } finally {
            if (b != null) {
                b.shutdown();
            }
            a.shutdown();
        }
    }

    private static void awaitClusterOfTwo(KeycloakServer node) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            if (node.log().matches("(?s).*ISPN000094: Received new cluster view for channel ISPN: \\[[^\\]]*\\] \\(2\\).*")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("The two nodes did not form a cluster; see their logs in target/");
    }
}
