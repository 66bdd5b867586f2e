package io.github.kcpat.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.docs.ExampleOutput;
import io.github.kcpat.docs.MarkdownExamples;
import io.github.kcpat.docs.MarkdownExamples.Example;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every shell example of README.md and docs/ runs here against the started server ({@code KC_URL} is its base URL),
 * each in a fresh realm ({@code REALM}) as a stock Keycloak makes it, and prints what its page shows: the README in one
 * bash, its Install section first and every later section after it, as for a reader who keeps their shell; each page
 * of docs/ in one bash of its own, after the README's Install section, which it builds on. The Install section alone
 * also takes a fresh realm to a PAT that an API validates, and what its step 10 says of the deleted client's token holds.
 */
@org.junit.jupiter.api.Tag("docs")
@KeycloakTest
class DocsExamplesIT {

    private static final String END = "@@example-end@@";
    private static final Pattern PAT = Pattern.compile("kcpat_[0-9A-Za-z]{49}");
    private static IssuedSecrets SECRETS;
    private static final Path README = Path.of("README.md");
    private static final List<String> REALMS = new ArrayList<>();
    private static KeycloakServer server;
    private static KeycloakApi kc;

    @BeforeAll
    static void start() throws InterruptedException {
        awaitAFreshRevokeWindow();
    }

    /**
     * The examples report values as exposed, from the address every test class calls from: the rate limit those may
     * have used up is used up here, then waited out, so the examples start a window of their own.
     */
    private static void awaitAFreshRevokeWindow() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            io.github.kcpat.it.support.Http.Reply reply = io.github.kcpat.it.support.Http.postJson(
                    kc.patApi(KeycloakApi.DEMO) + "/revoke", null, Map.of("tokens", List.of("not a token")));
            if (reply.status() == 429) {
                Thread.sleep(1000 * (Long.parseLong(reply.header("Retry-After")) + 1));
                return;
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        REALMS.forEach(realm -> kc.adminDelete(realm));
    }

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @TestFactory
    Stream<DynamicTest> everyPageRunsItsExamples() throws IOException {
        List<Example> install = installSection();
        return pages().stream().map(page -> DynamicTest.dynamicTest(page.toString(), () -> {
            List<Example> examples = MarkdownExamples.of(page);
            for (Example example : examples) {
                assertTrue(example.runs() || !example.notRunBecause().isBlank(), example + ": a reason not to run");
            }
            List<Example> runs = examples.stream().filter(Example::runs).toList();
            if (page.equals(README) || runs.isEmpty()) {
                run(runs, freshRealm());
            } else {
                run(Stream.concat(install.stream(), runs.stream()).toList(), freshRealm());
            }
        }));
    }

    /**
     * The README's Install section, run: what every other page's examples build on (the realm set up, {@code admin},
     * {@code ORDERS_API}, the script client {@code orders-cli} and a user {@code PAT_USER} with the role {@code reader}).
     */
    static List<Example> installSection() throws IOException {
        return MarkdownExamples.of(README).stream().filter(e -> e.section().equals("Install") && e.runs()).toList();
    }

    @Test
    void theInstallSectionAloneTakesAFreshRealmToAValidatedToken() throws Exception {
        List<Example> install = installSection();
        assertTrue(install.size() >= 6, "a line for each step: " + install.size());
        assertTrue(install.stream().anyMatch(e -> e.expected() != null
                        && e.expected().replace(" ", "").contains("\"active\":true")),
                "the section has an API validate a token: " + install);
        String realm = freshRealm();
        run(install, realm);
        // step 10: the bot token of the deleted client is listed without its user, inactive, until the clean-up
        JsonNode left = KeycloakApi.expect(kc.adminGet(realm + "/personal-access-tokens"), 200).json();
        assertEquals(1, left.size(), left.toString());
        assertEquals("install check", left.get(0).get("name").asText());
        assertTrue(left.get(0).path("owner").path("username").isMissingNode()
                || left.get(0).path("owner").path("username").isNull(), left.toString());
        JsonNode lifecycle = KeycloakApi.expect(kc.adminPost(realm + "/personal-access-tokens/lifecycle", Map.of()), 200)
                .json();
        assertEquals(1, lifecycle.get("orphansRemoved").asInt(), lifecycle.toString());
        assertEquals(0, KeycloakApi.expect(kc.adminGet(realm + "/personal-access-tokens"), 200).json().size());
    }

    /** A realm as a stock Keycloak makes it, removed after the class: a name, nothing else. */
    private static String freshRealm() {
        String name = freshRealm(kc);
        REALMS.add(name);
        return name;
    }

    /** A realm as a stock Keycloak makes it on that server: a name, nothing else. Its caller removes it. */
    static String freshRealm(KeycloakApi kc) {
        String name = "docs" + System.nanoTime();
        KeycloakApi.expect(io.github.kcpat.it.support.Http.postJson(kc.base() + "/admin/realms", kc.adminToken(),
                Map.of("realm", name, "enabled", true)), 201);
        return name;
    }

    private static void run(List<Example> examples, String realm) throws Exception {
        run(examples, realm, kc, server, SECRETS);
    }

    /**
     * These examples in one bash, in order, against this server ({@code KC_URL}, {@code REALM}, {@code KC_METRICS_URL}),
     * each printing what its page shows; also for a test that runs a section on a server started otherwise
     * (SharedSignalsIT: the Shared Signals how-to needs {@code --features=ssf}).
     */
    static void run(List<Example> examples, String realm, KeycloakApi kc, KeycloakServer server, IssuedSecrets issued)
            throws Exception {
        if (examples.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder("set -eo pipefail\n");
        for (Example example : examples) {
            script.append(example.script()).append("\necho ").append(END).append('\n');
        }
        Path file = Files.createTempFile("docs-examples", ".sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString());
        builder.environment().put("KC_URL", kc.base());
        builder.environment().put("REALM", realm);
        builder.environment().put("KC_METRICS_URL", server.metricsUrl());
        Path stderr = Files.createTempFile("docs-examples", ".err");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("examples still running after 180 s");
        }
        Matcher secrets = PAT.matcher(stdout);
        while (secrets.find()) {
            issued.remember(secrets.group());
        }
        String[] outputs = stdout.split(Pattern.quote(END) + "\\n?", -1);
        int finished = outputs.length - 1;
        if (process.exitValue() != 0 || finished < examples.size()) {
            Example failed = examples.get(Math.min(finished, examples.size() - 1));
            fail("example " + failed + " failed (exit " + process.exitValue() + "):\n" + failed.script() + "\nprinted:\n"
                    + outputs[finished] + "\nstderr:\n" + Files.readString(stderr));
        }
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            if (example.expected() != null) {
                String difference = ExampleOutput.mismatch(example.expectedKind(), example.expected(), outputs[i].strip());
                assertNull(difference, () -> example + " does not print what its page shows: " + difference);
            }
        }
        assertFalse(Files.readString(stderr).contains("command not found"), Files.readString(stderr));
    }
}
