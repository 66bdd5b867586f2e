package io.github.kcpat.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.RealmModel;

import static io.github.kcpat.access.KeycloakClientsTest.realm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may exchange a PAT, and for which audience: as a client trying to reach further than the PAT would. */
class ExchangeGrantTest {

    private static final RealmModel ACME = realm("acme");
    private static final Long NOT_AFTER = 1_700_000_300L;

    private static ExchangeGrant decide(String requester, Collection<String> subjectAudience, List<String> requested) {
        return ExchangeGrant.decide(ACME, requester, subjectAudience, requested, NOT_AFTER);
    }

    private static void assertForbidden(Runnable exchange) {
        Refusal refusal = assertThrows(Refusal.class, exchange::run);
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.kind());
        assertEquals("access_denied", refusal.error());
        assertTrue(refusal.getMessage().contains("not within the token audience"), refusal.getMessage());
    }

    private static Refusal assertInvalidTarget(Runnable exchange) {
        Refusal refusal = assertThrows(Refusal.class, exchange::run);
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals("invalid_target", refusal.error());
        return refusal;
    }

    @Nested
    class Requester {

        @Test
        void aClientTheTokenIsMeantForMayExchangeForTheWholeReachableAudience() {
            ExchangeGrant grant = decide("api", List.of("api", "reports"), null);
            assertEquals(List.of("api", "reports"), new ArrayList<>(grant.audience()), "in the subject's order");
            assertEquals(NOT_AFTER, grant.notAfter());
        }

        @Test
        void theBoundIsPassedOnAsGivenAndNullMeansNone() {
            assertNull(ExchangeGrant.decide(ACME, "api", List.of("api"), null, null).notAfter());
        }

        @Test
        void aClientTheTokenIsNotMeantForIsForbidden() {
            assertForbidden(() -> decide("intruder", List.of("api", "reports"), null));
        }

        @Test
        void aClientAskingOnlyForAnAudienceItIsNotInIsStillForbidden() {
            // asking for an audience the token has does not make the requester one of it
            assertForbidden(() -> decide("intruder", List.of("api"), List.of("api")));
        }

        @Test
        void noClientMayExchangeATokenMeantForNoOne() {
            assertForbidden(() -> decide("api", List.of(), null));
            assertForbidden(() -> decide("api", Set.of(), List.of("api")));
        }

        @Test
        void aRequesterWithoutAClientIdIsForbidden() {
            assertForbidden(() -> decide(null, List.of("api"), null));
            assertForbidden(() -> decide(null, Arrays.asList("api", null), null));
            assertForbidden(() -> decide("", List.of("api"), null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"account", "account-console", "realm-management", "broker", "admin-cli", "security-admin-console"})
        void keycloaksOwnClientsAreForbiddenEvenWhenTheTokenIsMeantForThem(String own) {
            assertForbidden(() -> decide(own, List.of(own, "api"), null));
            assertForbidden(() -> decide(own, List.of(own), List.of(own)));
        }

        @Test
        void theAdminRealmsRealmClientsAreForbidden() {
            RealmModel master = realm("master");
            assertForbidden(() -> ExchangeGrant.decide(master, "acme-realm", List.of("acme-realm", "api"), null, null));
        }

        @Test
        void aClientMarkedAsARealmClientIsForbidden() {
            RealmModel realm = realm("acme", Map.of("legacy", "true"));
            assertForbidden(() -> ExchangeGrant.decide(realm, "legacy", List.of("legacy", "api"), null, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"API", "Api", "api ", " api"})
        void aNameLikeAnAudienceIsNotIt(String lookalike) {
            assertForbidden(() -> decide(lookalike, List.of("api"), null));
        }
    }

    @Nested
    class RequestedAudience {

        @Test
        void nothingAskedIsTheWholeReachableAudience() {
            assertEquals(Set.of("api", "reports"), decide("api", List.of("api", "reports"), List.of()).audience());
        }

        @Test
        void aSubsetNarrowsTheToken() {
            assertEquals(Set.of("reports"), decide("api", List.of("api", "reports", "billing"), List.of("reports")).audience());
            assertEquals(Set.of("api"), decide("api", List.of("api", "reports"), List.of("api")).audience());
        }

        @Test
        void askingTwiceForTheSameAudienceGrantsItOnce() {
            ExchangeGrant grant = decide("api", List.of("api", "reports"), List.of("reports", "api", "reports"));
            assertEquals(List.of("reports", "api"), new ArrayList<>(grant.audience()));
        }

        @Test
        void anAudienceBeyondTheTokensIsRefusedAndNamed() {
            Refusal refusal = assertInvalidTarget(() -> decide("api", List.of("api"), List.of("api", "billing", "hr")));
            assertTrue(refusal.getMessage().endsWith("billing hr"), refusal.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"account", "account-console", "realm-management", "broker", "admin-cli", "security-admin-console"})
        void keycloaksOwnClientsAreNeverGrantedEvenWhenTheTokenNamesThem(String own) {
            Refusal refusal = assertInvalidTarget(() -> decide("api", List.of("api", own), List.of(own)));
            assertTrue(refusal.getMessage().contains(own), refusal.getMessage());
        }

        @Test
        void theAdminRealmsRealmClientsAreNeverGranted() {
            RealmModel master = realm("master");
            assertInvalidTarget(() -> ExchangeGrant.decide(master, "api", List.of("api", "acme-realm"), List.of("acme-realm"), null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"API", "api ", "", "*"})
        void aNameLikeAnAudienceIsNotIt(String lookalike) {
            assertInvalidTarget(() -> decide("api", List.of("api"), List.of(lookalike)));
        }

        @Test
        void aMissingEntryIsRefusedNotIgnored() {
            assertInvalidTarget(() -> decide("api", List.of("api"), Arrays.asList("api", null)));
        }
    }

    @Nested
    class Result {

        @Test
        void keycloaksOwnClientsAreNeverInIt() {
            List<String> everything = List.of("api", "account", "account-console", "realm-management", "broker", "admin-cli",
                    "security-admin-console", "acme-realm");
            ExchangeGrant grant = ExchangeGrant.decide(realm("master"), "api", everything, null, null);
            assertEquals(Set.of("api"), grant.audience());
        }

        @Test
        void itDoesNotShareTheCallersCollections() {
            List<String> subject = new ArrayList<>(List.of("api", "reports"));
            List<String> requested = new ArrayList<>(List.of("reports"));
            ExchangeGrant whole = decide("api", subject, null);
            ExchangeGrant narrowed = decide("api", subject, requested);
            subject.add("billing");
            requested.add("billing");
            assertEquals(Set.of("api", "reports"), whole.audience());
            assertEquals(Set.of("reports"), narrowed.audience());
        }
    }
}
