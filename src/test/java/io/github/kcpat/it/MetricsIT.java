package io.github.kcpat.it;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Prometheus;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension's metrics as an operator scrapes them: Keycloak's own {@code /metrics} on the management port (the
 * suite's server runs with {@code --metrics-enabled=true}). Each test reads a metric, makes its event happen over HTTP
 * and reads it again: the metric moved by exactly what happened, under this class's realm's label.
 */
@KeycloakTest(realm = "metrics", smtp = true)
class MetricsIT {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final Set<String> LABELS = Set.of("realm", "result", "reason", "kind", "cause", "api", "status");

    private static IssuedSecrets SECRETS;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static GreenMail smtp;

    @BeforeAll
    static void outsider() {
        // a confidential client that may introspect but is in no PAT's audience
        expect(kc.adminPost(realm.name() + "/clients", Map.of("clientId", "outsider", "publicClient", false,
                "secret", "outsider-secret", "standardFlowEnabled", false)), 201);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode create(String bearer, String name, long expiresAt) {
        JsonNode created = expect(realm.create(bearer, name, expiresAt), 201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    /** How much the metric (summed over its series with these labels, in this class's realm) moved during the action. */
    private static double moved(Runnable action, String name, String... labels) {
        String[] inRealm = withRealm(realm.name(), labels);
        double before = Prometheus.scrape(server).value(name, inRealm);
        action.run();
        return Prometheus.scrape(server).value(name, inRealm) - before;
    }

    private static String[] withRealm(String realmName, String... labels) {
        String[] all = new String[labels.length + 2];
        all[0] = "realm";
        all[1] = realmName;
        System.arraycopy(labels, 0, all, 2, labels.length);
        return all;
    }

    /** Waits (up to 20 s) for the metric to reach {@code expected}, for what happens after the answer. */
    private static double awaitValue(Supplier<Double> value, double expected) throws InterruptedException {
        double seen = value.get();
        for (int i = 0; i < 100 && seen < expected; i++) {
            Thread.sleep(200);
            seen = value.get();
        }
        return seen;
    }

    private static final String introspections = "kcpat_introspections_total";

    @Test
    void introspectionsAreCountedByResultAndWhyNot() {
        realm.user("ina");
        String ina = realm.bearer("ina");
        String secret = create(ina, "checked", now() + 86_400).get("token").asText();
        assertEquals(1, moved(() -> assertTrue(realm.introspect(secret).get("active").asBoolean()),
                introspections, "result", "active", "reason", "none"));

        String mistyped = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");
        assertEquals(1, moved(() -> assertFalse(realm.introspect(mistyped).get("active").asBoolean()),
                introspections, "result", "inactive", "reason", "unknown"));

        assertEquals(1, moved(() -> assertFalse(kc.introspect(realm.name(), "outsider", "outsider-secret", secret, null)
                .get("active").asBoolean()), introspections, "result", "inactive", "reason", "audience"));

        JsonNode old = create(ina, "ran out", now() + 86_400);
        server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET EXPIRES_AT = ? WHERE ID = ?", now() - 60,
                old.get("id").asText());
        assertEquals(1, moved(() -> assertFalse(realm.introspect(old.get("token").asText()).get("active").asBoolean()),
                introspections, "result", "inactive", "reason", "expired"));

        String userId = realm.user("dirk");
        String dirks = create(realm.bearer("dirk"), "of a disabled user", now() + 86_400).get("token").asText();
        kc.setUserEnabled(realm.name(), userId, false);
        assertEquals(1, moved(() -> assertFalse(realm.introspect(dirks).get("active").asBoolean()),
                introspections, "result", "inactive", "reason", "disabled_user"));
    }

    @Test
    void theTokenCacheShowsItsHitsAndItsSize() {
        realm.user("cara");
        String secret = create(realm.bearer("cara"), "cached", now() + 86_400).get("token").asText();
        realm.introspect(secret);
        Prometheus before = Prometheus.scrape(server);
        realm.introspect(secret);
        realm.introspect(secret);
        Prometheus after = Prometheus.scrape(server);
        assertTrue(after.value("kcpat_cache_gets_total", "result", "hit")
                - before.value("kcpat_cache_gets_total", "result", "hit") >= 2, "answered from memory");
        assertTrue(after.value("kcpat_cache_size") >= 1, "the token is held");
        assertEquals(10_000, after.value("kcpat_cache_max_size"), "the configured bound");
        assertTrue(after.has("kcpat_cache_evictions_total"));
        assertTrue(after.has("kcpat_cache_gets_total"));
    }

    @Test
    void tokensCreatedAndRevokedByEachCause() throws Exception {
        String ownerId = realm.user("rita");
        String rita = realm.bearer("rita");
        String created = "kcpat_tokens_created_total";
        String revoked = "kcpat_tokens_revoked_total";
        JsonNode[] token = new JsonNode[1];
        assertEquals(1, moved(() -> token[0] = create(rita, "mine", now() + 86_400), created, "kind", "user"));

        assertEquals(1, moved(() -> expect(Http.delete(kc.patApi(realm.name()) + "/" + token[0].get("id").asText(), rita), 204),
                revoked, "cause", "user"));

        JsonNode byAdmin = create(rita, "taken away", now() + 86_400);
        assertEquals(1, moved(() -> expect(kc.adminDelete(realm.name() + "/personal-access-tokens/" + byAdmin.get("id").asText()), 204),
                revoked, "cause", "admin"));

        JsonNode leaked = create(rita, "pasted in a chat", now() + 86_400);
        String[] leakLabels = withRealm(realm.name(), "cause", "leak_report");
        double leaksBefore = Prometheus.scrape(server).value(revoked, leakLabels);
        assertEquals(1, moved(() -> expect(kc.reportExposed(realm.name(), List.of(leaked.get("token").asText())), 202),
                "kcpat_revoke_reports_total", "result", "accepted"));
        assertEquals(leaksBefore + 1, awaitValue(() -> Prometheus.scrape(server).value(revoked, leakLabels), leaksBefore + 1),
                "the reported token is revoked after the answer");

        // a secret the token replaced itself, used after its end, revokes it (one replaced by its owner would not)
        JsonNode rotated = expect(Http.postJson(kc.patApi(realm.name()), rita, Map.of("name", "rotated", "scopes",
                List.of("files.read"), "expiresAt", now() + 86_400, "selfRotate", true)), 201).json();
        String id = rotated.get("id").asText();
        SECRETS.remember(rotated.get("token").asText());
        SECRETS.remember(expect(Http.postJson(kc.patApi(realm.name()) + "/self/rotate", rotated.get("token").asText(),
                Map.of("overlapSeconds", 600)), 200).json().get("token").asText());
        server.database().update("UPDATE PAT_RETIRED_SECRET SET LIVE_UNTIL = ? WHERE TOKEN_ID = ?", now() - 3600, id);
        server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET PREVIOUS_SECRET_UNTIL = NULL WHERE ID = ?", id);
        assertEquals(1, moved(() -> assertFalse(realm.introspect(rotated.get("token").asText()).get("active").asBoolean()),
                revoked, "cause", "reuse"));

        create(rita, "goes with its user", now() + 86_400);
        assertEquals(1, moved(() -> kc.deleteUser(realm.name(), ownerId), revoked, "cause", "owner_removed"));
    }

    @Test
    void refusalsAtTheSelfServiceApiByKind() {
        realm.user("rolf");
        String rolf = realm.bearer("rolf");
        String refusals = "kcpat_api_refusals_total";
        assertEquals(1, moved(() -> expect(Http.get(kc.patApi(realm.name()) + "/no-such-id", rolf), 404),
                refusals, "api", "account", "status", "404", "kind", "not_found"));
        assertEquals(1, moved(() -> expect(Http.get(kc.patApi(realm.name()), null), 401),
                refusals, "api", "account", "status", "401", "kind", "invalid_token"));
        assertEquals(1, moved(() -> expect(Http.postJson(kc.patApi(realm.name()), rolf, Map.of("name", "")), 400),
                refusals, "api", "account", "status", "400", "kind", "invalid_request"));
        assertEquals(1, moved(() -> expect(kc.postToRevoke(realm.name(), Map.of("tokens", "not a list")), 400),
                "kcpat_revoke_reports_total", "result", "rejected"));
    }

    @Test
    void remindersSentAreCounted() throws Exception {
        realm.user("mira");
        create(realm.bearer("mira"), "nearly over", now() + 3 * 86_400);
        smtp.purgeEmailFromAllMailboxes();
        int[] sent = new int[1];
        double moved = moved(() -> sent[0] = expect(kc.adminPost(realm.name() + "/personal-access-tokens/lifecycle",
                Map.of()), 200).json().get("remindersSent").asInt(), "kcpat_reminders_sent_total");
        assertTrue(sent[0] >= 1, "mira is reminded (and maybe others of this class's realm)");
        assertEquals(sent[0], moved, "one per mail sent");
        assertTrue(smtp.getReceivedMessages().length >= 1);
    }

    @Test
    void exchangesAreCountedGrantedAndRefused() {
        String alice = kc.demoToken("alice");
        JsonNode token = expect(Http.postJson(kc.patApi(DEMO), alice, Map.of("name", "metrics exchange " + System.nanoTime(),
                "scopes", List.of("api.read"), "expiresAt", now() + 86_400)), 201).json();
        String secret = SECRETS.remember(token.get("token").asText());
        try {
            String[] granted = withRealm(DEMO, "result", "granted");
            String[] refused = withRealm(DEMO, "result", "refused", "reason", "invalid_subject");
            Prometheus before = Prometheus.scrape(server);
            expect(exchange(secret), 200);
            expect(exchange(secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A")), 400);
            Prometheus after = Prometheus.scrape(server);
            assertEquals(1, after.value("kcpat_exchanges_total", granted) - before.value("kcpat_exchanges_total", granted));
            assertEquals(1, after.value("kcpat_exchanges_total", refused) - before.value("kcpat_exchanges_total", refused));
        } finally {
            expect(Http.delete(kc.patApi(DEMO) + "/" + token.get("id").asText(), alice), 204);
        }
    }

    @Test
    void noLabelNamesASecretATokenOrAUser() {
        String lenaId = realm.user("lena");
        String lena = realm.bearer("lena");
        JsonNode token = create(lena, "labelled", now() + 86_400);
        realm.introspect(token.get("token").asText());
        expect(Http.get(kc.patApi(realm.name()) + "/" + token.get("id").asText() + "x", lena), 404);
        Prometheus scrape = Prometheus.scrape(server);
        String text = scrape.text();
        assertFalse(text.contains(token.get("id").asText()), "no token id");
        assertFalse(text.contains(lenaId), "no user id");
        assertFalse(text.contains(token.get("token").asText()), "no secret");
        List<String> names = List.of("kcpat_introspections_total", "kcpat_tokens_created_total", "kcpat_api_refusals_total");
        for (String name : names) {
            assertFalse(scrape.series(name).isEmpty(), name + " is served");
            scrape.series(name).forEach(series -> assertTrue(LABELS.containsAll(series.labels().keySet()),
                    name + " has only bounded labels: " + series.labels().keySet()));
        }
    }

    @Test
    void aDeletedRealmsSeriesGoWithIt() {
        ThrowawayRealm other = new ThrowawayRealm(kc, "metrics-gone-", Map.of());
        other.user("gus");
        JsonNode token = expect(other.create(other.bearer("gus"), "in a realm soon gone", now() + 86_400), 201).json();
        SECRETS.remember(token.get("token").asText());
        other.introspect(token.get("token").asText());
        assertTrue(Prometheus.scrape(server).value(introspections, "realm", other.name()) >= 1);
        other.delete();
        Prometheus after = Prometheus.scrape(server);
        assertTrue(after.series(introspections).stream().noneMatch(s -> other.name().equals(s.labels().get("realm"))),
                "no series of the deleted realm is served");
        assertTrue(after.series("kcpat_tokens_created_total").stream()
                .noneMatch(s -> other.name().equals(s.labels().get("realm"))));
    }

    private static Http.Reply exchange(String subjectToken) {
        return Http.postForm(kc.base() + "/realms/demo/protocol/openid-connect/token", "demo-api", "demo-api-secret",
                Map.of("grant_type", EXCHANGE, "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                        "scope", "api.read"));
    }
}
