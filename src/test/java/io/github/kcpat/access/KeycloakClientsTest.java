package io.github.kcpat.access;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which clients are Keycloak's own, which no token derived from a PAT may name and none may exchange one. */
class KeycloakClientsTest {

    /** A realm whose clients are the given ones (client id to its {@code realm_client} attribute, or null). */
    static RealmModel realm(String name, Map<String, String> realmClientAttribute) {
        return Fake.of(RealmModel.class, name)
                .with("getName", name)
                .answer("getClientByClientId", args -> {
                    String clientId = (String) args[0];
                    if (!realmClientAttribute.containsKey(clientId)) {
                        return null;
                    }
                    return Fake.of(ClientModel.class, clientId)
                            .with("getClientId", clientId)
                            .answer("getAttribute", a -> "realm_client".equals(a[0]) ? realmClientAttribute.get(clientId) : null)
                            .build();
                })
                .build();
    }

    static RealmModel realm(String name) {
        return realm(name, Map.of());
    }

    @Nested
    class Own {

        @ParameterizedTest
        @ValueSource(strings = {"account", "account-console", "realm-management", "broker", "admin-cli", "security-admin-console"})
        void keycloaksClientsInEveryRealm(String clientId) {
            assertTrue(KeycloakClients.isOwn(realm("acme"), clientId), "in a realm");
            assertTrue(KeycloakClients.isOwn(realm("master"), clientId), "in the admin realm");
        }

        @Test
        void anUnknownClientIdIsOwnRatherThanAllowed() {
            assertTrue(KeycloakClients.isOwn(realm("acme"), null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"acme-realm", "master-realm", "-realm", "anything-realm"})
        void everyRealmClientOfTheAdminRealm(String clientId) {
            assertTrue(KeycloakClients.isOwn(realm("master"), clientId));
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "TRUE", "True"})
        void aClientMarkedAsARealmClient(String attribute) {
            assertTrue(KeycloakClients.isOwn(realm("acme", Map.of("legacy-realm", attribute)), "legacy-realm"));
        }
    }

    @Nested
    class NotOwn {

        @ParameterizedTest
        @ValueSource(strings = {"api", "my-app", "personal-access-tokens", "", "accounts", "account-console2", "admin-cli-proxy",
                "xbroker", "realm-management-ui"})
        void ordinaryClients(String clientId) {
            RealmModel realm = realm("acme", Map.of("api", "false"));
            assertFalse(KeycloakClients.isOwn(realm, clientId));
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "", "yes", "1"})
        void aClientWhoseRealmClientAttributeIsNotTrue(String attribute) {
            assertFalse(KeycloakClients.isOwn(realm("acme", Map.of("api", attribute)), "api"));
        }

        @Test
        void aRealmSuffixOutsideTheAdminRealm() {
            assertFalse(KeycloakClients.isOwn(realm("acme", Map.of("master-realm", "false")), "master-realm"));
            assertFalse(KeycloakClients.isOwn(realm("acme"), "acme-realm"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Account", "ADMIN-CLI", "Realm-Management", "Broker", "Security-Admin-Console"})
        void caseVariantsAreOtherClients(String clientId) {
            // client ids are case-sensitive in Keycloak, and audiences are compared exactly: "ADMIN-CLI" is not admin-cli
            assertFalse(KeycloakClients.isOwn(realm("acme"), clientId));
        }
    }

    @Nested
    class StrippedFromTokens {

        @Test
        void ownAudiencesAndRolesAreDropped() {
            AccessToken token = new AccessToken();
            token.audience("account", "api", "realm-management", "broker", "other");
            token.addAccess("realm-management").addRole("manage-users");
            token.addAccess("account").addRole("manage-account");
            token.addAccess("api").addRole("read");
            PatAccessTokens.stripKeycloakClients(realm("acme"), token);
            assertArrayEquals(new String[] {"api", "other"}, token.getAudience());
            assertEquals(Set.of("api"), token.getResourceAccess().keySet());
        }

        @Test
        void anAudienceOfOnlyOwnClientsIsLeftEmpty() {
            AccessToken token = new AccessToken();
            token.audience("account", "master-realm");
            PatAccessTokens.stripKeycloakClients(realm("master"), token);
            assertNull(token.getAudience());
        }

        @Test
        void aTokenWithNoAudienceNorRolesIsLeftAlone() {
            AccessToken token = new AccessToken();
            PatAccessTokens.stripKeycloakClients(realm("acme"), token);
            assertNull(token.getAudience());
        }
    }
}
