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
    void theOldSecretWorksDuringTheOverlapAndItsUseAfterThatRevokesTheToken() throws Exception {
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

        smtp.purgeEmailFromAllMailboxes();
        endReplacedSecrets(id, 120);
        assertFalse(active(oldSecret), "the old secret, presented well after its end");
        assertFalse(active(newSecret), "revokes the whole token: the new secret stops too");
        assertEquals(404, Http.get(kc.patApi(realm.name()) + "/" + id, olga).status());
        JsonNode event = realm.events("REMOVE_CREDENTIAL", ownerId).get(0);
        assertEquals("revoked_reused", event.get("details").get("pat_action").asText());
        assertEquals(id, event.get("details").get("pat_id").asText());
        assertEquals("127.0.0.1", event.get("ipAddress").asText(), "the address the old secret came from");

        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the owner is mailed");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("olga@example.org", mail.getAllRecipients()[0].toString());
        assertTrue(mail.getSubject().contains("leaked"), mail.getSubject());
        String text = GreenMailUtil.getBody(mail);
        assertTrue(text.contains("ci in twenty pipelines"), "names the token");
        assertTrue(text.contains("127.0.0.1"), "and the address");
        assertFalse(text.contains(oldSecret) || text.contains(newSecret), "holds no secret");
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
        assertTrue(active(first), "two rotations: the first secret keeps its own stated end");
        assertTrue(active(second) && active(third));

        endReplacedSecrets(id, 120);
        Http.Reply reused = Http.get(kc.patApi(realm.name()) + "/self", first);
        assertEquals(401, reused.status(), "a replaced secret at /self after its end");
        assertFalse(active(third), "revokes the token");
    }

    @Test
    void revokingAReplacedSecretByValueRevokesTheToken() throws Exception {
        realm.user("val");
        String val = realm.bearer("val");
        JsonNode token = create(val, "leaked before rotation", false);
        String oldSecret = token.get("token").asText();
        String newSecret = secretOf(regenerate(realm.name(), val, token.get("id").asText(), Map.of("overlapSeconds", 3600)));
        assertEquals(202, kc.reportExposed(realm.name(), List.of(oldSecret)).status());
        long deadline = System.currentTimeMillis() + 10_000;
        while (active(newSecret)) {
            assertTrue(System.currentTimeMillis() < deadline, "still active 10 s after the report");
            Thread.sleep(20);
        }
        assertFalse(active(oldSecret));
    }

    @Test
    void aTokenExchangedFromTheOldSecretLivesNoLongerThanIt() {
        String alice = kc.demoToken("alice");
        JsonNode token = expect(Http.postJson(kc.patApi(DEMO), alice, Map.of("name", "exchanged " + System.nanoTime(),
                "scopes", List.of("api.read"), "expiresAt", now() + 86_400)), 201).json();
        String id = token.get("id").asText();
        String oldSecret = SECRETS.remember(token.get("token").asText());
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

    private static Http.Reply exchange(String subjectToken) {
        return Http.postForm(kc.base() + "/realms/demo/protocol/openid-connect/token", "demo-api", "demo-api-secret",
                Map.of("grant_type", EXCHANGE, "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE,
                        "scope", "api.read"));
    }
}
