package io.github.kcpat.it;

import java.util.Arrays;
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

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily lifecycle: expiry reminders by e-mail (to a real SMTP server the test starts on loopback) at 7 days and at
 * 1 day, once each, and revocation of tokens unused for longer than the policy allows.
 */
@org.junit.jupiter.api.Tag("line-independent")
@KeycloakTest(realm = "lifecycle", smtp = true)
class LifecycleIT {

    private static IssuedSecrets SECRETS;
    private static final long DAY = 86_400;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static GreenMail smtp;

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode runLifecycle() {
        return expect(kc.adminPost(realm.name() + "/personal-access-tokens/lifecycle", Map.of()), 200).json();
    }

    /** The text of the message's part of that type, however deep it is nested. */
    private static String part(jakarta.mail.Part message, String type) throws Exception {
        if (message.isMimeType(type)) {
            return message.getContent().toString();
        }
        if (message.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static JsonNode created(Http.Reply reply) {
        JsonNode token = expect(reply, 201).json();
        SECRETS.remember(token.get("token").asText());
        return token;
    }

    @Test
    void anUnverifiedAddressGetsNoReminder() throws Exception {
        String userId = realm.user("umberto");
        String umberto = realm.bearer("umberto");
        created(realm.create(umberto, "soon gone", now() + 3 * DAY));
        expect(kc.adminPut(realm.name() + "/users/" + userId, Map.of("emailVerified", false)), 204);
        smtp.purgeEmailFromAllMailboxes();
        runLifecycle();
        assertTrue(Arrays.stream(smtp.getReceivedMessages()).noneMatch(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("umberto@example.org");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }), "an address the user has not shown to be theirs is never written to");
        expect(kc.adminPut(realm.name() + "/users/" + userId, Map.of("emailVerified", true)), 204);
        assertEquals(1, runLifecycle().get("remindersSent").asInt(), "verified, it is reminded");
    }

    @Test
    void ownersAreRemindedAtSevenDaysAndAtOneDayOnceEach() throws Exception {
        realm.user("mona");
        String mona = realm.bearer("mona");
        JsonNode week = created(realm.create(mona, "deploy <prod>", now() + 3 * DAY));
        created(realm.create(mona, "far away", now() + 60 * DAY));
        smtp.purgeEmailFromAllMailboxes();

        assertEquals(1, runLifecycle().get("remindersSent").asInt());
        MimeMessage[] first = smtp.getReceivedMessages();
        assertEquals(1, first.length);
        assertEquals("mona@example.org", first[0].getAllRecipients()[0].toString());
        assertTrue(first[0].getSubject().contains("7 days"), first[0].getSubject());
        String body = GreenMailUtil.getBody(first[0]);
        assertTrue(body.contains("deploy") && body.contains("prod"), "names the token");
        assertFalse(body.contains("far away"), "only the tokens that expire soon");
        String html = part(first[0], "text/html");
        assertTrue(html.contains("deploy &lt;prod&gt;"), html);
        assertFalse(html.contains("<prod>"), "the name is escaped in the HTML part");
        assertTrue(part(first[0], "text/plain").contains("deploy <prod>"));

        assertEquals(0, runLifecycle().get("remindersSent").asInt(), "once per token and threshold");
        assertEquals(1, smtp.getReceivedMessages().length);

        // a day later than the 7-day reminder, it expires within a day
        server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET EXPIRES_AT = ? WHERE ID = ?", now() + DAY / 2,
                week.get("id").asText());
        assertEquals(1, runLifecycle().get("remindersSent").asInt());
        MimeMessage[] second = smtp.getReceivedMessages();
        assertEquals(2, second.length);
        assertTrue(second[1].getSubject().contains("within a day"), second[1].getSubject());
        assertEquals(0, runLifecycle().get("remindersSent").asInt());
        assertEquals(2, smtp.getReceivedMessages().length);
        assertTrue(Arrays.stream(second).noneMatch(m -> GreenMailUtil.getBody(m).contains("kcpat_")), "no secret in mail");
    }

    @Test
    void tokensUnusedForLongerThanThePolicyAllowsAreRevoked() {
        String ninaId = realm.user("nina");
        String nina = realm.bearer("nina");
        JsonNode idle = created(realm.create(nina, "idle", now() + 300 * DAY));
        JsonNode busy = created(realm.create(nina, "busy", now() + 300 * DAY));
        server.database().age(idle.get("id").asText(), 40 * DAY);
        server.database().age(busy.get("id").asText(), 40 * DAY);
        assertTrue(realm.introspect(busy.get("token").asText()).get("active").asBoolean(), "used today");

        expect(kc.adminPut(realm.name() + "/personal-access-tokens/policy", Map.of("unusedRevokeDays", 30)), 200);
        try {
            assertFalse(realm.introspect(idle.get("token").asText()).get("active").asBoolean(),
                    "unused for 40 days: stops at once under the new rule");
            assertEquals(1, runLifecycle().get("revoked").asInt());
            assertEquals(404, Http.get(kc.patApi(realm.name()) + "/" + idle.get("id").asText(), nina).status());
            assertEquals(200, Http.get(kc.patApi(realm.name()) + "/" + busy.get("id").asText(), nina).status());
            JsonNode event = realm.events("REMOVE_CREDENTIAL", ninaId).get(0);
            assertEquals("revoked_unused", event.get("details").get("pat_action").asText());
            assertEquals(idle.get("id").asText(), event.get("details").get("pat_id").asText());
        } finally {
            expect(kc.adminPut(realm.name() + "/personal-access-tokens/policy", Map.of("unusedRevokeDays", 0)), 200);
        }
    }

