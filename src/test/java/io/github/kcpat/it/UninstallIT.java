package io.github.kcpat.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.docs.ChangelogTables;
import io.github.kcpat.docs.UninstallCommands;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.TestDatabase;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's Uninstall, on the database of the run: with rows in the extension's tables, the server is stopped, the
 * jar taken out of {@code providers/} and the README's command for this database run as written (through H2's shell,
 * {@code psql} or {@code mariadb}, with Keycloak's {@code KC_DB_*} settings in the environment). Keycloak then starts
 * without the extension and works, and no table of the changelog, nor its history table, is left. Afterwards the jar
 * goes back and the server restarts as the suite had it: Liquibase makes the tables again and a PAT works.
 */
@Tag("restarts")
@KeycloakTest(realm = "uninstall")
class UninstallIT {

    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static IssuedSecrets SECRETS;

    @Test
    void theReadmesCommandDropsEveryTableAndKeycloakWorksWithoutTheExtension() throws Exception {
        TestDatabase database = server.database();
        String command = UninstallCommands.of(Path.of("README.md")).get(database.kind());
        Set<String> extension = ChangelogTables.read().all();
        makeRowsInTheExtensionsTables();
        assertEquals(extension, ofTheExtension(database.tables(), extension), "the extension's tables are there to drop");
        Map<String, Long> rows = rows(database);
        for (String table : List.of("PERSONAL_ACCESS_TOKEN", "PERSONAL_ACCESS_TOKEN_HOLDER", "PAT_RETIRED_SECRET",
                "PAT_SCOPE_REQUEST", ChangelogTables.historyTable())) {
            assertTrue(rows.get(table) > 0, "rows in " + table + ": " + rows);
        }

        Path jar = providerJar();
        Path aside = Files.createTempDirectory("uninstall").resolve(jar.getFileName());
        try {
            server.shutdown();
            Files.move(jar, aside);
            runAsWritten(command, database);
            server.restart();

            assertEquals(Set.of(), ofTheExtension(database.tables(), extension), "no table of the extension is left");
            expect(kc.adminGet(DEMO), 200);
            String alice = kc.demoToken("alice");
            assertTrue(kc.introspect(alice).get("active").asBoolean(), "Keycloak's own tokens work");
            assertEquals(404, Http.get(kc.patApi(DEMO), alice).status(), "the extension's API is gone");
            assertFalse(server.logSinceLastStart().contains("io.github.kcpat"), "nothing of the extension ran");
        } finally {
            if (Files.exists(aside)) {
                Files.move(aside, jar);
            }
            server.restart();
        }

        assertEquals(extension, ofTheExtension(database.tables(), extension), "Liquibase made the tables again");
        JsonNode created = expect(Http.postJson(kc.patApi(DEMO), kc.demoToken("alice"), KeycloakApi.patBody(
                "after reinstall " + System.nanoTime(), List.of("api.read"), System.currentTimeMillis() / 1000 + 3600)), 201).json();
        assertTrue(kc.introspect(SECRETS.remember(created.get("token").asText())).get("active").asBoolean());
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), kc.demoToken("alice")), 204);
    }

    /** A token, its holder's lock row, a retired secret (regenerated with an overlap), a bot token, a scope request. */
    private static void makeRowsInTheExtensionsTables() {
        String policy = realm.name() + "/personal-access-tokens/policy";
        expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 3600)), 200);
        realm.user("una");
        String una = realm.bearer("una");
        JsonNode token = expect(realm.create(una, "uninstall", now() + 3600), 201).json();
        SECRETS.remember(token.get("token").asText());
        SECRETS.remember(expect(Http.postJson(kc.patApi(realm.name()) + "/" + token.get("id").asText() + "/regenerate", una,
                Map.of("overlapSeconds", 600)), 200).json().get("token").asText());

        expect(kc.adminPost(realm.name() + "/clients", Map.of("clientId", "uninstall-bot", "enabled", true,
                "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false)), 201);
        SECRETS.remember(expect(kc.adminPost(realm.name() + "/personal-access-tokens/service-accounts/uninstall-bot",
                KeycloakApi.patBody("nightly", List.of("files.read"), now() + 3600)), 201).json().get("token").asText());

        expect(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "files.read")))), 200);
        SECRETS.remember(expect(realm.create(una, "needs approval", now() + 3600), 201).json().get("token").asText());
    }

    /** The README's command, as written, in bash from Keycloak's folder, with the database's settings in the environment. */
    private static void runAsWritten(String command, TestDatabase database) throws Exception {
        Path script = Files.createTempFile("uninstall", ".sh");
        Files.writeString(script, "set -eo pipefail\n" + command);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(server.home().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(database.keycloakEnvironment());
        // H2's shell runs on the Java that runs the tests
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the README's command still runs after 120 s:\n" + command);
        }
        // H2's shell prints a failed statement as "Error: …" and still exits with 0
        if (process.exitValue() != 0 || output.contains("Error:") || output.contains("ERROR")) {
            fail("the README's command for " + database.kind() + " failed (exit " + process.exitValue() + "):\n" + command
                    + "\nprinted:\n" + output);
        }
    }

    private static Path providerJar() throws Exception {
        try (Stream<Path> files = Files.list(server.home().resolve("providers"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
            assertEquals(1, jars.size(), "the extension's jar alone in providers/: " + jars);
            return jars.get(0);
        }
    }

    private static Set<String> ofTheExtension(Set<String> tables, Set<String> extension) {
        Set<String> found = new TreeSet<>(tables);
        found.retainAll(extension);
        return found;
    }

    private static Map<String, Long> rows(TestDatabase database) {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : ChangelogTables.read().all()) {
            rows.put(table, database.number("SELECT COUNT(*) FROM " + table));
        }
        return rows;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
