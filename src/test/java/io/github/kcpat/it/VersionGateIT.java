package io.github.kcpat.it;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin's switch for a Keycloak line this release does not know. On a known line (every run of the suite) no
 * gate line is logged. The same server is then made to report the line 26.8 (a test-only JVM property; no 26.8
 * distribution exists to test on): PATs are off with one ERROR line, the setup check's finding, an
 * {@code INTROSPECT_TOKEN_ERROR} reason and JSON 404s, while Keycloak keeps working; with
 * {@code allow-untested-keycloak-line=true} they are on again with one WARN line. The server is plain again afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Tag("database-independent")
class VersionGateIT {

    private static final String UNKNOWN_LINE = "-Dkcpat.test.keycloak-line=26.8.0";
    private static final String OPT_IN = "--spi-realm-restapi-extension--personal-access-tokens--allow-untested-keycloak-line=true";
    private static final String REFUSAL = "Personal access tokens are switched off: this is Keycloak ";
    private static final String WARNING = "Personal access tokens are on at the admin's own risk: this is Keycloak ";
    private static final String FINDING = "UNTESTED_KEYCLOAK_LINE";

    private final KeycloakServer server = KeycloakServer.get();
    private final KeycloakApi kc = new KeycloakApi(server);

    /** Every pass of CI runs this on its line: a known line says nothing and PATs work. */
    @Test
    @Order(1)
    void onAKnownLinePatsWorkAndNothingIsSaid() {
        // since the last start only: another class (UntestedLineConsolesIT) may have restarted it as 26.8 before
        assertFalse(server.logSinceLastStart().contains(REFUSAL), "no refusal on a known line");
        assertFalse(server.logSinceLastStart().contains(WARNING), "no warning on a known line");
        assertFalse(findingCodes().contains(FINDING));
        String alice = kc.demoToken("alice");
        assertTrue(kc.introspect(createPat(alice)).get("active").asBoolean());
        // the consoles are told the server's own version, on a tested line: no warning
        String version = System.getProperty("keycloak.server.version");
        assertLine(expect(kc.adminGet(DEMO + "/personal-access-tokens/keycloak-line"), 200).json(), version, true, true);
        assertLine(expect(Http.get(kc.patApi(DEMO) + "/policy", alice), 200).json().get("keycloakLine"), version, true, true);
    }

