package io.github.kcpat.access;

import java.util.List;

import io.github.kcpat.policy.PatPolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionModel.SessionPersistenceState;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When minting a secret asks for a fresh sign-in: as a token that is not quite a fresh sign-in would try it. */
class FreshSignInRuleTest {

    private static final long NOW = 1_700_000_000L;
    private static final int MAX_AGE = 300;
    private static final PatPolicy POLICY = policy(List.of("account-console", "my-portal"));

    private static PatPolicy policy(List<String> creationClients) {
        return new PatPolicy(true, 365, 30, 50, 0, creationClients, MAX_AGE);
    }

    private static AccessToken token(String issuedFor, Long authTime, String scope) {
        AccessToken token = new AccessToken();
        token.issuedFor(issuedFor);
        token.setAuth_time(authTime);
        token.setScope(scope);
        return token;
    }

    private static AccessToken signedIn(long secondsAgo) {
        return token("account-console", NOW - secondsAgo, "openid profile");
    }

    private static UserSessionModel session(boolean offline, SessionPersistenceState state, String authTimeNote, int started) {
        return Fake.of(UserSessionModel.class, "session")
                .with("isOffline", offline)
                .with("getPersistenceState", state)
                .answer("getNote", args -> AuthenticationManager.AUTH_TIME.equals(args[0]) ? authTimeNote : null)
                .with("getStarted", started)
                .build();
    }

    private static UserSessionModel online(String authTimeNote, int started) {
        return session(false, SessionPersistenceState.PERSISTENT, authTimeNote, started);
    }

    private static Refusal refusal(AccessToken token, UserSessionModel session, PatPolicy policy) {
        return assertThrows(Refusal.class, () -> FreshSignInRule.require(token, session, policy, NOW));
    }

    private static void assertStepUp(AccessToken token, UserSessionModel session) {
        Refusal refusal = refusal(token, session, POLICY);
        assertEquals(Refusal.Kind.STEP_UP, refusal.kind());
        assertEquals("insufficient_user_authentication", refusal.error());
        assertEquals(MAX_AGE, refusal.maxAge(), "the max_age to ask for at the next sign-in");
    }

    private static void assertForbidden(String error, AccessToken token, UserSessionModel session, PatPolicy policy) {
        Refusal refusal = refusal(token, session, policy);
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.kind());
        assertEquals(error, refusal.error());
    }

    @Nested
    class Client {

        @Test
        void aCreationClientsTokenMayMint() {
            assertDoesNotThrow(() -> FreshSignInRule.require(signedIn(0), null, POLICY, NOW));
            assertDoesNotThrow(() -> FreshSignInRule.require(token("my-portal", NOW, null), null, POLICY, NOW));
        }

        @ParameterizedTest
        @ValueSource(strings = {"other-app", "Account-Console", "account-console ", "", "account", "admin-cli"})
        void anyOtherClientsTokenIsForbiddenHoweverFresh(String client) {
            assertForbidden("client_not_allowed", token(client, NOW, "openid"), null, POLICY);
        }

        @Test
        void aTokenNamingNoClientIsForbidden() {
            assertForbidden("client_not_allowed", token(null, NOW, "openid"), null, POLICY);
        }

        @Test
        void noClientIsAllowedWhenThePolicyNamesNone() {
            Refusal refusal = refusal(signedIn(0), null, policy(List.of()));
            assertEquals("client_not_allowed", refusal.error());
            assertTrue(refusal.getMessage().contains("none is allowed"), refusal.getMessage());
        }

        @Test
        void theClientIsCheckedBeforeTheSignIn() {
            assertForbidden("client_not_allowed", token("other-app", NOW - 10_000, null), null, POLICY);
        }
    }

    @Nested
    class Offline {

        @ParameterizedTest
        @ValueSource(strings = {"offline_access", "openid offline_access", "offline_access profile", "openid  offline_access"})
        void aTokenWithTheOfflineScopeIsForbidden(String scope) {
            assertForbidden("offline_token_not_allowed", token("account-console", NOW, scope), null, POLICY);
        }

        @Test
        void anOfflineSessionsTokenIsForbiddenEvenWithoutTheScope() {
            assertForbidden("offline_token_not_allowed", signedIn(0),
                    session(true, SessionPersistenceState.PERSISTENT, null, (int) NOW), POLICY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"offline_accessx", "xoffline_access", "offline"})
        void aScopeOnlyLikeTheOfflineOneIsNotOffline(String scope) {
            assertDoesNotThrow(() -> FreshSignInRule.require(token("account-console", NOW, scope), null, POLICY, NOW));
        }
    }

    @Nested
    class SignInAge {

        @Test
        void exactlyTheAllowedAgeIsFresh() {
            assertDoesNotThrow(() -> FreshSignInRule.require(signedIn(MAX_AGE), null, POLICY, NOW));
        }

        @Test
        void aSecondOlderAsksForAFreshSignIn() {
            assertStepUp(signedIn(MAX_AGE + 1), null);
        }

        @Test
        void aSignInOfLongAgoAsksForAFreshSignIn() {
            assertStepUp(token("account-console", 0L, null), null);
        }

        @Test
        void noKnownSignInTimeAsksForAFreshSignIn() {
            assertStepUp(token("account-console", null, null), null);
        }

        @Test
        void theTokensOwnTimeWinsOverAFresherSession() {
            assertStepUp(signedIn(MAX_AGE + 1), online(Long.toString(NOW), (int) NOW));
        }

        @Test
        void withoutTheTokensTimeTheSessionsLastSignInCounts() {
            AccessToken token = token("account-console", null, null);
            assertDoesNotThrow(() -> FreshSignInRule.require(token, online(Long.toString(NOW - MAX_AGE), 0), POLICY, NOW));
            assertStepUp(token, online(Long.toString(NOW - MAX_AGE - 1), (int) NOW));
        }

        @Test
        void withoutANoteTheSessionsStartCounts() {
            AccessToken token = token("account-console", null, null);
            assertDoesNotThrow(() -> FreshSignInRule.require(token, online(null, (int) (NOW - MAX_AGE)), POLICY, NOW));
            assertStepUp(token, online(null, (int) (NOW - MAX_AGE - 1)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "soon", "1700000000.0", "0x6553F100", "99999999999999999999"})
        void anUnreadableNoteAsksForAFreshSignIn(String note) {
            // not the session's start either: a note that is there but unreadable is not "no note"
            assertStepUp(token("account-console", null, null), online(note, (int) NOW));
        }

        @Test
        void aTransientSessionStatesNoSignIn() {
            UserSessionModel session = session(false, SessionPersistenceState.TRANSIENT, Long.toString(NOW), (int) NOW);
            assertStepUp(token("account-console", null, null), session);
        }
    }
}
