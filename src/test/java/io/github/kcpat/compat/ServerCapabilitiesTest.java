package io.github.kcpat.compat;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detection, fed classes shaped like each Keycloak line's (and like none). */
class ServerCapabilitiesTest {

    /** 26.6.2 and later: the audience rule; the claims take the token and the small token. */
    static class ProviderWithRule {
        protected boolean verifyAudience() {
            return true;
        }
    }

    static class ManagerWithSmallToken {
        public AccessToken transformIntrospectionAccessToken(KeycloakSession session, AccessToken token,
                                                             AccessToken smallToken, UserSessionModel userSession,
                                                             ClientSessionContext context) {
            return token;
        }
    }

    /** 26.4 and 26.5: no audience rule; the claims take the token alone. */
    static class ProviderWithoutRule {
        protected boolean verifyClient() {
            return true;
        }
    }

    static class ManagerWithTokenOnly {
        public AccessToken transformIntrospectionAccessToken(KeycloakSession session, AccessToken token,
                                                             UserSessionModel userSession, ClientSessionContext context) {
            return token;
        }
    }

    /** Look-alikes that must not count: a static or private method, another return type, another signature. */
    static class ProviderLookAlike {
        private boolean verifyAudience() {
            return true;
        }
    }

    static class StaticRule {
        protected static boolean verifyAudience() {
            return true;
        }
    }

    static class ManagerLookAlike {
        public Object transformIntrospectionAccessToken(KeycloakSession session, AccessToken token,
                                                        UserSessionModel userSession, ClientSessionContext context) {
            return token;
        }

        public AccessToken transformIntrospectionAccessToken(AccessToken token) {
            return token;
        }
    }

    @Test
    void aServerWithTheRuleAndTheNewClaims() {
        ServerCapabilities found = ServerCapabilities.detect(ProviderWithRule.class, ManagerWithSmallToken.class, true);
        assertTrue(found.introspectionAudienceRule());
        assertEquals(ServerCapabilities.ClaimsForm.TOKEN_AND_SMALL_TOKEN, found.introspectionClaims());
        assertTrue(found.clusterCarrier());
    }

    @Test
    void anOlderServer() {
        ServerCapabilities found = ServerCapabilities.detect(ProviderWithoutRule.class, ManagerWithTokenOnly.class, false);
        assertFalse(found.introspectionAudienceRule());
        assertEquals(ServerCapabilities.ClaimsForm.TOKEN_ONLY, found.introspectionClaims());
        assertFalse(found.clusterCarrier());
        assertTrue(found.describe().contains("the extension's own"), found.describe());
    }

    @Test
    void lookAlikesDoNotCount() {
        assertFalse(ServerCapabilities.detect(ProviderLookAlike.class, Object.class, true).introspectionAudienceRule());
        assertFalse(ServerCapabilities.detect(StaticRule.class, Object.class, true).introspectionAudienceRule());
        assertEquals(ServerCapabilities.ClaimsForm.MISSING,
                ServerCapabilities.detect(Object.class, ManagerLookAlike.class, true).introspectionClaims());
    }

    @Test
    void theCompileTimeKeycloakHasBoth() {
        ServerCapabilities found = ServerCapabilities.detect(AccessTokenIntrospectionProvider.class, TokenManager.class, true);
        assertTrue(found.introspectionAudienceRule());
        assertEquals(ServerCapabilities.ClaimsForm.TOKEN_AND_SMALL_TOKEN, found.introspectionClaims());
    }
}
