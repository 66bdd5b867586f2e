package io.github.kcpat.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escalation paths an attacker tries, each as the attack itself, asserting the refusal: a PAT and everything
 * exchanged from it never manage Keycloak; only the audience exchanges; admins cannot reach stronger secrets;
 * minting needs a fresh sign-in through an allowed client; Keycloak's revocation reaches PATs; concurrent regenerates
 * never hand out a dead secret; hostile bodies and names are refused; a broken policy fails closed.
 */
class SecurityIT {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final long DAY = 86_400;
    private static final IssuedSecrets SECRETS = new IssuedSecrets();
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static String realm;

    @BeforeAll
    static void createRealm() {
        server = KeycloakServer.get();
        kc = new KeycloakApi(server);
        realm = "security" + now();
        kc.createRealm(realmRepresentation(realm));
        String patClient = kc.clientUuid(realm, "personal-access-tokens");
        Map<String, Object> audienceRs = Map.of("name", "rs audience", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", "rs",
                        "access.token.claim", "true", "introspection.token.claim", "true"));
        for (String scope : List.of("api.read", "api.write")) {
            expect(kc.adminPost(realm + "/client-scopes", Map.of("name", scope, "protocol", "openid-connect",
                    "attributes", Map.of("include.in.token.scope", "true"), "protocolMappers", List.of(audienceRs))), 201);
            expect(kc.adminPut(realm + "/clients/" + patClient + "/optional-client-scopes/" + kc.clientScopeId(realm, scope),
                    Map.of()), 204);
        }
    }

    @AfterAll
    static void cleanUp() {
        expect(kc.adminDelete(realm), 204);
        SECRETS.assertNoneIn(server.log());
    }

    /**
     * {@code rs} is the PAT scopes' audience and may exchange; {@code outsider} may exchange too and may introspect
     * without an audience check, but no PAT is meant for it. {@code root} holds realm-admin, {@code mallory} only
     * manage-users, {@code viewer} only view-users; the service account of {@code robot} holds realm-admin.
     */
    private static Map<String, Object> realmRepresentation(String name) {
        List<Object> users = List.of(
                user("alice", Map.of()),
                user("root", Map.of("realm-management", List.of("realm-admin"))),
                user("mallory", Map.of("realm-management", List.of("manage-users"))),
                user("viewer", Map.of("realm-management", List.of("view-users"))),
                Map.of("username", "service-account-robot", "enabled", true, "serviceAccountClientId", "robot",
                        "clientRoles", Map.of("realm-management", List.of("realm-admin"))));
        return Map.of("realm", name, "enabled", true, "eventsEnabled", true, "adminEventsEnabled", true,
                "enabledEventTypes", List.of("UPDATE_CREDENTIAL", "REMOVE_CREDENTIAL", "INTROSPECT_TOKEN", "TOKEN_EXCHANGE"),
                "attributes", Map.of("personalAccessTokens.creationClients", "account-console,cli"),
                "clients", List.of(
                        Map.of("clientId", "personal-access-tokens", "enabled", true, "publicClient", false,
                                "standardFlowEnabled", false, "fullScopeAllowed", false,
                                "defaultClientScopes", List.of("roles", "basic")),
                        Map.of("clientId", "rs", "enabled", true, "publicClient", false, "secret", "rs-secret",
                                "standardFlowEnabled", false, "attributes", Map.of("standard.token.exchange.enabled", "true")),
                        Map.of("clientId", "outsider", "enabled", true, "publicClient", false, "secret", "outsider-secret",
                                "standardFlowEnabled", false, "attributes", Map.of("standard.token.exchange.enabled", "true",
                                        "allow.token.introspection.without.audience.check", "true")),
                        Map.of("clientId", "cli", "enabled", true, "publicClient", true, "directAccessGrantsEnabled", true,
                                "standardFlowEnabled", false),
                        Map.of("clientId", "other-app", "enabled", true, "publicClient", true,
                                "directAccessGrantsEnabled", true, "standardFlowEnabled", false),
                        Map.of("clientId", "robot", "enabled", true, "publicClient", false, "secret", "robot-secret",
                                "standardFlowEnabled", false, "serviceAccountsEnabled", true)),
                "users", users);
    }

    private static Map<String, Object> user(String username, Map<String, List<String>> clientRoles) {
        return Map.of("username", username, "enabled", true, "email", username + "@example.org", "emailVerified", true,
                "firstName", username, "lastName", "Tester", "clientRoles", clientRoles,
                "realmRoles", List.of("default-roles-" + realm),
                "credentials", List.of(Map.of("type", "password", "value", username + "-password", "temporary", false)));
    }

    // --- S1: nothing derived from a PAT manages anything ---

    @Test
    void aRealmAdminsPatAndEverythingExchangedFromItManageNothing() {
        String pat = pat(login("root"), "root's reader " + now(), List.of("api.read"));
        JsonNode introspected = introspect("rs", "rs-secret", pat);
        assertTrue(introspected.get("active").asBoolean());
        assertFalse(introspected.toString().contains("realm-management"), "least privilege: " + introspected);

        String exchanged = exchanged("rs", "rs-secret", pat, Map.of());
        String again = exchanged("rs", "rs-secret", exchanged, Map.of());
        for (String token : List.of(pat, exchanged, again)) {
            assertManagesNothing(token);
        }
    }

    /**
     * {@code /self} and {@code /self/rotate} take the PAT itself and nothing else: not a token exchanged from it, not
     * the user's own access token; another realm does not know it; the PAT still manages nothing (not even this realm's
     * PAT setup); and rotating ends every token exchanged before.
     */
    @Test
    void onlyThePatItselfIsABearerAtSelfAndRotationEndsWhatWasDerived() {
        String bearer = login("root");
        Map<String, Object> body = new HashMap<>(Map.of("name", "self rotating " + now(), "scopes", List.of("api.read"),
                "expiresAt", now() + DAY, "selfRotate", true));
        Http.Reply created = Http.postJson(kc.patApi(realm), bearer, body);
        assertEquals(201, created.status(), created.body());
        String pat = SECRETS.remember(created.json().get("token").asText());
        String derived = exchanged("rs", "rs-secret", pat, Map.of());

        for (String other : List.of(derived, bearer)) {
            assertEquals(401, Http.get(kc.patApi(realm) + "/self", other).status());
            assertEquals(401, Http.postJson(kc.patApi(realm) + "/self/rotate", other, Map.of()).status());
        }
        assertEquals(401, Http.get(kc.patApi(KeycloakApi.DEMO) + "/self", pat).status(), "another realm does not know it");
        String setup = kc.base() + "/admin/realms/" + realm + "/personal-access-tokens/setup";
        for (String token : List.of(pat, derived)) {
            assertEquals(401, Http.get(setup, token).status());
            assertEquals(401, Http.postJson(setup, token, Map.of("accountTheme", true)).status());
        }

        Http.Reply rotated = Http.postJson(kc.patApi(realm) + "/self/rotate", pat, Map.of());
        assertEquals(200, rotated.status(), rotated.body());
        String fresh = SECRETS.remember(rotated.json().get("token").asText());
        assertFalse(introspect("rs", "rs-secret", derived).get("active").asBoolean(), "exchanged before: ended");
        assertFalse(introspect("rs", "rs-secret", pat).get("active").asBoolean());
        assertTrue(introspect("rs", "rs-secret", fresh).get("active").asBoolean());
        Http.Reply stale = exchange("rs", "rs-secret", pat, Map.of());
        assertTrue(stale.status() >= 400 && stale.status() < 500, "the old secret no longer exchanges: " + stale.body());
        assertManagesNothing(fresh);
        assertManagesNothing(exchanged("rs", "rs-secret", fresh, Map.of()));
    }

    @Test
    void fullScopeOnThePatClientStillReachesNoKeycloakApi() {
        String client = kc.clientUuid(realm, "personal-access-tokens");
        setFullScope(client, true);
        try {
            String pat = pat(login("root"), "full scope " + now(), List.of("api.read"));
            assertTrue(introspect("rs", "rs-secret", pat).toString().contains("realm-admin"),
                    "full scope lets the PAT carry the admin's roles (which is why it is warned about)");
            String exchanged = exchanged("rs", "rs-secret", pat, Map.of());
            assertFalse(claims(exchanged).toString().contains("realm-management"), "never names Keycloak's own clients");
            String again = exchanged("rs", "rs-secret", exchanged, Map.of());
            for (String token : List.of(pat, exchanged, again)) {
                assertManagesNothing(token);
            }
            JsonNode adminPolicy = expect(kc.adminGet(realm + "/personal-access-tokens/policy"), 200).json();
            assertTrue(adminPolicy.get("warnings").toString().contains("Full scope allowed"), adminPolicy.toString());
            JsonNode userPolicy = expect(Http.get(kc.patApi(realm) + "/policy", login("alice")), 200).json();
            assertTrue(userPolicy.get("warnings").toString().contains("Full scope allowed"));
        } finally {
            setFullScope(client, false);
        }
        JsonNode policy = expect(kc.adminGet(realm + "/personal-access-tokens/policy"), 200).json();
        assertEquals(0, policy.get("warnings").size(), policy.toString());
    }

    @Test
    void aBotTokenOfARealmAdminServiceAccountManagesNothing() {
        Http.Reply minted = kc.adminPost(realm + "/personal-access-tokens/service-accounts/robot",
                Map.of("name", "robot " + now(), "scopes", List.of("api.read"), "expiresAt", now() + DAY));
        JsonNode bot = expect(minted, 201).json();
        String secret = SECRETS.remember(bot.get("token").asText());
        assertEquals("no-store", minted.header("Cache-Control"));
        String exchanged = exchanged("rs", "rs-secret", secret, Map.of());
        assertManagesNothing(secret);
        assertManagesNothing(exchanged);
    }

    private void assertManagesNothing(String token) {
        assertRefused(Http.putJson(kc.admin(realm), token, Map.of("displayName", "owned")), "Admin REST API: change the realm");
        assertRefused(Http.get(kc.admin(realm + "/users"), token), "Admin REST API: list users");
        assertRefused(Http.get(kc.base() + "/realms/" + realm + "/account/", token), "Account REST API");
        assertRefused(Http.postJson(kc.patApi(realm), token,
                Map.of("name", "escalated " + now(), "scopes", List.of("api.write"))), "self-service API: create a PAT");
        assertRefused(Http.get(kc.patApi(realm), token), "self-service API: list PATs");
        assertRefused(Http.get(kc.admin(realm + "/personal-access-tokens"), token), "admin PAT API");
        assertRefused(Http.postJson(kc.admin(realm + "/personal-access-tokens/service-accounts/robot"), token,
                Map.of("name", "escalated", "expiresAt", now() + DAY)), "admin PAT API: bot token");
        assertRefused(Http.postJson(kc.base() + "/realms/" + realm + "/clients-registrations/default", token,
                Map.of("clientId", "evil-" + now())), "client registration");
        assertFalse("owned".equals(kc.adminGet(realm).json().path("displayName").asText()), "the realm is unchanged");
    }

    private static void assertRefused(Http.Reply reply, String what) {
        assertTrue(reply.status() == 401 || reply.status() == 403, what + " answered " + reply.status() + ": " + reply.body());
    }

    /**
     * On every Keycloak line, whether or not its own JWT introspection has the audience rule: a client outside a PAT's
     * audience learns nothing of it, unless Keycloak's own per-client opt-out is set.
     */
    @Test
    void onEveryLineOnlyTheAudienceIntrospectsAPat() {
        String pat = pat(login("alice"), "audience rule " + now(), List.of("api.read"));
        assertTrue(introspect("rs", "rs-secret", pat).get("active").asBoolean(), "rs is the audience");
        assertFalse(introspect("robot", "robot-secret", pat).get("active").asBoolean(), "robot is not");
        assertTrue(introspect("outsider", "outsider-secret", pat).get("active").asBoolean(), "outsider opted out");
    }

    // --- S2: exchange is for the audience only ---

    @Test
    void onlyTheAudienceExchangesAndTheAudienceOnlyNarrows() {
        String pat = pat(login("alice"), "exchange rules " + now(), List.of("api.read", "api.write"));

        Http.Reply outsider = exchange("outsider", "outsider-secret", pat, Map.of());
        assertEquals(403, outsider.status(), outsider.body());
        assertEquals("access_denied", outsider.json().get("error").asText());

        for (String audience : List.of("outsider", "account", "realm-management", "broker")) {
            Http.Reply widened = exchange("rs", "rs-secret", pat, Map.of("audience", audience));
            assertEquals(400, widened.status(), audience + ": " + widened.body());
            assertEquals("invalid_target", widened.json().get("error").asText());
        }
        for (Map<String, String> unsupported : List.of(Map.of("requested_subject", "root"), Map.of("subject_issuer", "other"),
                Map.of("actor_token", pat, "actor_token_type", ACCESS_TOKEN_TYPE),
                Map.of("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"),
                Map.of("requested_token_type", "urn:ietf:params:oauth:token-type:id_token"))) {
            Http.Reply refused = exchange("rs", "rs-secret", pat, unsupported);
            assertEquals(400, refused.status(), unsupported + ": " + refused.body());
            assertEquals("invalid_request", refused.json().get("error").asText());
        }

        Http.Reply ok = exchange("rs", "rs-secret", pat, Map.of("audience", "rs", "scope", "api.read"));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("no-store", ok.header("Cache-Control"));
        String exchanged = ok.json().get("access_token").asText();
        JsonNode claims = claims(exchanged);
        assertEquals(List.of("rs"), audienceOf(claims));
        assertEquals("api.read", claims.get("scope").asText());

        // a forged derived token (the payload widened, the signature kept) is nothing anywhere
        String[] parts = exchanged.split("\\.");
        ObjectNode widened = (ObjectNode) claims.deepCopy();
        widened.putArray("aud").add("rs").add("outsider");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Http.write(widened).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(400, exchange("outsider", "outsider-secret", forged, Map.of()).status());
        assertEquals(400, exchange("rs", "rs-secret", forged, Map.of()).status());
        assertFalse(introspect("outsider", "outsider-secret", forged).get("active").asBoolean());
        assertManagesNothing(forged);

        // exchanged again: never wider, never longer
        Http.Reply wider = exchange("rs", "rs-secret", exchanged, Map.of("scope", "api.write"));
        assertEquals(400, wider.status(), wider.body());
        assertEquals(403, exchange("outsider", "outsider-secret", exchanged, Map.of()).status());
        String again = exchanged("rs", "rs-secret", exchanged, Map.of());
        assertTrue(claims(again).get("exp").asLong() <= claims.get("exp").asLong(), "never outlives the token it came from");
        assertTrue(introspect("rs", "rs-secret", exchanged).get("active").asBoolean());
        assertEquals(claims.get("pat_id").asText(), introspect("rs", "rs-secret", again).get("pat_id").asText());

        // the PAT revoked: what was exchanged from it stops too
        String patId = claims.get("pat_id").asText();
        expect(Http.delete(kc.patApi(realm) + "/" + patId, login("alice")), 204);
        assertFalse(introspect("rs", "rs-secret", exchanged).get("active").asBoolean());
        assertFalse(introspect("rs", "rs-secret", again).get("active").asBoolean());
        assertEquals(400, exchange("rs", "rs-secret", exchanged, Map.of()).status());
    }

    @Test
    void regeneratingThePatEndsWhatWasExchangedFromItsOldSecret() throws InterruptedException {
        String bearer = login("alice");
        JsonNode created = expect(create(bearer, "regenerate ends exchanges " + now(), List.of("api.read")), 201).json();
        String pat = SECRETS.remember(created.get("token").asText());
        String exchanged = exchanged("rs", "rs-secret", pat, Map.of());
        Thread.sleep(1100); // the regenerated secret must be of a later second than the exchanged token
        expect(Http.post(kc.patApi(realm) + "/" + created.get("id").asText() + "/regenerate", bearer, "application/json", ""), 200);
        assertFalse(introspect("rs", "rs-secret", exchanged).get("active").asBoolean());
    }

    // --- S3: admins cannot escalate through PATs ---

    @Test
    void aUserManagerMintsNoStrongerBotAndReceivesNoPersonsSecret() {
        String mallory = login("mallory");
        String botPath = kc.admin(realm + "/personal-access-tokens/service-accounts/");
        Map<String, Object> body = Map.of("name", "escalate " + now(), "scopes", List.of("api.read"), "expiresAt", now() + DAY);
        Http.Reply robot = Http.postJson(botPath + "robot", mallory, body);
        assertEquals(403, robot.status(), robot.body());
        Http.Reply unknown = Http.postJson(botPath + "no-such-client", mallory, body);
        assertEquals(403, unknown.status(), "the same answer whether the client exists or not: " + unknown.body());
        assertEquals(robot.json().get("error").asText(), unknown.json().get("error").asText());

        JsonNode alices = expect(create(login("alice"), "alice's " + now(), List.of("api.read")), 201).json();
        SECRETS.remember(alices.get("token").asText());
        Http.Reply regenerated = Http.post(kc.admin(realm + "/personal-access-tokens/" + alices.get("id").asText() + "/regenerate"),
                mallory, "application/json", "");
        assertEquals(403, regenerated.status(), regenerated.body());
        assertFalse(regenerated.body().contains("kcpat_"));
        assertTrue(introspect("rs", "rs-secret", alices.get("token").asText()).get("active").asBoolean());

        // a realm admin may mint and regenerate the bot's token, but still never a person's
        String root = login("root");
        JsonNode bot = expect(Http.postJson(botPath + "robot", root, body), 201).json();
        SECRETS.remember(bot.get("token").asText());
        Http.Reply botRegenerated = Http.post(kc.admin(realm + "/personal-access-tokens/" + bot.get("id").asText() + "/regenerate"),
                root, "application/json", "");
        assertEquals(200, botRegenerated.status(), botRegenerated.body());
        assertEquals("no-store", botRegenerated.header("Cache-Control"));
        SECRETS.remember(botRegenerated.json().get("token").asText());
        assertEquals(403, Http.post(kc.admin(realm + "/personal-access-tokens/" + alices.get("id").asText() + "/regenerate"),
                root, "application/json", "").status());
        // mallory may not regenerate the realm-admin bot's token either: its secret would be stronger than her
        assertEquals(403, Http.post(kc.admin(realm + "/personal-access-tokens/" + bot.get("id").asText() + "/regenerate"),
                mallory, "application/json", "").status());
    }

    @Test
    void withoutRightsExistingAndUnknownIdsAnswerTheSame() {
        JsonNode alices = expect(create(login("alice"), "probe me " + now(), List.of("api.read")), 201).json();
        SECRETS.remember(alices.get("token").asText());
        String existing = realm + "/personal-access-tokens/" + alices.get("id").asText();
        String unknown = realm + "/personal-access-tokens/00000000-0000-0000-0000-000000000000";
        String viewer = login("viewer");
        String nobody = login("alice");
        for (String bearer : List.of(viewer, nobody)) {
            Http.Reply a = Http.delete(kc.admin(existing), bearer);
            Http.Reply b = Http.delete(kc.admin(unknown), bearer);
            assertEquals(403, a.status(), a.body());
            assertEquals(403, b.status(), b.body());
            assertEquals(403, Http.post(kc.admin(existing + "/regenerate"), bearer, "application/json", "").status());
            assertEquals(403, Http.post(kc.admin(unknown + "/regenerate"), bearer, "application/json", "").status());
            assertEquals(403, Http.delete(kc.admin(realm + "/personal-access-tokens/users/" + kc.userId(realm, "alice")), bearer).status());
            assertEquals(403, Http.delete(kc.admin(realm + "/personal-access-tokens/users/no-such-user"), bearer).status());
        }
        assertEquals(403, Http.get(kc.admin(existing), nobody).status());
        assertEquals(403, Http.get(kc.admin(unknown), nobody).status());
        assertEquals(200, Http.get(kc.admin(existing), viewer).status(), "view-users sees it");
        assertEquals(404, Http.get(kc.admin(unknown), viewer).status());
        assertTrue(introspect("rs", "rs-secret", alices.get("token").asText()).get("active").asBoolean());
    }

    // --- S4: creating a PAT needs a fresh sign-in through an allowed client ---

    @Test
    void anotherApplicationsTokenOrAnOfflineTokenCannotMint() {
        String otherApp = kc.userToken(realm, "other-app", "alice", "alice-password", null);
        Http.Reply refused = create(otherApp, "from another app " + now(), List.of("api.read"));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("client_not_allowed", refused.json().get("error").asText());
        assertEquals(200, Http.get(kc.patApi(realm), otherApp).status(), "listing keeps today's rule");

        String offline = kc.userToken(realm, "cli", "alice", "alice-password", "offline_access");
        Http.Reply offlineRefused = create(offline, "from an offline session " + now(), List.of("api.read"));
        assertEquals(403, offlineRefused.status(), offlineRefused.body());
        assertEquals("offline_token_not_allowed", offlineRefused.json().get("error").asText());
    }

    @Test
    void aStaleSignInIsAskedToSignInAgain() throws InterruptedException {
        String bearer = login("alice");
        JsonNode kept = expect(create(bearer, "before the rule " + now(), List.of()), 201).json();
        SECRETS.remember(kept.get("token").asText());
        expect(kc.adminPut(realm + "/personal-access-tokens/policy", Map.of("maxAuthAgeSeconds", 5)), 200);
        try {
            Thread.sleep(6_000); // let the sign-in grow older than the rule allows (a wait, not a measurement)
            Http.Reply stale = create(bearer, "after a while " + now(), List.of());
            assertEquals(401, stale.status(), stale.body());
            assertEquals("insufficient_user_authentication", stale.json().get("error").asText());
            assertEquals(5, stale.json().get("max_age").asInt());
            assertTrue(stale.header("WWW-Authenticate").contains("error=\"insufficient_user_authentication\""));
            assertTrue(stale.header("WWW-Authenticate").contains("max_age=5"));
            Http.Reply regenerate = Http.post(kc.patApi(realm) + "/" + kept.get("id").asText() + "/regenerate", bearer,
                    "application/json", "");
            assertEquals(401, regenerate.status());
            assertEquals(200, Http.get(kc.patApi(realm), bearer).status(), "listing keeps today's rule");
            expect(Http.delete(kc.patApi(realm) + "/" + kept.get("id").asText(), bearer), 204);
            Http.Reply again = create(login("alice"), "signed in again " + now(), List.of());
            assertEquals(201, again.status(), again.body());
            SECRETS.remember(again.json().get("token").asText());
        } finally {
            expect(kc.adminPut(realm + "/personal-access-tokens/policy", Map.of("maxAuthAgeSeconds", 300)), 200);
        }
    }

    // --- S5: Keycloak's revocation tools reach PATs ---

    @Test
    void notBeforeOfTheRealmOrThePatClientStopsOlderPats() throws InterruptedException {
        String pat = pat(login("alice"), "before not-before " + now(), List.of("api.read"));
        String exchanged = exchanged("rs", "rs-secret", pat, Map.of());
        // an admin logs the user out: PATs are not sessions, they keep working
        expect(kc.adminPost(realm + "/users/" + kc.userId(realm, "alice") + "/logout", Map.of()), 204);
        assertTrue(introspect("rs", "rs-secret", pat).get("active").asBoolean());

        setRealmNotBefore(now() + 1);
        try {
            assertFalse(introspect("rs", "rs-secret", pat).get("active").asBoolean());
            assertFalse(introspect("rs", "rs-secret", exchanged).get("active").asBoolean());
            assertEquals(400, exchange("rs", "rs-secret", pat, Map.of()).status());
        } finally {
            setRealmNotBefore(0);
        }
        assertTrue(introspect("rs", "rs-secret", pat).get("active").asBoolean(), "the push undone");

        String client = kc.clientUuid(realm, "personal-access-tokens");
        JsonNode representation = kc.adminGet(realm + "/clients/" + client).json();
        ((ObjectNode) representation).put("notBefore", now() + 1);
        expect(kc.adminPut(realm + "/clients/" + client, representation), 204);
        try {
            assertFalse(introspect("rs", "rs-secret", pat).get("active").asBoolean());
        } finally {
            ((ObjectNode) representation).put("notBefore", 0);
            expect(kc.adminPut(realm + "/clients/" + client, representation), 204);
        }
    }

    private static void setRealmNotBefore(long notBefore) {
        JsonNode representation = kc.adminGet(realm).json();
        ((ObjectNode) representation).put("notBefore", notBefore);
        expect(kc.adminPut(realm, representation), 204);
    }

    // --- S7: concurrency ---

    @Test
    void concurrentRegeneratesNeverHandOutADeadSecret() throws Exception {
        String bearer = login("alice");
        JsonNode created = expect(create(bearer, "raced " + now(), List.of("api.read")), 201).json();
        SECRETS.remember(created.get("token").asText());
        String url = kc.patApi(realm) + "/" + created.get("id").asText() + "/regenerate";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return Http.post(url, bearer, "application/json", "");
                }));
            }
            start.countDown();
            int served = 0;
            for (Future<Http.Reply> future : replies) {
                Http.Reply reply = future.get();
                if (reply.status() == 200) {
                    served++;
                    String secret = SECRETS.remember(reply.json().get("token").asText());
                    assertTrue(introspect("rs", "rs-secret", secret).get("active").asBoolean(),
                            "every secret handed out works");
                } else {
                    assertEquals(409, reply.status(), reply.body());
                    assertEquals("conflict", reply.json().get("error").asText());
                }
            }
            assertTrue(served >= 1);
            assertFalse(introspect("rs", "rs-secret", created.get("token").asText()).get("active").asBoolean());
        } finally {
            pool.shutdownNow();
        }
    }

    // --- S8: input and answers ---

    @Test
    void bodiesOver16KiBAreRefusedBeforeParsing() {
        String bearer = login("alice");
        String big = "{\"name\":\"big\",\"padding\":\"" + "x".repeat(17 * 1024) + "\"}";
        Http.Reply announced = Http.postJson(kc.patApi(realm), bearer, big);
        assertEquals(413, announced.status(), announced.body());
        assertEquals("invalid_request", announced.json().get("error").asText());
        Http.Reply chunked = Http.postChunked(kc.patApi(realm), bearer, "application/json", big.getBytes(StandardCharsets.UTF_8));
        assertEquals(413, chunked.status(), chunked.body());
        assertEquals(413, kc.adminPost(realm + "/personal-access-tokens/service-accounts/robot", big).status());
        assertEquals(413, kc.adminPut(realm + "/personal-access-tokens/policy", big).status());
        String justUnder = "{\"name\":\"fits " + now() + "\",\"scopes\":[],\"expiresAt\":" + (now() + DAY) + "}"
                + " ".repeat(15 * 1024);
        Http.Reply fits = Http.postJson(kc.patApi(realm), bearer, justUnder);
        assertEquals(201, fits.status(), fits.body());
        SECRETS.remember(fits.json().get("token").asText());
    }

    @Test
    void namesThatHideOrReorderTextAreRefused() {
        String bearer = login("alice");
        for (String name : List.of("invoice\u202egpj.exe", "zero\u200bwidth", "line\u2028separator", "para\u2029graph",
                "isolate\u2066d", "bom\ufeff")) {
            Http.Reply reply = create(bearer, name, List.of());
            assertEquals(400, reply.status(), name + ": " + reply.body());
            assertEquals("invalid_request", reply.json().get("error").asText());
        }
    }

    @Test
    void answersWithASecretAreNeverCached() {
        String bearer = login("alice");
        Http.Reply created = create(bearer, "uncached " + now(), List.of());
        assertEquals(201, created.status());
        SECRETS.remember(created.json().get("token").asText());
        assertEquals("no-store", created.header("Cache-Control"));
        Http.Reply regenerated = Http.post(kc.patApi(realm) + "/" + created.json().get("id").asText() + "/regenerate",
                bearer, "application/json", "");
        assertEquals(200, regenerated.status());
        SECRETS.remember(regenerated.json().get("token").asText());
        assertEquals("no-store", regenerated.header("Cache-Control"));
    }

    @Test
    void anUnreadablePolicyAttributeFailsClosedWithAWarning() {
        setRealmAttribute("personalAccessTokens.maxTokensPerUser", "lots");
        try {
            JsonNode policy = expect(kc.adminGet(realm + "/personal-access-tokens/policy"), 200).json();
            assertEquals(1, policy.get("maxTokensPerUser").asInt(), "read as the strictest setting");
            assertTrue(policy.get("warnings").toString().contains("personalAccessTokens.maxTokensPerUser"), policy.toString());
            kc.createUser(realm, "frank", "frank-password");
            String frank = kc.userToken(realm, "cli", "frank", "frank-password", null);
            JsonNode first = expect(create(frank, "first", List.of()), 201).json();
            SECRETS.remember(first.get("token").asText());
            Http.Reply second = create(frank, "second", List.of());
            assertEquals(400, second.status(), second.body());
            assertEquals("policy_violation", second.json().get("error").asText());
        } finally {
            setRealmAttribute("personalAccessTokens.maxTokensPerUser", "50");
        }
    }

    @Test
    void aTokenWhoseUserVanishedIsInactiveAbsentAndCleanedUp() {
        kc.createUser(realm, "ghost", "ghost-password");
        String ghost = kc.userToken(realm, "cli", "ghost", "ghost-password", null);
        JsonNode created = expect(create(ghost, "haunted", List.of("api.read")), 201).json();
        String secret = SECRETS.remember(created.get("token").asText());
        String id = created.get("id").asText();
        // the user vanishes without Keycloak being told, as when a user federation provider is removed
        assertEquals(1, server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET USER_ID = ? WHERE ID = ?",
                "vanished-" + now(), id));

        assertFalse(introspect("rs", "rs-secret", secret).get("active").asBoolean());
        String api = realm + "/personal-access-tokens/" + id;
        assertEquals(404, kc.adminGet(api).status());
        Http.Reply regenerate = kc.adminPost(api + "/regenerate", Map.of());
        assertEquals(404, regenerate.status(), regenerate.body());
        assertEquals(404, kc.adminDelete(api).status());

        JsonNode outcome = expect(kc.adminPost(realm + "/personal-access-tokens/lifecycle", Map.of()), 200).json();
        assertTrue(outcome.get("orphansRemoved").asInt() >= 1, outcome.toString());
        assertEquals(0, server.database().update("DELETE FROM PERSONAL_ACCESS_TOKEN WHERE ID = ?", id), "already gone");
    }

    // --- helpers ---

    private static void setFullScope(String clientUuid, boolean on) {
        JsonNode representation = kc.adminGet(realm + "/clients/" + clientUuid).json();
        ((ObjectNode) representation).put("fullScopeAllowed", on);
        expect(kc.adminPut(realm + "/clients/" + clientUuid, representation), 204);
    }

    private static void setRealmAttribute(String name, String value) {
        JsonNode representation = kc.adminGet(realm).json();
        ((ObjectNode) representation.get("attributes")).put(name, value);
        expect(kc.adminPut(realm, representation), 204);
    }

    private static String login(String username) {
        return kc.userToken(realm, "cli", username, username + "-password", null);
    }

    private static Http.Reply create(String bearer, String name, List<String> scopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        body.put("expiresAt", now() + DAY);
        return Http.postJson(kc.patApi(realm), bearer, body);
    }

    private static String pat(String bearer, String name, List<String> scopes) {
        Http.Reply reply = create(bearer, name, scopes);
        assertEquals(201, reply.status(), reply.body());
        return SECRETS.remember(reply.json().get("token").asText());
    }

    private static JsonNode introspect(String clientId, String secret, String token) {
        return kc.introspect(realm, clientId, secret, token, null);
    }

    private static Http.Reply exchange(String clientId, String secret, String subject, Map<String, String> extra) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE));
        form.putAll(extra);
        return Http.postForm(kc.base() + "/realms/" + realm + "/protocol/openid-connect/token", clientId, secret, form);
    }

    private static String exchanged(String clientId, String secret, String subject, Map<String, String> extra) {
        Http.Reply reply = exchange(clientId, secret, subject, extra);
        assertEquals(200, reply.status(), reply.body());
        String token = reply.json().get("access_token").asText();
        assertNotNull(token);
        return token;
    }

    private static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        try {
            return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> audienceOf(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        if (aud == null) {
            return List.of();
        }
        if (aud.isTextual()) {
            return List.of(aud.asText());
        }
        List<String> list = new ArrayList<>();
        aud.forEach(a -> list.add(a.asText()));
        return list;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
