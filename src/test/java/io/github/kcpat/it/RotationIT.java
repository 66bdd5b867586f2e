package io.github.kcpat.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.ThrowawayRealm;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotation without downtime: a replaced secret works on for the overlap asked for (within the realm's limit) and then
 * stops by itself; presented after that, it is taken for a leak and revokes the token, and its owner is mailed. Time
 * is moved as in the other classes, by moving the stored times back.
 */
@org.junit.jupiter.api.Tag("line-independent")
@KeycloakTest(realm = "rotation", smtp = true)
class RotationIT {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private static IssuedSecrets SECRETS;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static GreenMail smtp;

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode create(String bearer, String name, boolean selfRotate) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "scopes", List.of("files.read"),
                "expiresAt", now() + 7 * 86_400, "selfRotate", selfRotate));
        JsonNode created = expect(Http.postJson(kc.patApi(realm.name()), bearer, body), 201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static Http.Reply regenerate(String realmName, String bearer, String id, Object body) {
        String url = kc.patApi(realmName) + "/" + id + "/regenerate";
        return body == null ? Http.postEmpty(url, bearer) : Http.postJson(url, bearer, body);
    }

    private static String secretOf(Http.Reply reply) {
        return SECRETS.remember(expect(reply, 200).json().get("token").asText());
    }

    /** As if the token's replaced secrets had ended {@code secondsAgo} seconds ago. */
    private static void endReplacedSecrets(String tokenId, long secondsAgo) {
        long end = now() - secondsAgo;
        assertTrue(server.database().update("UPDATE PAT_RETIRED_SECRET SET LIVE_UNTIL = ? WHERE TOKEN_ID = ?", end,
                tokenId) > 0, "the token has replaced secrets");
        server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET PREVIOUS_SECRET_UNTIL = NULL WHERE ID = ?", tokenId);
    }

    private static boolean active(String secret) {
        return realm.introspect(secret).get("active").asBoolean();
    }

    @Test
    void theOldSecretWorksDuringTheOverlapAndItsUseAfterThatIsRefusedAndToldButEndsNothing() throws Exception {
        String ownerId = realm.user("olga");
        String olga = realm.bearer("olga");
        JsonNode token = create(olga, "ci in twenty pipelines", false);
        String id = token.get("id").asText();
        String oldSecret = token.get("token").asText();
        JsonNode before = realm.introspect(oldSecret);

        Http.Reply regenerated = regenerate(realm.name(), olga, id, Map.of("overlapSeconds", 600));
        String newSecret = secretOf(regenerated);
        assertNotEquals(oldSecret, newSecret);
        long until = regenerated.json().get("previousSecretExpiresAt").asLong();
        assertTrue(Math.abs(until - (now() + 600)) <= 5, "the overlap asked for: " + until);

        JsonNode old = realm.introspect(oldSecret);
        assertTrue(old.get("active").asBoolean(), "the old secret works during the overlap");
        assertEquals(before.get("sub").asText(), old.get("sub").asText());
        assertEquals(before.get("scope").asText(), old.get("scope").asText(), "with the same claims");
        assertEquals(id, old.get("jti").asText());
        assertTrue(old.get("exp").asLong() <= until, "and says when it ends: " + old.get("exp"));
        assertTrue(active(newSecret), "the new secret works at once");

        JsonNode listed = expect(Http.get(kc.patApi(realm.name()) + "/" + id, olga), 200).json();
        assertEquals(until, listed.get("previousSecretExpiresAt").asLong(), "the list says a previous secret is live");
        JsonNode self = expect(Http.get(kc.patApi(realm.name()) + "/self", oldSecret), 200).json();
        assertEquals(until, self.get("previousSecretExpiresAt").asLong());

        endReplacedSecrets(id, 1);
        assertFalse(active(oldSecret), "after the overlap the old secret stops by itself");
        assertTrue(active(newSecret), "a use moments after the end is no leak: the token lives");
        assertTrue(expect(Http.get(kc.patApi(realm.name()) + "/" + id, olga), 200).json()
                .get("previousSecretExpiresAt").isNull(), "and no previous secret is shown any more");

        // whoever still holds the secret the owner replaced tries every door, well after its end
        smtp.purgeEmailFromAllMailboxes();
        endReplacedSecrets(id, 120);
        assertFalse(active(oldSecret), "the old secret, presented well after its end, is refused");
        assertEquals(401, Http.get(kc.patApi(realm.name()) + "/self", oldSecret).status(), "at /self too");
        assertEquals(401, Http.postJson(kc.patApi(realm.name()) + "/self/rotate", oldSecret, Map.of()).status());
        assertEquals(202, kc.reportExposed(realm.name(), List.of(oldSecret)).status(), "revoke by value answers as ever");
        Thread.sleep(3000); // the report is carried out after its answer
        assertTrue(active(newSecret), "but the token the owner replaced it in lives on: a dead secret ends nothing");
        assertEquals(200, Http.get(kc.patApi(realm.name()) + "/" + id, olga).status());

        JsonNode events = realm.events("REMOVE_CREDENTIAL_ERROR", ownerId);
        assertTrue(events.size() >= 3, "each use is recorded: " + events);
        JsonNode event = events.get(0);
        assertEquals("replaced_secret_used", event.get("details").get("pat_action").asText());
        assertEquals("replaced_secret_used", event.get("error").asText());
        assertEquals(id, event.get("details").get("pat_id").asText());
        assertEquals("127.0.0.1", event.get("ipAddress").asText(), "the address the old secret came from");
        assertEquals(0, realm.events("REMOVE_CREDENTIAL", ownerId).size(), "and nothing was removed");

        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the owner is mailed");
        Thread.sleep(1000);
        assertEquals(1, smtp.getReceivedMessages().length, "once an hour per token, however many uses");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("olga@example.org", mail.getAllRecipients()[0].toString());
        assertTrue(mail.getSubject().contains("replaced secret"), mail.getSubject());
        String text = GreenMailUtil.getBody(mail);
        assertTrue(text.contains("ci in twenty pipelines"), "names the token");
        assertTrue(text.contains("127.0.0.1"), "and the address");
        assertFalse(text.contains(oldSecret) || text.contains(newSecret), "holds no secret");
    }

    @Test
    void aSecretTheTokenReplacedItselfUsedAfterItsEndRevokesTheToken() throws Exception {
        String ownerId = realm.user("sol");
        JsonNode token = create(realm.bearer("sol"), "forked", true);
        String id = token.get("id").asText();
        String first = token.get("token").asText();
        String second = secretOf(Http.postJson(kc.patApi(realm.name()) + "/self/rotate", first, Map.of("overlapSeconds", 60)));
        smtp.purgeEmailFromAllMailboxes();
        endReplacedSecrets(id, 120);
        assertFalse(active(first), "the secret the token replaced itself, after its end");
        assertFalse(active(second), "revokes the token: two holders of one rotating token mean a fork");
        assertEquals(404, kc.adminGet(realm.name() + "/personal-access-tokens/" + id).status());
        JsonNode event = realm.events("REMOVE_CREDENTIAL", ownerId).get(0);
        assertEquals("revoked_reused", event.get("details").get("pat_action").asText());
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the owner is mailed");
        assertTrue(smtp.getReceivedMessages()[0].getSubject().contains("leaked"));
    }

    @Test
    void withoutAnOverlapTheOldSecretEndsAtOnceAndARequestUnderWayIsNoLeak() {
        realm.user("nick");
        String nick = realm.bearer("nick");
        JsonNode token = create(nick, "no overlap", false);
        String oldSecret = token.get("token").asText();
        Http.Reply regenerated = regenerate(realm.name(), nick, token.get("id").asText(), null);
        String newSecret = secretOf(regenerated);
        assertTrue(regenerated.json().get("previousSecretExpiresAt").isNull());
        assertFalse(active(oldSecret), "no body: the old secret ends at once, as before");
        assertTrue(active(newSecret), "and its use right after is no leak");
        assertEquals(401, Http.get(kc.patApi(realm.name()) + "/self", oldSecret).status());
        assertTrue(active(newSecret));
    }

    @Test
    void theOverlapIsBoundedByThePolicyAndBadValuesAreClearRefusals() {
        realm.user("pia");
        String pia = realm.bearer("pia");
        JsonNode token = create(pia, "bounded", false);
        String id = token.get("id").asText();
        for (Object body : new Object[] {Map.of("overlapSeconds", -1), Map.of("overlapSeconds", "3600"),
                Map.of("overlapSeconds", 1.5), Map.of("overlap", 60), List.of(60)}) {
            Http.Reply refused = regenerate(realm.name(), pia, id, body);
            assertEquals(400, refused.status(), body + ": " + refused.body());
            assertEquals("invalid_request", refused.json().get("error").asText());
        }
        Http.Reply tooLong = regenerate(realm.name(), pia, id, Map.of("overlapSeconds", 86_401));
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("policy_violation", tooLong.json().get("error").asText());
        assertTrue(tooLong.json().get("error_description").asText().contains("86400"));
        assertTrue(active(token.get("token").asText()), "a refusal changes nothing");

        String policy = realm.name() + "/personal-access-tokens/policy";
        assertEquals(86_400, expect(kc.adminGet(policy), 200).json().get("maxRotationOverlapSeconds").asInt(),
                "the default limit: a day");
        assertEquals(400, kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", -5)).status());
        assertEquals(400, kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 2_592_001)).status());
        expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 0)), 200);
        try {
            Http.Reply none = regenerate(realm.name(), pia, id, Map.of("overlapSeconds", 10));
            assertEquals(400, none.status(), none.body());
            assertEquals("policy_violation", none.json().get("error").asText());
        } finally {
            expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 86_400)), 200);
        }
    }

    @Test
    void deletingTheTokenEndsBothSecretsAtOnce() {
        realm.user("dora");
        String dora = realm.bearer("dora");
        JsonNode token = create(dora, "deleted in its overlap", false);
        String oldSecret = token.get("token").asText();
        String newSecret = secretOf(regenerate(realm.name(), dora, token.get("id").asText(), Map.of("overlapSeconds", 3600)));
        assertTrue(active(oldSecret) && active(newSecret));
        expect(Http.delete(kc.patApi(realm.name()) + "/" + token.get("id").asText(), dora), 204);
        assertFalse(active(oldSecret), "the previous secret ends with the token");
        assertFalse(active(newSecret));
        assertEquals(0, server.database().update("DELETE FROM PAT_RETIRED_SECRET WHERE TOKEN_ID = ?",
                token.get("id").asText()), "nothing of it is kept");
    }

    @Test
    void aTokenRotatesItselfWithAnOverlapButNotWithItsReplacedSecret() {
        realm.user("rob");
        String rob = realm.bearer("rob");
        JsonNode token = create(rob, "self rotating", true);
        String id = token.get("id").asText();
        String first = token.get("token").asText();
        Http.Reply rotated = Http.postJson(kc.patApi(realm.name()) + "/self/rotate", first, Map.of("overlapSeconds", 300));
        String second = secretOf(rotated);
        assertTrue(rotated.json().get("previousSecretExpiresAt").asLong() > now() + 250);
        assertTrue(active(first) && active(second), "both work during the overlap");

        server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET REGENERATED_AT = REGENERATED_AT - 60 WHERE ID = ?", id);
        Http.Reply byOld = Http.postJson(kc.patApi(realm.name()) + "/self/rotate", first, Map.of());
        assertEquals(403, byOld.status(), "a replaced secret cannot replace the current one: " + byOld.body());
        assertEquals("access_denied", byOld.json().get("error").asText());
        Http.Reply bad = Http.postJson(kc.patApi(realm.name()) + "/self/rotate", second, Map.of("overlapSeconds", -3));
        assertEquals(400, bad.status(), bad.body());

        String third = secretOf(Http.postJson(kc.patApi(realm.name()) + "/self/rotate", second, Map.of("overlapSeconds", 300)));
        assertFalse(active(first), "two rotations: the first secret ends at once, at most one previous secret works");
        assertTrue(active(second) && active(third));

        endReplacedSecrets(id, 120);
        Http.Reply reused = Http.get(kc.patApi(realm.name()) + "/self", first);
        assertEquals(401, reused.status(), "a replaced secret at /self after its end");
        assertFalse(active(third), "revokes the token");
    }

    @Test
    void revokingByValueASecretTheOwnerReplacedEndsThatSecretOnly() throws Exception {
        String ownerId = realm.user("val");
        String val = realm.bearer("val");
        JsonNode token = create(val, "leaked before rotation", false);
        String id = token.get("id").asText();
        String oldSecret = token.get("token").asText();
        String newSecret = secretOf(regenerate(realm.name(), val, id, Map.of("overlapSeconds", 3600)));
        assertEquals(202, kc.reportExposed(realm.name(), List.of(oldSecret)).status());
        long deadline = System.currentTimeMillis() + 10_000;
        while (active(oldSecret)) {
            assertTrue(System.currentTimeMillis() < deadline, "the reported secret still works 10 s after the report");
            Thread.sleep(20);
        }
        assertTrue(active(newSecret), "the secret the owner made is not the one reported: the token lives");
        assertTrue(expect(Http.get(kc.patApi(realm.name()) + "/" + id, val), 200).json()
                .get("previousSecretExpiresAt").isNull(), "no previous secret is shown any more");
        assertEquals("previous_secret_revoked_exposed", realm.events("REMOVE_CREDENTIAL", ownerId).get(0)
                .get("details").get("pat_action").asText());
    }

    @Test
    void revokingByValueASecretTheTokenReplacedItselfRevokesTheToken() throws Exception {
        realm.user("vic");
        JsonNode token = create(realm.bearer("vic"), "self rotated then leaked", true);
        String first = token.get("token").asText();
        String second = secretOf(Http.postJson(kc.patApi(realm.name()) + "/self/rotate", first, Map.of("overlapSeconds", 600)));
        assertEquals(202, kc.reportExposed(realm.name(), List.of(first)).status());
        long deadline = System.currentTimeMillis() + 10_000;
        while (active(second)) {
            assertTrue(System.currentTimeMillis() < deadline, "still active 10 s after the report");
            Thread.sleep(20);
        }
        assertFalse(active(first));
        assertEquals(404, kc.adminGet(realm.name() + "/personal-access-tokens/" + token.get("id").asText()).status());
    }

    @Test
    void aTokenExchangedFromTheOldSecretLivesNoLongerThanIt() {
        String alice = kc.demoToken("alice");
        JsonNode token = demoPat(alice, "exchanged");
        String id = token.get("id").asText();
        String oldSecret = token.get("token").asText();
        try {
            String newSecret = secretOf(regenerate(DEMO, alice, id, Map.of("overlapSeconds", 600)));
            JsonNode exchanged = expect(exchange(oldSecret), 200).json();
            String derived = exchanged.get("access_token").asText();
            assertTrue(kc.introspect(derived).get("active").asBoolean(), "exchanged from the old secret in its overlap");
            assertTrue(kc.introspect(expect(exchange(newSecret), 200).json().get("access_token").asText())
                    .get("active").asBoolean());

            assertTrue(server.database().update("UPDATE PAT_RETIRED_SECRET SET LIVE_UNTIL = ? WHERE TOKEN_ID = ?",
                    now() - 1, id) > 0);
            assertFalse(kc.introspect(derived).get("active").asBoolean(), "ends when the old secret ends");
            assertTrue(kc.introspect(newSecret).get("active").asBoolean());
        } finally {
            expect(Http.delete(kc.patApi(DEMO) + "/" + id, alice), 204);
        }
    }

    @Test
    void aTokenRotatingItselfManyTimesHasAtMostOnePreviousSecretAndABoundedMemoryOfThem() {
        realm.user("max");
        JsonNode token = create(realm.bearer("max"), "rotates all day", true);
        String id = token.get("id").asText();
        List<String> secrets = new java.util.ArrayList<>(List.of(token.get("token").asText()));
        for (int i = 0; i < 14; i++) {
            // as if the last rotation were long ago: a rotation with an overlap moments after another is a race
            server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET REGENERATED_AT = REGENERATED_AT - 60 WHERE ID = ?", id);
            secrets.add(secretOf(Http.postJson(kc.patApi(realm.name()) + "/self/rotate", secrets.get(secrets.size() - 1),
                    Map.of("overlapSeconds", 3600))));
        }
        List<String> working = secrets.stream().filter(RotationIT::active).toList();
        assertEquals(List.of(secrets.get(13), secrets.get(14)), working,
                "only the current secret and the one it replaced work, each older one ended at its successor's replacement");
        assertEquals(10, server.database().number("SELECT COUNT(*) FROM PAT_RETIRED_SECRET WHERE TOKEN_ID = ?", id),
                "a token remembers at most ten replaced secrets, however often it rotates");
        assertTrue(active(secrets.get(14)), "using the ended ones within the grace revoked nothing");
    }

    @Test
    void aRegenerateWithoutOverlapAfterOneWithAnOverlapEndsEveryOlderSecretAtOnce() {
        String alice = kc.demoToken("alice");
        JsonNode token = demoPat(alice, "leaked, regenerated twice");
        String id = token.get("id").asText();
        String leaked = token.get("token").asText();
        try {
            String second = secretOf(regenerate(DEMO, alice, id, Map.of("overlapSeconds", 600)));
            String derived = expect(exchange(leaked), 200).json().get("access_token").asText();
            assertTrue(kc.introspect(leaked).get("active").asBoolean(), "the first secret in its overlap");
            assertTrue(kc.introspect(derived).get("active").asBoolean());

            // the owner learns the first secret leaked and regenerates again, at once, without an overlap
            Http.Reply again = regenerate(DEMO, alice, id, null);
            String third = secretOf(again);
            assertTrue(again.json().get("previousSecretExpiresAt").isNull());
            assertFalse(kc.introspect(leaked).get("active").asBoolean(), "the leaked secret is dead at once");
            assertFalse(kc.introspect(second).get("active").asBoolean(), "and so is the one in between");
            assertFalse(kc.introspect(derived).get("active").asBoolean(), "and what was exchanged from the leaked one");
            assertEquals(400, exchange(leaked).status(), "which can be exchanged no more");
            assertTrue(kc.introspect(third).get("active").asBoolean());
        } finally {
            expect(Http.delete(kc.patApi(DEMO) + "/" + id, alice), 204);
        }
    }

    @Test
    void loweringThePolicysOverlapLimitCutsRunningOverlapsAtOnce() {
        realm.user("lia");
        String lia = realm.bearer("lia");
        JsonNode token = create(lia, "overlap cut by policy", false);
        String id = token.get("id").asText();
        String oldSecret = token.get("token").asText();
        Http.Reply regenerated = regenerate(realm.name(), lia, id, Map.of("overlapSeconds", 3600));
        String newSecret = secretOf(regenerated);
        long replacedAt = regenerated.json().get("createdAt").asLong();
        assertTrue(active(oldSecret));
        String policy = realm.name() + "/personal-access-tokens/policy";
        try {
            expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 600)), 200);
            assertTrue(active(oldSecret), "an overlap within the new limit goes on");
            assertEquals(replacedAt + 600, expect(Http.get(kc.patApi(realm.name()) + "/" + id, lia), 200).json()
                    .get("previousSecretExpiresAt").asLong(), "until the replacement time plus the new limit");
            assertTrue(realm.introspect(oldSecret).get("exp").asLong() <= replacedAt + 600);

            expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 0)), 200);
            assertFalse(active(oldSecret), "a limit of 0 ends the running overlap at once");
            assertTrue(active(newSecret));
            assertTrue(expect(kc.adminGet(realm.name() + "/personal-access-tokens/" + id), 200).json()
                    .get("previousSecretExpiresAt").isNull());
        } finally {
            expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 86_400)), 200);
        }
        assertTrue(active(newSecret), "its use after the cut (within the grace) ended nothing");
    }

    @Test
    void aSecretIsDatedWhenItWasIssuedAndKeycloaksNotBeforeEndsItAsItWouldAJwt() {
        realm.user("nora");
        String nora = realm.bearer("nora");
        JsonNode token = create(nora, "not before", false);
        String id = token.get("id").asText();
        // regenerated in the second it was created, twice (the second ends the first's overlap, so it is no race):
        // neither secret may be dated ahead of the clock
        Http.Reply first = regenerate(realm.name(), nora, id, Map.of("overlapSeconds", 60));
        long firstAnswered = now();
        Http.Reply second = regenerate(realm.name(), nora, id, null);
        long secondAnswered = now(); // the server's clock is this machine's
        String secret = secretOf(second);
        secretOf(first);
        assertTrue(first.json().get("createdAt").asLong() <= firstAnswered, "dated " + first.json().get("createdAt")
                + ", answered at " + firstAnswered);
        assertTrue(second.json().get("createdAt").asLong() <= secondAnswered, "dated " + second.json().get("createdAt")
                + ", answered at " + secondAnswered);
        long issued = second.json().get("createdAt").asLong();
        try {
            setRealmNotBefore(issued);
            assertTrue(active(secret), "a not-before of the second it was issued in: not stale (Keycloak's JWT rule)");
            setRealmNotBefore(issued + 1);
            assertFalse(active(secret), "a not-before of the next second ends it, as it ends a JWT issued with it");
        } finally {
            setRealmNotBefore(0);
        }
        assertTrue(active(secret));
    }

    private static void setRealmNotBefore(long notBefore) {
        JsonNode representation = kc.adminGet(realm.name()).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) representation).put("notBefore", notBefore);
        expect(kc.adminPut(realm.name(), representation), 204);
    }

    /** A token of the demo realm, whose client {@code demo-api} may exchange it. */
    private static JsonNode demoPat(String bearer, String name) {
        JsonNode token = expect(Http.postJson(kc.patApi(DEMO), bearer, Map.of("name", name + " " + System.nanoTime(),
                "scopes", List.of("api.read"), "expiresAt", now() + 86_400)), 201).json();
        SECRETS.remember(token.get("token").asText());
        return token;
    }

    private static Http.Reply exchange(String subjectToken) {
        return Http.postForm(kc.base() + "/realms/demo/protocol/openid-connect/token", "demo-api", "demo-api-secret",
                Map.of("grant_type", EXCHANGE, "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                        "scope", "api.read"));
    }
}