    @Test
    void aRealmWithRemindersOffGetsNoMailButUnusedTokensAreStillRevoked() throws Exception {
        String ottoId = realm.user("otto");
        String otto = realm.bearer("otto");
        created(realm.create(otto, "expires soon", now() + 3 * DAY));
        JsonNode idle = created(realm.create(otto, "idle", now() + 300 * DAY));
        server.database().age(idle.get("id").asText(), 40 * DAY);
        String policy = realm.name() + "/personal-access-tokens/policy";
        assertTrue(expect(kc.adminGet(policy), 200).json().get("expiryRemindersEnabled").asBoolean(), "on by default");
        JsonNode off = expect(kc.adminPut(policy, Map.of("expiryRemindersEnabled", false, "unusedRevokeDays", 30)), 200).json();
        assertFalse(off.get("expiryRemindersEnabled").asBoolean());
        assertEquals("false", kc.adminGet(realm.name()).json().get("attributes")
                .get("personalAccessTokens.expiryRemindersEnabled").asText(), "kept as a realm attribute");
        try {
            smtp.purgeEmailFromAllMailboxes();
            JsonNode outcome = runLifecycle();
            assertEquals(0, outcome.get("remindersSent").asInt(), outcome.toString());
            assertTrue(outcome.get("revoked").asInt() >= 1, "unused-token revocation still runs: " + outcome);
            assertFalse(smtp.waitForIncomingEmail(1_000, 1), "no mail while reminders are off");
            assertEquals(404, Http.get(kc.patApi(realm.name()) + "/" + idle.get("id").asText(), otto).status());

            expect(kc.adminPut(policy, Map.of("expiryRemindersEnabled", true)), 200);
            assertEquals(1, runLifecycle().get("remindersSent").asInt(), "on again: reminded as before");
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(1, mails.length);
            assertEquals("otto@example.org", mails[0].getAllRecipients()[0].toString());
            assertTrue(GreenMailUtil.getBody(mails[0]).contains("expires soon"));
        } finally {
            expect(kc.adminPut(policy, Map.of("expiryRemindersEnabled", true, "unusedRevokeDays", 0)), 200);
            kc.deleteUser(realm.name(), ottoId);
        }
    }

    /** Mail is needed for reminders only: a realm without an e-mail server and without reminders has nothing to fix. */
    @Test
    void aRealmWithoutMailIsWarnedOnlyWhileRemindersAreOn() {
        ThrowawayRealm noMail = new ThrowawayRealm(kc, "nomail", Map.of());
        try {
            String policy = noMail.name() + "/personal-access-tokens/policy";
            assertTrue(findings(noMail).contains("NO_SMTP"), findings(noMail).toString());
            expect(kc.adminPut(policy, Map.of("expiryRemindersEnabled", false)), 200);
            assertFalse(findings(noMail).contains("NO_SMTP"), findings(noMail).toString());
            expect(kc.adminPut(policy, Map.of("expiryRemindersEnabled", true)), 200);
            assertTrue(findings(noMail).contains("NO_SMTP"));
        } finally {
            noMail.delete();
        }
        // the demo realm has no e-mail server and turns reminders off: it starts without a warning
        String log = server.log();
        assertFalse(log.lines().anyMatch(l -> l.contains("Realm demo:") && l.contains("NO_SMTP")), "no NO_SMTP for demo");
        assertTrue(log.contains("Realm demo: personal access tokens are on, and the setup health check finds nothing to fix"));
    }

    private static List<String> findings(ThrowawayRealm r) {
        List<String> codes = new java.util.ArrayList<>();
        expect(kc.adminGet(r.name() + "/personal-access-tokens/setup"), 200).json().get("findings")
                .forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    @Test
    void theDailyScheduleIsConfigured() {
        JsonNode info = expect(Http.get(kc.base() + "/admin/serverinfo",
                kc.userToken("master", "admin-cli", "admin", "admin", null)), 200).json();
        JsonNode provider = info.get("providers").get("personal-access-token").get("providers").get("jpa");
        assertEquals("86400", provider.get("operationalInfo").get("lifecycle-interval").asText());
        assertEquals(List.of("jpa"), List.of(info.get("providers").get("personal-access-token").get("providers").fieldNames().next()));
    }
}