    /** Three restarts: CI runs it once, on the newest line (the switch does not depend on the line). */
    @Test
    @Order(2)
    @Tag("restarts")
    void onAnUnknownLinePatsAreOffUntilTheAdminOptsIn() {
        String alice = kc.demoToken("alice");
        String pat = createPat(alice);
        assertTrue(kc.introspect(pat).get("active").asBoolean());

        try {
            // an unknown line, by default: off, loudly
            int mark = server.log().length();
            server.restartWith(List.of(), UNKNOWN_LINE);
            List<String> refusals = linesSince(mark, REFUSAL);
            assertEquals(1, refusals.size(), "one line: " + refusals);
            assertTrue(refusals.get(0).contains("ERROR"), refusals.get(0));
            assertTrue(refusals.get(0).contains("26.8.0"), refusals.get(0));
            assertTrue(refusals.get(0).contains("allow-untested-keycloak-line"), refusals.get(0));
            assertEquals(List.of(), linesSince(mark, WARNING));

            String jwt = kc.demoToken("alice");
            assertTrue(kc.introspect(jwt).get("active").asBoolean(), "Keycloak's own introspection answers as ever");
            assertFalse(kc.introspect(pat).get("active").asBoolean(), "the PAT is inactive while PATs are off");
            JsonNode events = expect(kc.adminGet(DEMO + "/events?type=INTROSPECT_TOKEN_ERROR&max=20"), 200).json();
            assertTrue(StreamSupport.stream(events.spliterator(), false).anyMatch(event ->
                    event.path("details").path("reason").asText().contains("off on Keycloak 26.8.0")), events.toString());

            for (Http.Reply reply : List.of(Http.get(kc.patApi(DEMO), jwt),
                    Http.postJson(kc.patApi(DEMO), jwt, Map.of("name", "x")),
                    Http.get(kc.patApi(DEMO) + "/setup", jwt),
                    kc.adminGet(DEMO + "/personal-access-tokens"),
                    kc.adminGet(DEMO + "/personal-access-tokens/policy"),
                    kc.adminPost(DEMO + "/personal-access-tokens/setup", Map.of()))) {
                assertEquals(404, reply.status(), reply.body());
                assertEquals("untested_keycloak_line", reply.json().get("error").asText(), "not the realm's not_enabled");
                assertTrue(reply.json().get("error_description").asText().contains("26.7"), reply.body());
                assertTrue(reply.json().get("error_description").asText().contains("26.8.0"), reply.body());
            }
            // the console learns that PATs are off (to offer nothing the API refuses): still served, to admins only
            assertLine(expect(kc.adminGet(DEMO + "/personal-access-tokens/keycloak-line"), 200).json(), "26.8.0", false, false);
            int stranger = Http.get(kc.base() + "/admin/realms/" + DEMO + "/personal-access-tokens/keycloak-line", jwt).status();
            assertTrue(stranger == 401 || stranger == 403, "the line's status is the admins': " + stranger);
            JsonNode finding = finding();
            assertTrue(finding.get("message").asText().contains("are off"), finding.toString());
            assertTrue(finding.get("fix").asText().contains(OPT_IN), finding.toString());
            int notAdmin = Http.get(kc.base() + "/admin/realms/" + DEMO + "/personal-access-tokens/setup", jwt).status();
            assertTrue(notAdmin == 401 || notAdmin == 403, "the setup check is still the admin's only: " + notAdmin);

            // the admin opts in: on, at their own risk, with a warning at every start
            mark = server.log().length();
            server.restartWith(List.of(OPT_IN), UNKNOWN_LINE);
            List<String> warnings = linesSince(mark, WARNING);
            assertEquals(1, warnings.size(), "one line: " + warnings);
            assertTrue(warnings.get(0).contains("WARN"), warnings.get(0));
            assertEquals(List.of(), linesSince(mark, REFUSAL));
            assertTrue(kc.introspect(pat).get("active").asBoolean(), "the PAT made before works again");
            String made = createPat(kc.demoToken("alice"));
            assertTrue(kc.introspect(made).get("active").asBoolean(), "a PAT made on the untested line works");
            assertTrue(finding().get("message").asText().contains("own risk"));
            // both consoles are told, to warn on every PAT page
            assertLine(expect(kc.adminGet(DEMO + "/personal-access-tokens/keycloak-line"), 200).json(), "26.8.0", false, true);
            assertLine(expect(Http.get(kc.patApi(DEMO) + "/policy", kc.demoToken("alice")), 200).json().get("keycloakLine"),
                    "26.8.0", false, true);
        } finally {
            server.restartWith(List.of(), "");
        }
        assertFalse(findingCodes().contains(FINDING));
        assertFalse(server.log().contains("NoSuchMethodError"), "nothing of the extension failed at run time");
    }

    private String createPat(String bearer) {
        return expect(Http.postJson(kc.patApi(DEMO), bearer, Map.of("name", "gate " + System.nanoTime(),
                "scopes", List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201)
                .json().get("token").asText();
    }

    private static void assertLine(JsonNode line, String version, boolean tested, boolean patsOn) {
        assertEquals(version, line.get("version").asText(), line.toString());
        assertEquals(tested, line.get("tested").asBoolean(), line.toString());
        assertEquals(patsOn, line.get("patsOn").asBoolean(), line.toString());
        assertEquals(List.of("26.4", "26.5", "26.6", "26.7"),
                StreamSupport.stream(line.get("testedLines").spliterator(), false).map(JsonNode::asText).toList());
    }

    private List<String> linesSince(int mark, String text) {
        return server.log().substring(mark).lines().filter(line -> line.contains(text)).toList();
    }

    private JsonNode setup() {
        return expect(kc.adminGet(DEMO + "/personal-access-tokens/setup"), 200).json();
    }

    private List<String> findingCodes() {
        return StreamSupport.stream(setup().get("findings").spliterator(), false).map(f -> f.get("code").asText()).toList();
    }

    private JsonNode finding() {
        return StreamSupport.stream(setup().get("findings").spliterator(), false)
                .filter(f -> FINDING.equals(f.get("code").asText())).findFirst().orElseThrow();
    }
}
