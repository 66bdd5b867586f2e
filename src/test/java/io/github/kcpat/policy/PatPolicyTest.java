package io.github.kcpat.policy;

import java.util.List;
import java.util.Map;

import io.github.kcpat.model.PersonalAccessToken;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatPolicyTest {

    private static final long NOW = 1_800_000_000L;
    private static final long DAY = 86_400;

    private static PersonalAccessToken token(long createdAt, Long expiresAt, Long lastUsedAt) {
        return new PersonalAccessToken("id", "realm", "user", "name", List.of(), "hint", createdAt, expiresAt, lastUsedAt,
                null, null, false);
    }

    @Nested
    class Reading {

        @Test
        void missingAttributesTakeTheSecureDefaults() {
            PolicyAttributes.Reading reading = PolicyAttributes.read(name -> null);
            assertEquals(PatPolicy.DEFAULT, reading.policy());
            assertTrue(reading.warnings().isEmpty());
            assertTrue(PatPolicy.DEFAULT.expiryRequired());
            assertEquals(365, PatPolicy.DEFAULT.maxLifetimeDays());
            assertEquals(List.of("account-console"), PatPolicy.DEFAULT.creationClients());
            assertEquals(300, PatPolicy.DEFAULT.maxAuthAgeSeconds());
            assertTrue(PatPolicy.DEFAULT.expiryRemindersEnabled(), "realms from before the setting keep their reminders");
        }

        @Test
        void unreadableAttributesFailClosedWithAWarningEach() {
            PolicyAttributes.Reading reading = PolicyAttributes.read(name -> "garbage");
            PatPolicy strictest = reading.policy();
            assertTrue(strictest.expiryRequired());
            assertEquals(1, strictest.maxLifetimeDays());
            assertEquals(1, strictest.defaultLifetimeDays());
            assertEquals(1, strictest.maxTokensPerUser());
            assertEquals(1, strictest.unusedRevokeDays());
            assertEquals(5, strictest.maxAuthAgeSeconds());
            assertTrue(strictest.expiryRemindersEnabled(), "unreadable: reminders stay on");
            assertEquals(0, strictest.maxRotationOverlapSeconds(), "unreadable: replaced secrets end at once");
            assertEquals(10, reading.warnings().size(), reading.warnings().toString());
            assertTrue(strictest.needsApproval("anything"), "unreadable: every scope waiting for approval keeps waiting");
            assertEquals(1, strictest.approvalLapseDays());
            assertTrue(reading.warnings().get(0).contains("personalAccessTokens.expiryRequired"));
        }

        @Test
        void outOfRangeNumbersAreUnreadableToo() {
            Map<String, String> attributes = Map.of("maxLifetimeDays", "-3", "maxTokensPerUser", "99999999999",
                    "maxAuthAgeSeconds", "0");
            PolicyAttributes.Reading reading = PolicyAttributes.read(attributes::get);
            assertEquals(1, reading.policy().maxLifetimeDays());
            assertEquals(1, reading.policy().defaultLifetimeDays(), "the default never exceeds the limit");
            assertEquals(1, reading.policy().maxTokensPerUser());
            assertEquals(5, reading.policy().maxAuthAgeSeconds());
            assertEquals(3, reading.warnings().size());
        }

        @Test
        void creationClientsAreCommaOrSpaceSeparated() {
            Map<String, String> attributes = Map.of("creationClients", " account-console, demo-cli  cli,");
            assertEquals(List.of("account-console", "demo-cli", "cli"),
                    PolicyAttributes.read(attributes::get).policy().creationClients());
            assertEquals(List.of(), PolicyAttributes.read(name -> name.equals("creationClients") ? "" : null)
                    .policy().creationClients(), "empty: nobody may create");
        }

        @Test
        void roundTripsThroughAttributes() {
            PatPolicy policy = new PatPolicy(false, 90, 7, 3, 30, List.of("account-console", "cli"), 120, false);
            Map<String, String> attributes = policy.toAttributes();
            assertEquals(policy, PolicyAttributes.read(attributes::get).policy());
            assertEquals("false", attributes.get("expiryRemindersEnabled"));
        }
    }

    @Nested
    class Validation {

        @Test
        void soundPoliciesHaveNoProblems() {
            assertTrue(PatPolicy.DEFAULT.problems().isEmpty());
            assertTrue(new PatPolicy(false, 0, 400, 0, 0).problems().isEmpty(), "no lifetime limit: any default");
        }

        @Test
        void eachProblemIsNamed() {
            assertEquals(1, new PatPolicy(true, -1, 30, 50, 0).problems().size());
            assertTrue(new PatPolicy(true, 10, 30, 50, 0).problems().get(0).contains("defaultLifetimeDays"));
            assertTrue(new PatPolicy(true, 365, 0, 50, 0).problems().get(0).contains("defaultLifetimeDays"));
            assertTrue(new PatPolicy(true, 365, 30, -5, 0).problems().get(0).contains("maxTokensPerUser"));
            assertTrue(new PatPolicy(true, 365, 30, 50, 40_000).problems().get(0).contains("unusedRevokeDays"));
            assertTrue(new PatPolicy(true, 365, 30, 50, 0, List.of(), 4).problems().get(0).contains("maxAuthAgeSeconds"));
            assertTrue(new PatPolicy(true, 365, 30, 50, 0, List.of("a b"), 300).problems().get(0).contains("creationClients"));
        }
    }

    @Nested
    class NewTokens {

        @Test
        void expiryRules() {
            PatPolicy policy = new PatPolicy(true, 30, 7, 0, 0);
            assertNotNull(policy.expiryRefusal(null, NOW));
            assertNotNull(policy.expiryRefusal(NOW + 31 * DAY, NOW));
            assertNull(policy.expiryRefusal(NOW + 30 * DAY, NOW));
            PatPolicy open = new PatPolicy(false, 0, 30, 0, 0);
            assertNull(open.expiryRefusal(null, NOW));
            assertTrue(open.allowsNoExpiry());
            assertFalse(new PatPolicy(false, 30, 7, 0, 0).allowsNoExpiry(), "a lifetime limit implies an expiry");
            assertNotNull(new PatPolicy(false, 30, 7, 0, 0).expiryRefusal(null, NOW));
        }

        @Test
        void countRule() {
            PatPolicy policy = new PatPolicy(true, 30, 7, 2, 0);
            assertNull(policy.countRefusal(1));
            assertNotNull(policy.countRefusal(2));
            assertNull(new PatPolicy(true, 30, 7, 0, 0).countRefusal(1_000_000), "0: no limit");
        }
    }

    @Nested
    class ExistingTokens {

        @Test
        void aTightenedLifetimeCutsTheExpiry() {
            PatPolicy tenDays = new PatPolicy(true, 10, 7, 0, 0);
            assertEquals(NOW + 10 * DAY, tenDays.effectiveExpiry(token(NOW, NOW + 30 * DAY, null)));
            assertEquals(NOW + 5 * DAY, tenDays.effectiveExpiry(token(NOW, NOW + 5 * DAY, null)));
            assertEquals(NOW + 10 * DAY, tenDays.effectiveExpiry(token(NOW, null, null)), "no expiry gets the limit");
        }

        @Test
        void aNewlyRequiredExpiryEndsATokenWithoutOne() {
            assertEquals(NOW, new PatPolicy(true, 0, 30, 0, 0).effectiveExpiry(token(NOW, null, null)));
            assertNull(new PatPolicy(false, 0, 30, 0, 0).effectiveExpiry(token(NOW, null, null)));
        }

        @Test
        void unusedCountsFromTheLastUseOrFromCreation() {
            PatPolicy thirty = new PatPolicy(true, 365, 30, 0, 30);
            assertTrue(thirty.unusedTooLong(token(NOW - 40 * DAY, null, null), NOW));
            assertFalse(thirty.unusedTooLong(token(NOW - 40 * DAY, null, NOW - DAY), NOW));
            assertTrue(thirty.unusedTooLong(token(NOW - 90 * DAY, null, NOW - 31 * DAY), NOW));
            assertFalse(new PatPolicy(true, 365, 30, 0, 0).unusedTooLong(token(0, null, null), NOW), "0: never");
        }
    }

    @Nested
    class RotationOverlap {

        private final PatPolicy aDay = PatPolicy.DEFAULT;

        @Test
        void theDefaultLimitIsADayAndItsEdgesAreExact() {
            assertEquals(86_400, aDay.maxRotationOverlapSeconds());
            assertNull(aDay.overlapRefusal(0));
            assertNull(aDay.overlapRefusal(86_400), "exactly the limit");
            assertNotNull(aDay.overlapRefusal(86_401), "a second over");
            assertNotNull(aDay.overlapRefusal(-1));
            assertNotNull(aDay.overlapRefusal(Long.MAX_VALUE));
        }

        @Test
        void aRealmWithoutOverlapSaysSo() {
            PatPolicy none = new PatPolicy(true, 365, 30, 50, 0, List.of("account-console"), 300, true, 0);
            assertNull(none.overlapRefusal(0));
            assertTrue(none.overlapRefusal(1).contains("at once"), none.overlapRefusal(1));
        }

        @Test
        void thePolicysCurrentLimitCutsARunningOverlapFromItsReplacement() {
            long replacedAt = NOW - 100;
            assertEquals(NOW + 3_500, aDay.previousSecretEnd(replacedAt, NOW + 3_500), "within the limit: as asked");
            PatPolicy tenMinutes = new PatPolicy(true, 365, 30, 50, 0, List.of("account-console"), 300, true, 600);
            assertEquals(replacedAt + 600, tenMinutes.previousSecretEnd(replacedAt, NOW + 3_500), "lowered: cut");
            PatPolicy none = new PatPolicy(true, 365, 30, 50, 0, List.of("account-console"), 300, true, 0);
            assertEquals(replacedAt, none.previousSecretEnd(replacedAt, NOW + 3_500), "0: ended at its replacement");
        }

        @Test
        void theListsShowThePreviousSecretsEndAsThePolicyCutsIt() {
            PersonalAccessToken replaced = new PersonalAccessToken("id", "realm", "user", "name", List.of(), "hint", NOW - 100,
                    null, null, null, null, false, NOW + 3_500, 1);
            assertEquals(NOW + 3_500, aDay.previousSecretLiveUntil(replaced, NOW));
            PatPolicy tenMinutes = new PatPolicy(true, 365, 30, 50, 0, List.of("account-console"), 300, true, 600);
            assertEquals(NOW + 500, tenMinutes.previousSecretLiveUntil(replaced, NOW));
            assertNull(tenMinutes.previousSecretLiveUntil(replaced, NOW + 500), "its end has come");
            PatPolicy none = new PatPolicy(true, 365, 30, 50, 0, List.of("account-console"), 300, true, 0);
            assertNull(none.previousSecretLiveUntil(replaced, NOW));
            assertNull(aDay.previousSecretLiveUntil(token(NOW, null, null), NOW), "none replaced");
        }

        @Test
        void theLimitIsBoundedAndStored() {
            assertTrue(new PatPolicy(true, 365, 30, 50, 0, List.of(), 300, true, -1).problems().get(0)
                    .contains("maxRotationOverlapSeconds"));
            assertTrue(new PatPolicy(true, 365, 30, 50, 0, List.of(), 300, true, 2_592_001).problems().get(0)
                    .contains("maxRotationOverlapSeconds"));
            PatPolicy stored = new PatPolicy(true, 365, 30, 50, 0, List.of("account-console"), 300, true, 3600);
            assertEquals(stored, PolicyAttributes.read(stored.toAttributes()::get).policy(), "read back as stored");
        }
    }
}
