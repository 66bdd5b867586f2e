package io.github.kcpat.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console's Policy tab explains each field in messages_en.properties; these checks hold its help and its
 * messages to what {@link PatPolicy#problems()} accepts, so a rule and its words cannot drift apart unseen.
 */
class PolicyHelpTextsTest {

    private static final Properties TEXTS = new Properties();

    @BeforeAll
    static void load() throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of("themes/personal-access-tokens/admin/messages/messages_en.properties"),
                StandardCharsets.UTF_8)) {
            TEXTS.load(in);
        }
    }

    private static String text(String key) {
        String value = TEXTS.getProperty(key);
        assertTrue(value != null && !value.isBlank(), key + " is missing");
        return value;
    }

    private static boolean accepted(PatPolicy policy) {
        return policy.problems().isEmpty();
    }

    private static PatPolicy with(int maxLifetime, int defaultLifetime, int maxTokens, int unused, int authAge) {
        return new PatPolicy(true, maxLifetime, defaultLifetime, maxTokens, unused, List.of("account-console"), authAge);
    }

    @Test
    void zeroIsOfferedOnlyWhereTheServerTakesIt() {
        // the fields whose help says what 0 means take 0; the others refuse it
        assertTrue(accepted(with(0, 30, 50, 0, 300)));
        assertTrue(accepted(with(365, 30, 0, 0, 300)));
        assertTrue(text("pat.policyMaxLifetimeDaysHelp").contains("0: no limit"));
        assertTrue(text("pat.policyMaxTokensPerUserHelp").contains("0: no limit"));
        assertTrue(text("pat.policyUnusedRevokeDaysHelp").contains("0: never"));

        assertFalse(accepted(with(365, 0, 50, 0, 300)));
        assertFalse(accepted(with(365, 30, 50, 0, 0)));
        for (String field : List.of("DefaultLifetimeDays", "MaxAuthAgeSeconds")) {
            String help = text("pat.policy" + field + "Help");
            assertFalse(help.contains("0:") || help.contains("no limit") || help.contains("no default"), help);
        }
        assertFalse(text("pat.policyIntro").contains("0 means no limit"), "not every field takes 0");
    }

    @Test
    void theRangesNamedAreTheServersRanges() {
        assertTrue(text("pat.policyMaxLifetimeDaysHelp").contains("0 to " + PatPolicy.MAX_DAYS + " days"));
        assertTrue(text("pat.policyMaxLifetimeDaysRange").contains(PatPolicy.MAX_DAYS + " days"));
        assertTrue(text("pat.policyDefaultLifetimeDaysHelp").contains("1 to " + PatPolicy.MAX_DAYS + " days"));
        assertTrue(text("pat.policyDefaultLifetimeDaysRange").contains("between 1 and " + PatPolicy.MAX_DAYS + " days"));
        assertTrue(text("pat.policyMaxTokensPerUserHelp").contains("0 to " + PatPolicy.MAX_TOKENS));
        assertTrue(text("pat.policyMaxTokensPerUserRange").contains(Integer.toString(PatPolicy.MAX_TOKENS)));
        assertTrue(text("pat.policyUnusedRevokeDaysHelp").contains("0 to " + PatPolicy.MAX_DAYS + " days"));
        assertTrue(text("pat.policyUnusedRevokeDaysRange").contains(PatPolicy.MAX_DAYS + " days"));

        assertEquals(5, PatPolicy.MIN_AUTH_AGE);
        assertEquals(30 * 86_400, PatPolicy.MAX_AUTH_AGE);
        assertTrue(text("pat.policyMaxAuthAgeSecondsHelp").contains("5 seconds to 30 days (" + PatPolicy.MAX_AUTH_AGE));
        assertEquals("Sign-in age must be between 5 seconds and 30 days (2592000 seconds).",
                text("pat.policyMaxAuthAgeSecondsRange"));
        assertTrue(accepted(with(365, 30, 50, 0, PatPolicy.MAX_AUTH_AGE)));
        assertFalse(accepted(with(365, 30, 50, 0, PatPolicy.MAX_AUTH_AGE + 1)));
        assertFalse(accepted(with(10, 30, 50, 0, 300)), "the default may not exceed the longest lifetime");
        assertTrue(text("pat.policyDefaultLifetimeDaysHelp").contains("not longer than the longest lifetime"));
    }

    @Test
    void anEmptyClientListLocksSelfServiceOutAndTheHelpSaysSo() {
        PatPolicy none = new PatPolicy(true, 365, 30, 50, 0, List.of(), 300);
        assertTrue(accepted(none), "an empty list is allowed");
        assertEquals(List.of(), PolicyAttributes.read(name -> name.equals("creationClients") ? "" : null)
                .policy().creationClients());
        String help = text("pat.policyCreationClientsHelp");
        assertFalse(help.contains("any client"), help);
        assertTrue(help.contains("Empty: no client may, so nobody can create or regenerate a token in self-service"), help);
        assertTrue(text("pat.policyCreationClientsEmpty").contains("nobody"));
    }

    @Test
    void theRemindersHelpSaysWhatStillNeedsMail() {
        String help = text("pat.policyExpiryRemindersEnabledHelp");
        assertTrue(help.contains("unused tokens are still revoked"), help);
        assertTrue(help.contains("reported as exposed"), help);
    }
}
