package io.github.kcpat.it;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Keycloak nodes on loopback, on different ports, sharing one PostgreSQL database and forming one Keycloak cluster.
 * Each node keeps the PATs in use in memory, so every test first has both nodes answer the token (and cache it); then
 * one node revokes it in one of the ways there are, and the token must be inactive on that node at the very next
 * request and on the other node within {@link #BOUND_MILLIS} (the bound the README states): deleted, regenerated,
 * rotated by itself, revoked by an admin (one, a user's, the realm's), revoked by value as exposed, revoked for being
 * unused, its user disabled or deleted, its realm deleted, Keycloak's "not before", the policy tightened. Both nodes
 * run with Keycloak's SSF transmitter ({@code --features=ssf}): a revocation at one node reaches a POLL receiver of a
 * realm that opted in exactly once, whichever node it polls.
 */
class ClusterIT {

    static final long BOUND_MILLIS = 1_000;
    private static final long DAY = 86_400;
    private static final IssuedSecrets SECRETS = new IssuedSecrets();

    private static KeycloakServer a;
    private static KeycloakServer b;
    private static KeycloakApi atA;
    private static KeycloakApi atB;

    @BeforeAll
    static void formCluster() throws InterruptedException {
        assumeTrue("postgres".equals(KeycloakServer.get().database().kind()), "runs on PostgreSQL (-Dkc.test.db=postgres)");
        a = KeycloakServer.clusterNode("node-a", List.of("--features=ssf"));
        b = KeycloakServer.clusterNode("node-b", List.of("--features=ssf"));
        awaitClusterOfTwo(a);
        atA = new KeycloakApi(a);
        atB = new KeycloakApi(b);
        for (KeycloakApi node : List.of(atA, atB)) {
            JsonNode info = expect(Http.get(node.base() + "/admin/serverinfo",
                    node.userToken("master", "admin-cli", "admin", "admin", null)), 200).json();
            assertEquals("10000", info.at("/providers/personal-access-token/providers/jpa/operationalInfo/cache-max-entries")
                    .asText(), "each node keeps the PATs in use in memory");
        }
    }

    @AfterAll
    static void stopCluster() {
        if (a != null && b != null) {
            SECRETS.assertNoneIn(a.log() + b.log());
        }
        if (b != null) {
            b.shutdown();
        }
        if (a != null) {
            a.shutdown();
        }
    }

    /** A token of a new demo user, created at A and answered active by both nodes (so both now hold it in memory). */
    private record Pat(String userId, String username, String id, String secret) {
    }

    private static Pat demoPat(String label) {
        String username = label + "-" + System.nanoTime();
        String userId = atA.createUser(DEMO, username, username);
        String bearer = atA.userToken(DEMO, "demo-cli", username, username, null);
        JsonNode created = expect(Http.postJson(atA.patApi(DEMO), bearer, Map.of("name", label, "scopes",
                List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
        Pat pat = new Pat(userId, username, created.get("id").asText(), SECRETS.remember(created.get("token").asText()));
        assertActiveOnBoth(DEMO, pat.secret());
        return pat;
    }

    private static void assertActiveOnBoth(String realm, String secret) {
        for (int i = 0; i < 3; i++) { // more than once: the answer now comes from memory
            assertTrue(active(atA, realm, secret), "active at A");
            assertTrue(active(atB, realm, secret), "active at B");
        }
    }

    @Test
    void aTokenCreatedOnOneNodeIsActiveOnTheOther() {
        Pat pat = demoPat("created");
        assertTrue(active(atB, DEMO, pat.secret()));
    }

    @Test
    void deletedByItsUserAtOneNode() throws InterruptedException {
        Pat pat = demoPat("deleted");
        String bearer = atB.userToken(DEMO, "demo-cli", pat.username(), pat.username(), null);
        expect(Http.delete(atB.patApi(DEMO) + "/" + pat.id(), bearer), 204);
        assertRevoked(atB, atA, DEMO, pat.secret());
    }

    @Test
    void regeneratedByItsUser() throws InterruptedException {
        Pat pat = demoPat("regenerated");
        String bearer = atA.userToken(DEMO, "demo-cli", pat.username(), pat.username(), null);
        JsonNode regenerated = expect(Http.postJson(atA.patApi(DEMO) + "/" + pat.id() + "/regenerate", bearer, Map.of()),
                200).json();
        String fresh = SECRETS.remember(regenerated.get("token").asText());
        assertRevoked(atA, atB, DEMO, pat.secret());
        assertActiveOnBoth(DEMO, fresh);
    }

    @Test
    void revokedByAnAdmin() throws InterruptedException {
        Pat pat = demoPat("admin-revoked");
        expect(atB.adminDelete(DEMO + "/personal-access-tokens/" + pat.id()), 204);
        assertRevoked(atB, atA, DEMO, pat.secret());
    }

    @Test
    void revokedByValueAsExposed() throws InterruptedException {
        Pat pat = demoPat("exposed");
        Http.Reply reply = atB.reportExposed(DEMO, List.of(pat.secret()));
        assertEquals(202, reply.status(), reply.body());
        // revoked right after the answer, on the node that took the report; then the other node knows within the bound
        long start = System.nanoTime();
        while (active(atB, DEMO, pat.secret())) {
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "still active 5 s after the report");
            Thread.sleep(20);
        }
        assertRevoked(atB, atA, DEMO, pat.secret());
    }

    @Test
    void rotatedByTheTokenItself() throws InterruptedException {
        String username = "rotating-" + System.nanoTime();
        atA.createUser(DEMO, username, username);
        String bearer = atA.userToken(DEMO, "demo-cli", username, username, null);
        JsonNode created = expect(Http.postJson(atA.patApi(DEMO), bearer, Map.of("name", "rotating", "scopes",
                List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600, "selfRotate", true)), 201).json();
        String old = SECRETS.remember(created.get("token").asText());
        assertActiveOnBoth(DEMO, old);
        JsonNode rotated = expect(Http.postJson(atA.patApi(DEMO) + "/self/rotate", old, Map.of()), 200).json();
        String fresh = SECRETS.remember(rotated.get("token").asText());
        assertRevoked(atA, atB, DEMO, old);
        assertActiveOnBoth(DEMO, fresh);
    }

    @Test
    void rotatedWithAnOverlapTheOldSecretReusedAtTheOtherNodeAndTheOverlapCutByPolicy() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        ThrowawayRealm realm = new ThrowawayRealm(atA, "cluster-reuse-", Map.of("smtpServer", Map.of("host", "127.0.0.1",
                "port", Integer.toString(smtp.getSmtp().getPort()), "from", "pat@example.org")));
        try {
            realm.user("ruth");
            String bearer = realm.bearer("ruth");
            JsonNode created = expect(realm.create(bearer, "overlapping", System.currentTimeMillis() / 1000 + DAY), 201).json();
            String id = created.get("id").asText();
            String old = SECRETS.remember(created.get("token").asText());
            assertActiveOnBoth(realm.name(), old);
            JsonNode regenerated = expect(Http.postJson(atA.patApi(realm.name()) + "/" + id + "/regenerate", bearer,
                    Map.of("overlapSeconds", 600)), 200).json();
            String fresh = SECRETS.remember(regenerated.get("token").asText());
            assertActiveOnBoth(realm.name(), old);
            assertActiveOnBoth(realm.name(), fresh);

            a.database().update("UPDATE PAT_RETIRED_SECRET SET LIVE_UNTIL = ? WHERE TOKEN_ID = ?",
                    System.currentTimeMillis() / 1000 - 1, id);
            assertFalse(active(atB, realm.name(), old), "the overlap over: the old secret stops on the other node too");
            assertActiveOnBoth(realm.name(), fresh);

            a.database().update("UPDATE PAT_RETIRED_SECRET SET LIVE_UNTIL = ? WHERE TOKEN_ID = ?",
                    System.currentTimeMillis() / 1000 - 120, id);
            assertFalse(active(atB, realm.name(), old), "reused at B, well after its end: refused");
            assertFalse(active(atA, realm.name(), old), "and at A");
            assertActiveOnBoth(realm.name(), fresh); // the owner replaced it: its holder cannot end the token
            assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the owner is mailed");
            Thread.sleep(1000);
            assertEquals(1, smtp.getReceivedMessages().length, "once an hour per token, whichever node saw the use");
            assertEquals("ruth@example.org", smtp.getReceivedMessages()[0].getAllRecipients()[0].toString());

            // a new overlap, cut by a policy change made at B: the old secret stops at once on A too
            a.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET REGENERATED_AT = REGENERATED_AT - 60 WHERE ID = ?", id);
            String third = SECRETS.remember(expect(Http.postJson(atA.patApi(realm.name()) + "/" + id + "/regenerate", bearer,
                    Map.of("overlapSeconds", 600)), 200).json().get("token").asText());
            assertActiveOnBoth(realm.name(), fresh);
            expect(atB.adminPut(realm.name() + "/personal-access-tokens/policy", Map.of("maxRotationOverlapSeconds", 0)), 200);
            assertFalse(active(atA, realm.name(), fresh), "the policy's cut, seen at once on the other node");
            assertActiveOnBoth(realm.name(), third);
        } finally {
            realm.delete();
            smtp.stop();
        }
    }

    @Test
    void allOfAUsersTokensRevokedByAnAdmin() throws InterruptedException {
        Pat pat = demoPat("user-revoked");
        expect(atA.adminDelete(DEMO + "/personal-access-tokens/users/" + pat.userId()), 200);
        assertRevoked(atA, atB, DEMO, pat.secret());
    }

    @Test
    void theUserDeleted() throws InterruptedException {
        Pat pat = demoPat("user-deleted");
        atA.deleteUser(DEMO, pat.userId());
        assertRevoked(atA, atB, DEMO, pat.secret());
    }

    @Test
    void theUserDisabled() throws InterruptedException {
        Pat pat = demoPat("user-disabled");
        atB.setUserEnabled(DEMO, pat.userId(), false);
        assertRevoked(atB, atA, DEMO, pat.secret());
    }

    @Test
    void everyTokenOfTheRealmRevoked() throws InterruptedException {
        ThrowawayRealm realm = new ThrowawayRealm(atA, "cluster-all-", Map.of());
        try {
            String secret = realmPat(realm, "whole-realm");
            expect(atA.adminDelete(realm.name() + "/personal-access-tokens?all=true"), 200);
            assertRevoked(atA, atB, realm.name(), secret);
        } finally {
            realm.delete();
        }
    }

    @Test
    void theRealmDeleted() throws InterruptedException {
        ThrowawayRealm realm = new ThrowawayRealm(atA, "cluster-gone-", Map.of());
        String secret = realmPat(realm, "realm-deleted");
        realm.delete();
        assertRevoked(atA, atB, realm.name(), secret);
    }

    @Test
    void revokedByKeycloaksNotBefore() throws InterruptedException {
        ThrowawayRealm realm = new ThrowawayRealm(atA, "cluster-nbf-", Map.of());
        try {
            String secret = realmPat(realm, "not-before");
            Thread.sleep(1100); // "not before" has a resolution of one second
            // the admin console's "Revocation: Set to now"
            expect(atB.adminPut(realm.name(), Map.of("notBefore", System.currentTimeMillis() / 1000)), 204);
            assertRevoked(atB, atA, realm.name(), secret);
        } finally {
            realm.delete();
        }
    }

    @Test
    void thePolicyTightenedPastTheTokensAge() throws InterruptedException {
        ThrowawayRealm realm = new ThrowawayRealm(atA, "cluster-policy-", Map.of());
        try {
            JsonNode created = longLivedPat(realm, "aged");
            String secret = created.get("token").asText();
            KeycloakServer.get().database().age(created.get("id").asText(), 20 * DAY);
            assertActiveOnBoth(realm.name(), secret);
            expect(atA.adminPut(realm.name() + "/personal-access-tokens/policy", Map.of("maxLifetimeDays", 10,
                    "defaultLifetimeDays", 7)), 200);
            assertRevoked(atA, atB, realm.name(), secret);
        } finally {
            realm.delete();
        }
    }

    @Test
    void revokedForBeingUnused() throws InterruptedException {
        ThrowawayRealm realm = new ThrowawayRealm(atA, "cluster-unused-", Map.of());
        try {
            JsonNode created = longLivedPat(realm, "idle");
            String secret = created.get("token").asText();
            assertActiveOnBoth(realm.name(), secret);
            // time passes: the database now says the token has not been used for 40 days
            KeycloakServer.get().database().age(created.get("id").asText(), 40 * DAY);
            expect(atB.adminPut(realm.name() + "/personal-access-tokens/policy", Map.of("unusedRevokeDays", 30)), 200);
            JsonNode outcome = expect(atB.adminPost(realm.name() + "/personal-access-tokens/lifecycle", Map.of()), 200).json();
            assertEquals(1, outcome.get("revoked").asInt(), outcome.toString());
            assertRevoked(atB, atA, realm.name(), secret);
        } finally {
            realm.delete();
        }
    }

    static final String CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

    @Test
    void aRevocationAtOneNodeReachesAPollReceiverExactlyOnce() throws Exception {
        ThrowawayRealm realm = new ThrowawayRealm(atA, "cluster-ssf-", Map.of("attributes",
                Map.of("ssf.transmitterEnabled", "true")));
        try {
            String clientId = "rs-cluster";
            expect(atA.adminPost(realm.name() + "/clients", Realms.confidentialClient(clientId, "rs-secret",
                    "serviceAccountsEnabled", true, "optionalClientScopes", List.of("ssf.read", "ssf.manage"),
                    "attributes", Map.of("ssf.enabled", "true", "ssf.defaultSubjects", "ALL"))), 201);
            JsonNode stream = expect(Http.postJson(atA.base() + "/realms/" + realm.name() + "/ssf/transmitter/streams",
                    receiverToken(atA, realm.name(), clientId), Map.of("delivery", Map.of("method", "urn:ietf:rfc:8936"),
                            "events_requested", List.of(CHANGE))), 201).json();
            String pollPath = stream.get("delivery").get("endpoint_url").asText().substring(atA.base().length());
            JsonNode aud = stream.get("aud");
            String audience = aud.isArray() ? aud.get(0).asText() : aud.asText();

            String user = "signalled-" + System.nanoTime();
            String userId = realm.user(user);
            JsonNode created = expect(realm.create(realm.bearer(user), "signalled", System.currentTimeMillis() / 1000 + 3600),
                    201).json();
            String id = created.get("id").asText();
            String secret = SECRETS.remember(created.get("token").asText());
            assertActiveOnBoth(realm.name(), secret);
            // the stream's verification and the token's creation, from both nodes, before the revocation
            Thread.sleep(2000);
            pollBoth(realm.name(), clientId, pollPath, audience);

            expect(atB.adminDelete(realm.name() + "/personal-access-tokens/" + id), 204);
            assertRevoked(atB, atA, realm.name(), secret);
            List<JsonNode> sets = new ArrayList<>();
            for (int i = 0; i < 5; i++) { // a second copy from the other node would show within these seconds
                sets.addAll(pollBoth(realm.name(), clientId, pollPath, audience));
                Thread.sleep(1000);
            }
            List<JsonNode> revocations = sets.stream()
                    .filter(set -> set.path("events").has(CHANGE))
                    .filter(set -> id.equals(set.get("events").get(CHANGE).path("kc_credential_id").asText()))
                    .toList();
            assertEquals(1, revocations.size(), "exactly once: " + sets);
            JsonNode revoked = revocations.get(0);
            JsonNode event = revoked.get("events").get(CHANGE);
            assertEquals("revoke", event.get("change_type").asText(), event.toString());
            assertEquals("admin", event.get("initiating_entity").asText(), event.toString());
            assertEquals(atB.base() + "/realms/" + realm.name(), revoked.get("iss").asText(), "issued by the node that revoked");
            assertEquals(userId, revoked.path("sub_id").path("sub").asText(), "names the user: " + revoked);
            assertEquals(1, sets.size(), "nothing else: " + sets);
        } finally {
            realm.delete();
        }
    }

    private static String receiverToken(KeycloakApi node, String realm, String clientId) {
        return expect(Http.postForm(node.base() + "/realms/" + realm + "/protocol/openid-connect/token", clientId,
                "rs-secret", Map.of("grant_type", "client_credentials", "scope", "ssf.read ssf.manage")), 200).json()
                .get("access_token").asText();
    }

    /** What the receiver polls at B, then at A, each SET verified against the realm's JWKS and acknowledged. */
    private static List<JsonNode> pollBoth(String realm, String clientId, String pollPath, String audience) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        for (KeycloakApi node : List.of(atB, atA)) {
            String token = receiverToken(node, realm, clientId);
            JsonNode answer = expect(Http.postJson(node.base() + pollPath, token,
                    Map.of("maxEvents", 100, "returnImmediately", true)), 200).json();
            JWKSet keys = JWKSet.load(new URL(node.base() + "/realms/" + realm + "/protocol/openid-connect/certs"));
            List<String> ack = new ArrayList<>();
            for (var entries = answer.get("sets").fields(); entries.hasNext(); ) {
                var entry = entries.next();
                SignedJWT set = SignedJWT.parse(entry.getValue().asText());
                assertEquals(new JOSEObjectType("secevent+jwt"), set.getHeader().getType());
                RSAKey key = (RSAKey) keys.getKeyByKeyId(set.getHeader().getKeyID());
                assertNotNull(key, "signed with a key of the realm's JWKS");
                assertTrue(set.verify(new RSASSAVerifier(key)), "signature");
                JsonNode payload = Http.JSON.readTree(set.getPayload().toString());
                assertTrue(payload.get("aud").toString().contains(audience), payload.toString());
                SECRETS.assertNoneIn(entry.getValue().asText() + payload);
                payloads.add(payload);
                ack.add(entry.getKey());
            }
            if (!ack.isEmpty()) {
                expect(Http.postJson(node.base() + pollPath, token, Map.of("ack", ack, "returnImmediately", true)), 200);
            }
        }
        return payloads;
    }

    /** A token of a new user of the realm, expiring in 300 days, not yet used. */
    private static JsonNode longLivedPat(ThrowawayRealm realm, String label) {
        String user = label + "-" + System.nanoTime();
        realm.user(user);
        JsonNode created = expect(realm.create(realm.bearer(user), label, System.currentTimeMillis() / 1000 + 300 * DAY),
                201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static String realmPat(ThrowawayRealm realm, String label) {
        String user = label + "-" + System.nanoTime();
        realm.user(user);
        JsonNode created = expect(realm.create(realm.bearer(user), label, System.currentTimeMillis() / 1000 + 3600), 201)
                .json();
        String secret = SECRETS.remember(created.get("token").asText());
        assertActiveOnBoth(realm.name(), secret);
        return secret;
    }

    /** Inactive at the node that made the change at once, and at the other within the bound. */
    private static void assertRevoked(KeycloakApi changedAt, KeycloakApi other, String realm, String secret)
            throws InterruptedException {
        assertFalse(active(changedAt, realm, secret), "inactive at once on the node that made the change");
        long start = System.nanoTime();
        while (active(other, realm, secret)) {
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited < BOUND_MILLIS, "still active on the other node after " + waited + " ms");
            Thread.sleep(20);
        }
        assertFalse(active(changedAt, realm, secret));
    }

    /** The answer a resource server of the realm gets; a realm that is gone answers no token active. */
    /** The scopes a node's introspection answers for an active token. */
    private static List<String> scopesAt(KeycloakApi node, String secret) {
        Http.Reply reply = Http.postForm(node.base() + "/realms/" + DEMO + "/protocol/openid-connect/token/introspect",
                KeycloakApi.RESOURCE_SERVER, KeycloakApi.RESOURCE_SERVER_SECRET, Map.of("token", secret));
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().get("active").asBoolean(), reply.body());
        return List.of(reply.json().get("scope").asText().split(" "));
    }

    /**
     * A scope waiting for an approver is in no node's answer (both hold the tokens in memory); approved at one node, it
     * is in the other's answer at once (within the bound); denied there, it stays out of both.
     */
    @Test
    void aScopeDecidedAtOneNodeIsInOrOutOfTheClaimsAtTheOtherAtOnce() throws InterruptedException {
        String policy = DEMO + "/personal-access-tokens/policy";
        JsonNode before = expect(atA.adminGet(policy), 200).json();
        try {
            expect(atA.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "api.write")))), 200);
            String approver = "approver-" + System.nanoTime();
            atA.createUser(DEMO, approver, approver);
            String management = atA.clientUuid(DEMO, "realm-management");
            JsonNode manageUsers = expect(atA.adminGet(DEMO + "/clients/" + management + "/roles/manage-users"), 200).json();
            expect(atA.adminPost(DEMO + "/users/" + atA.userId(DEMO, approver) + "/role-mappings/clients/" + management,
                    List.of(manageUsers)), 204);

            List<String> secrets = new java.util.ArrayList<>();
            List<String> ids = new java.util.ArrayList<>();
            for (String label : List.of("approved", "denied")) {
                String username = label + "-" + System.nanoTime();
                atA.createUser(DEMO, username, username);
                String bearer = atA.userToken(DEMO, "demo-cli", username, username, null);
                JsonNode created = expect(Http.postJson(atA.patApi(DEMO), bearer, Map.of("name", label, "scopes",
                        List.of("api.read", "api.write"), "expiresAt", System.currentTimeMillis() / 1000 + 3600,
                        "reason", "cluster")), 201).json();
                secrets.add(SECRETS.remember(created.get("token").asText()));
                ids.add(created.get("id").asText());
                for (KeycloakApi node : List.of(atA, atB, atA, atB)) {
                    assertEquals(List.of("api.read"), scopesAt(node, secrets.get(secrets.size() - 1)), "waiting");
                }
            }
            String approverToken = atB.userToken(DEMO, "demo-cli", approver, approver, null);
            JsonNode listed = expect(Http.get(atB.admin(DEMO + "/personal-access-tokens/requests?scope=api.write&max=1000"),
                    approverToken), 200).json();
            for (int i = 0; i < 2; i++) {
                String tokenId = ids.get(i);
                String requestId = null;
                for (JsonNode request : listed) {
                    if (tokenId.equals(request.get("tokenId").asText())) {
                        requestId = request.get("id").asText();
                    }
                }
                assertNotNull(requestId, "the request of " + tokenId + " in " + listed);
                expect(Http.postJson(atB.admin(DEMO + "/personal-access-tokens/requests/" + requestId + "/"
                        + (i == 0 ? "approve" : "deny")), approverToken, Map.of("reason", "cluster test")), 200);
            }
            long deadline = System.currentTimeMillis() + BOUND_MILLIS;
            while (!scopesAt(atA, secrets.get(0)).contains("api.write") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            for (KeycloakApi node : List.of(atB, atA)) {
                assertEquals(List.of("api.read", "api.write"), scopesAt(node, secrets.get(0)).stream().sorted().toList(),
                        "approved at B, in the claims at A within " + BOUND_MILLIS + " ms");
                assertEquals(List.of("api.read"), scopesAt(node, secrets.get(1)), "denied");
            }
        } finally {
            expect(atA.adminPut(policy, Map.of("approvalScopes", before.path("approvalScopes"))), 200);
        }
    }

    private static boolean active(KeycloakApi node, String realm, String secret) {
        String client = DEMO.equals(realm) ? KeycloakApi.RESOURCE_SERVER : "checker";
        String clientSecret = DEMO.equals(realm) ? KeycloakApi.RESOURCE_SERVER_SECRET : "checker-secret";
        Http.Reply reply = Http.postForm(node.base() + "/realms/" + realm + "/protocol/openid-connect/token/introspect",
                client, clientSecret, Map.of("token", secret));
        if (reply.status() == 404) {
            return false;
        }
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("active").asBoolean();
    }

    private static void awaitClusterOfTwo(KeycloakServer node) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            if (node.log().matches("(?s).*ISPN000094: Received new cluster view for channel ISPN: \\[[^\\]]*\\] \\(2\\).*")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("The two nodes did not form a cluster; see their logs in target/");
    }
}
