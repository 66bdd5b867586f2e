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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every shell example of README.md and docs/ runs here, page by page in one bash each, against the started server
 * ({@code KC_URL} is its base URL), and prints what its page shows; and the README's Install section alone takes a
 * fresh realm of that server to a PAT that an API validates, as written.
 */
@org.junit.jupiter.api.Tag("docs")
@KeycloakTest
class DocsExamplesIT {

    private static final String END = "@@example-end@@";
    private static final Pattern PAT = Pattern.compile("kcpat_[0-9A-Za-z]{49}");
    private static IssuedSecrets SECRETS;
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
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @TestFactory
    Stream<DynamicTest> everyPageRunsItsExamples() throws IOException {
        return pages().stream().map(page -> DynamicTest.dynamicTest(page.toString(), () -> {
            List<Example> examples = MarkdownExamples.of(page);
            for (Example example : examples) {
                assertTrue(example.runs() || !example.notRunBecause().isBlank(), example + ": a reason not to run");
            }
            run(examples.stream().filter(Example::runs).toList(), freshRealm());
        }));
    }

    @Test
    void theInstallSectionAloneTakesAFreshRealmToAValidatedToken() throws Exception {
        List<Example> install = MarkdownExamples.of(Path.of("README.md")).stream()
                .filter(e -> e.section().equals("Install") && e.runs()).toList();
        assertTrue(install.size() >= 6, "a line for each step: " + install.size());
        Example last = install.get(install.size() - 1);
        assertTrue(last.expected() != null && last.expected().replace(" ", "").contains("\"active\":true"),
                "the section ends with an API validating the token: " + last);
        run(install, freshRealm());
    }

    /** A realm as a stock Keycloak makes it: a name, nothing else. */
    private static String freshRealm() {
        String name = "docs" + System.nanoTime();
        KeycloakApi.expect(io.github.kcpat.it.support.Http.postJson(kc.base() + "/admin/realms", kc.adminToken(),
                Map.of("realm", name, "enabled", true)), 201);
        REALMS.add(name);
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
