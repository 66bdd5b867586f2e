package io.github.kcpat.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scopes that need an approver: {@code orders.write} is approved by the realm's users with manage-users,
 * {@code billing.pay} by the direct members of {@code /security-team}. As the user, the approver (ann, manage-users),
 * the group approver (gary, no admin role), an admin without manage-users (victor, view-users) and an attacker
 * (mallory, manage-users, deciding on her own requests): each refusal asserted, and introspection and exchange before
 * and after each decision.
 */
@Tag("line-independent")
@KeycloakTest(realm = "approvals", smtp = true)
class ScopeApprovalIT {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private static IssuedSecrets SECRETS;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static GreenMail smtp;
    private static String name;

    @BeforeAll
    static void setUp() {
        name = realm.name();
        expect(kc.adminPost(name + "/clients", Realms.confidentialClient("rs", "rs-secret",
                "attributes", Map.of("standard.token.exchange.enabled", "true"), "serviceAccountsEnabled", true)), 201);
        expect(kc.adminPost(name + "/client-scopes", Realms.audienceScope("api.read", "rs")), 201);
        for (String scope : List.of("orders.write", "billing.pay", "deploy.prod")) {
            expect(kc.adminPost(name + "/client-scopes", Map.of("name", scope, "protocol", "openid-connect",
                    "attributes", Map.of("include.in.token.scope", "true"))), 201);
        }
        String patClient = kc.clientUuid(name, "personal-access-tokens");
        for (String scope : List.of("api.read", "orders.write", "billing.pay", "deploy.prod")) {
            expect(kc.adminPut(name + "/clients/" + patClient + "/optional-client-scopes/" + kc.clientScopeId(name, scope),
                    Map.of()), 204);
        }
        for (String user : List.of("alice", "bob", "ann", "gary", "victor", "mallory")) {
            realm.user(user);
        }
        grant("ann", "manage-users");
        grant("mallory", "manage-users");
        grant("victor", "view-users");
        Http.Reply group = expect(kc.adminPost(name + "/groups", Map.of("name", "security-team")), 201);
        String location = group.header("Location");
        String groupId = location.substring(location.lastIndexOf('/') + 1);
        expect(kc.adminPut(name + "/users/" + kc.userId(name, "gary") + "/groups/" + groupId, Map.of()), 204);
        expect(kc.adminPut(name + "/personal-access-tokens/policy", Map.of("approvalScopes", List.of(
                Map.of("scope", "orders.write"), Map.of("scope", "billing.pay", "approverGroup", "/security-team")))), 200);
    }

    private static void grant(String username, String role) {
        String management = kc.clientUuid(name, "realm-management");
        JsonNode representation = expect(kc.adminGet(name + "/clients/" + management + "/roles/" + role), 200).json();
        expect(kc.adminPost(name + "/users/" + kc.userId(name, username) + "/role-mappings/clients/" + management,
                List.of(representation)), 204);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode create(String username, List<String> scopes, String reason) {
        Http.Reply reply = createReply(username, scopes, reason);
        JsonNode created = expect(reply, 201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static Http.Reply createReply(String username, List<String> scopes, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("name", username + " " + System.nanoTime(), "scopes", scopes,
                "expiresAt", now() + 7 * 86_400));
        if (reason != null) {
            body.put("reason", reason);
        }
        return Http.postJson(kc.patApi(name), realm.bearer(username), body);
    }

    private static String requests() {
        return kc.admin(name + "/personal-access-tokens/requests");
    }

    /** The pending request of the token for that scope, as the approver lists it. */
    private static JsonNode requestOf(String approver, JsonNode token, String scope) {
        JsonNode listed = expect(Http.get(requests() + "?scope=" + scope + "&max=1000", realm.bearer(approver)), 200).json();
        for (JsonNode request : listed) {
            if (request.get("tokenId").asText().equals(token.get("id").asText())) {
                return request;
            }
        }
        throw new AssertionError(approver + " does not see the request of " + scope + ": " + listed);
    }

    /** The request's id as its approver lists it (ann approves orders.write, gary billing.pay), for any caller to try. */
    private static String requestId(JsonNode token, String scope) {
        return requestOf("billing.pay".equals(scope) ? "gary" : "ann", token, scope).get("id").asText();
    }

    private static Http.Reply decide(String approver, String id, String decision, Object body) {
        String url = requests() + "/" + id + "/" + decision;
        return body == null ? Http.postEmpty(url, realm.bearer(approver)) : Http.postJson(url, realm.bearer(approver), body);
    }

    private static List<String> introspectedScopes(String secret) {
        JsonNode answer = realm.introspect(secret);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        return Arrays.asList(answer.get("scope").asText().split(" "));
    }

    private static Http.Reply exchange(String subject, String scope) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", EXCHANGE, "subject_token", subject,
                "subject_token_type", ACCESS_TOKEN_TYPE));
        if (scope != null) {
            form.put("scope", scope);
        }
        return Http.postForm(kc.base() + "/realms/" + name + "/protocol/openid-connect/token", "rs", "rs-secret", form);
    }

    private static List<String> scopeClaim(String jwt) {
        try {
            JsonNode claims = Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
            return Arrays.asList(claims.get("scope").asText().split(" "));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode tokenAsOwner(String owner, JsonNode token) {
        return expect(Http.get(kc.patApi(name) + "/" + token.get("id").asText(), realm.bearer(owner)), 200).json();
    }

    private static JsonNode approvalOf(JsonNode token, String scope) {
        for (JsonNode approval : token.get("scopeApprovals")) {
            if (approval.get("scope").asText().equals(scope)) {
                return approval;
            }
        }
        throw new AssertionError("no approval entry for " + scope + ": " + token);
    }

    private static void assertError(Http.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(error, reply.json().get("error").asText(), reply.body());
    }

    @Test
    void thePolicyRefusesWhatItCannotHonourAndTellsUsersOnlyTheScopeNames() {
        String policy = name + "/personal-access-tokens/policy";
        assertError(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "no.such.scope")))), 400,
                "invalid_request");
        assertError(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "orders.write",
                "approverGroup", "/no-such-group")))), 400, "invalid_request");
        assertError(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "orders.write"),
                Map.of("scope", "orders.write")))), 400, "invalid_request");
        assertError(kc.adminPut(policy, Map.of("approvalLapseDays", 0)), 400, "invalid_request");
        assertError(kc.adminPut(policy, Map.of("approvalLapseDays", 91)), 400, "invalid_request");
        JsonNode admin = expect(kc.adminGet(policy), 200).json();
        assertEquals("/security-team", admin.get("approvalScopes").get(1).get("approverGroup").asText(), admin.toString());
        assertEquals(7, admin.get("approvalLapseDays").asInt());
        JsonNode account = expect(Http.get(kc.patApi(name) + "/policy", realm.bearer("alice")), 200).json();
        assertEquals("[\"orders.write\",\"billing.pay\"]", account.get("approvalScopes").toString());
    }

    @Test
    void aPendingScopeIsOutOfTheClaimsUntilApprovedAndAnApprovalTakesEffectAtOnce() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        JsonNode token = create("alice", List.of("files.read", "api.read", "orders.write"), "nightly order export");
        String secret = token.get("token").asText();
        assertEquals(List.of("files.read", "api.read", "orders.write"), toList(token.get("scopes")), "the scopes asked for");
        JsonNode pending = approvalOf(token, "orders.write");
        assertEquals("pending", pending.get("state").asText());
        assertEquals("nightly order export", pending.get("reason").asText());
        assertEquals(1, token.get("scopeApprovals").size(), "files.read and api.read need no approval");

        // pending: it works at once for its other scopes, without orders.write
        assertTrue(introspectedScopes(secret).contains("files.read"));
        assertFalse(introspectedScopes(secret).contains("orders.write"));
        String derived = expect(exchange(secret, null), 200).json().get("access_token").asText();
        assertFalse(scopeClaim(derived).contains("orders.write"), "exchanged while pending");
        assertError(exchange(secret, "orders.write"), 400, "invalid_scope");

        JsonNode request = requestOf("ann", token, "orders.write");
        assertEquals("alice", request.get("username").asText());
        assertEquals("nightly order export", request.get("reason").asText());
        Http.Reply approved = decide("ann", request.get("id").asText(), "approve", Map.of("reason", "ok for Q3"));
        JsonNode answer = expect(approved, 200).json();
        assertEquals("approved", answer.get("state").asText());
        assertEquals("ann", answer.get("decidedByUsername").asText());
        assertEquals("ok for Q3", answer.get("decisionReason").asText());

        // at once: introspection, exchange and the owner's view
        assertTrue(introspectedScopes(secret).contains("orders.write"));
        String afterApproval = expect(exchange(secret, "orders.write"), 200).json().get("access_token").asText();
        assertTrue(scopeClaim(afterApproval).contains("orders.write"));
        assertEquals("approved", approvalOf(tokenAsOwner("alice", token), "orders.write").get("state").asText());

        // deciding twice: 409, either way
        assertError(decide("ann", request.get("id").asText(), "approve", null), 409, "already_decided");
        assertError(decide("ann", request.get("id").asText(), "deny", null), 409, "already_decided");

        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the owner is mailed the decision");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("alice@example.org", mail.getAllRecipients()[0].toString());
        String text = text(mail);
        assertTrue(text.contains("orders.write") && text.contains("approved"), text);
        assertFalse(text.contains(secret), "never the secret");

        JsonNode events = realm.events("UPDATE_CREDENTIAL", kc.userId(name, "alice"));
        assertTrue(events.toString().contains("\"pat_action\":\"scope_requested\""), events.toString());
        boolean approvalEvent = false;
        for (JsonNode event : events) {
            JsonNode details = event.get("details");
            if ("scope_approved".equals(details.path("pat_action").asText())
                    && token.get("id").asText().equals(details.path("pat_id").asText())) {
                assertEquals("orders.write", details.get("pat_scope").asText());
                assertEquals(kc.userId(name, "ann"), details.get("acted_by").asText());
                approvalEvent = true;
            }
        }
        assertTrue(approvalEvent, events.toString());
    }

    @Test
    void aDenialDropsTheScopeFromTheTokenWithTheApproversReason() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        JsonNode token = create("alice", List.of("files.read", "orders.write"), null);
        String secret = token.get("token").asText();
        JsonNode request = requestOf("ann", token, "orders.write");
        JsonNode denied = expect(decide("ann", request.get("id").asText(), "deny", Map.of("reason", "use the read scope")),
                200).json();
        assertEquals("denied", denied.get("state").asText());
        assertFalse(introspectedScopes(secret).contains("orders.write"));
        assertTrue(introspectedScopes(secret).contains("files.read"), "the token lives on");
        JsonNode after = tokenAsOwner("alice", token);
        assertEquals(List.of("files.read"), toList(after.get("scopes")), "denied: gone from its scopes");
        JsonNode approval = approvalOf(after, "orders.write");
        assertEquals("denied", approval.get("state").asText());
        assertEquals("use the read scope", approval.get("decisionReason").asText());
        assertFalse(approval.get("lapsed").asBoolean());
        assertError(exchange(secret, "orders.write"), 400, "invalid_scope");
        assertError(decide("ann", request.get("id").asText(), "approve", null), 409, "already_decided");
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the owner is mailed the denial");
        String text = text(smtp.getReceivedMessages()[0]);
        assertTrue(text.contains("denied") && text.contains("use the read scope"), text);
    }

    @Test
    void aGroupApproverDecidesExactlyTheGroupsScopesWithNoOtherAdminRight() {
        JsonNode token = create("bob", List.of("billing.pay", "orders.write"), "pay the invoices");
        assertEquals("{\"scopes\":[\"billing.pay\"]}",
                expect(Http.get(requests() + "/scopes", realm.bearer("gary")), 200).json().toString());
        JsonNode listed = expect(Http.get(requests() + "?state=all&max=1000", realm.bearer("gary")), 200).json();
        for (JsonNode request : listed) {
            assertEquals("billing.pay", request.get("scope").asText(), "only the group's scope: " + listed);
        }
        String billing = requestOf("gary", token, "billing.pay").get("id").asText();
        String orders = requestId(token, "orders.write");
        assertError(decide("gary", orders, "approve", null), 404, "not_found");
        assertError(decide("ann", billing, "approve", null), 404, "not_found");
        assertEquals("{\"scopes\":[\"orders.write\"]}",
                expect(Http.get(requests() + "/scopes", realm.bearer("ann")), 200).json().toString());
        expect(decide("gary", billing, "approve", null), 200);
        assertTrue(introspectedScopes(token.get("token").asText()).contains("billing.pay"));
        assertFalse(introspectedScopes(token.get("token").asText()).contains("orders.write"), "still pending");
        // gary reaches nothing else of the admin API
        assertEquals(403, Http.get(kc.admin(name + "/personal-access-tokens"), realm.bearer("gary")).status());
        assertEquals(403, Http.get(kc.admin(name + "/users"), realm.bearer("gary")).status());
    }

    @Test
    void anAdminWithoutManageUsersApprovesNothing() {
        JsonNode token = create("bob", List.of("orders.write"), null);
        assertEquals("[]", expect(Http.get(requests(), realm.bearer("victor")), 200).json().toString());
        assertEquals("{\"scopes\":[]}", expect(Http.get(requests() + "/scopes", realm.bearer("victor")), 200).json().toString());
        String id = requestId(token, "orders.write");
        assertError(decide("victor", id, "approve", null), 403, "access_denied");
        assertError(Http.postJson(requests() + "/decide", realm.bearer("victor"),
                Map.of("ids", List.of(id), "decision", "approve")), 403, "access_denied");
        assertEquals("pending", approvalOf(tokenAsOwner("bob", token), "orders.write").get("state").asText());
    }

    @Test
    void nobodyDecidesTheirOwnRequestThroughAnyApi() {
        JsonNode own = create("mallory", List.of("orders.write"), "trust me");
        String id = requestId(own, "orders.write");
        assertNotNull(id);
        assertError(decide("mallory", id, "approve", null), 403, "own_request");
        assertError(decide("mallory", id, "deny", null), 403, "own_request");
        JsonNode bulk = expect(Http.postJson(requests() + "/decide", realm.bearer("mallory"),
                Map.of("ids", List.of(id), "decision", "approve")), 200).json();
        assertEquals("[]", bulk.get("decided").toString());
        assertEquals("own_request", bulk.get("refused").get(0).get("error").asText());
        JsonNode listed = expect(Http.get(requests() + "?state=all&max=1000", realm.bearer("mallory")), 200).json();
        assertFalse(listed.toString().contains(own.get("id").asText()), "her own requests are not listed to her");
        // no field changes a request's scope
        assertError(decide("ann", id, "approve", Map.of("scope", "billing.pay")), 400, "invalid_request");
        // her own PAT, or a token exchanged from it, does not reach the requests
        String secret = own.get("token").asText();
        assertRefused(Http.get(requests(), secret));
        assertRefused(Http.postEmpty(requests() + "/" + id + "/approve", secret));
        JsonNode other = create("mallory", List.of("api.read"), null);
        String derived = expect(exchange(other.get("token").asText(), null), 200).json().get("access_token").asText();
        assertRefused(Http.get(requests(), derived));
        assertRefused(Http.postEmpty(requests() + "/" + id + "/approve", derived));
        assertEquals("pending", approvalOf(tokenAsOwner("mallory", own), "orders.write").get("state").asText());
        assertFalse(introspectedScopes(secret).contains("orders.write"));
    }

    private static void assertRefused(Http.Reply reply) {
        assertTrue(reply.status() == 401 || reply.status() == 403, reply.status() + " " + reply.body());
    }

    @Test
    void badInputAndGoneThingsAreClear4xx() {
        String tooLong = "x".repeat(501);
        assertError(createReply("bob", List.of("orders.write"), tooLong), 400, "invalid_request");
        Http.Reply notText = Http.postJson(kc.patApi(name), realm.bearer("bob"), Map.of("name", "n " + System.nanoTime(),
                "scopes", List.of("orders.write"), "expiresAt", now() + 86_400, "reason", List.of("x")));
        assertError(notText, 400, "invalid_request");
        JsonNode token = create("bob", List.of("orders.write"), "x".repeat(500));
        String id = requestId(token, "orders.write");
        assertError(decide("ann", id, "approve", Map.of("reason", tooLong)), 400, "invalid_request");
        assertError(decide("ann", id, "approve", Map.of("reason", 42)), 400, "invalid_request");
        assertError(Http.postJson(requests() + "/decide", realm.bearer("ann"), Map.of("ids", List.of(id),
                "decision", "maybe")), 400, "invalid_request");
        assertError(decide("ann", "no-such-request", "approve", null), 404, "not_found");
        assertError(Http.get(requests() + "?state=weird", realm.bearer("ann")), 400, "invalid_request");
        // the token deleted: its requests go with it
        expect(Http.delete(kc.patApi(name) + "/" + token.get("id").asText(), realm.bearer("bob")), 204);
        assertError(decide("ann", id, "approve", null), 404, "not_found");
    }

    @Test
    void twoApproversDecidingAtOnceLeaveOneDecisionAndA409() throws Exception {
        for (int round = 0; round < 3; round++) {
            JsonNode token = create("bob", List.of("orders.write"), null);
            String id = requestId(token, "orders.write");
            String ann = realm.bearer("ann");
            String mallory = realm.bearer("mallory");
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Http.Reply> approve = CompletableFuture.supplyAsync(() -> {
                await(start);
                return Http.postEmpty(requests() + "/" + id + "/approve", ann);
            });
            CompletableFuture<Http.Reply> deny = CompletableFuture.supplyAsync(() -> {
                await(start);
                return Http.postEmpty(requests() + "/" + id + "/deny", mallory);
            });
            start.countDown();
            List<Integer> statuses = List.of(approve.get().status(), deny.get().status());
            assertTrue(statuses.contains(200) && statuses.contains(409), statuses + " " + approve.get().body() + " "
                    + deny.get().body());
            String state = approvalOf(tokenAsOwner("bob", token), "orders.write").get("state").asText();
            assertEquals(approve.get().status() == 200 ? "approved" : "denied", state, "the winner's decision stands");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void manyAtOnceWithAReasonEachRefusalNamed() {
        JsonNode first = create("bob", List.of("orders.write"), null);
        JsonNode second = create("alice", List.of("orders.write"), null);
        JsonNode own = create("ann", List.of("orders.write"), null);
        String a = requestId(first, "orders.write");
        String b = requestId(second, "orders.write");
        String ownId = requestOf("mallory", own, "orders.write").get("id").asText();
        JsonNode answer = expect(Http.postJson(requests() + "/decide", realm.bearer("ann"), Map.of("ids",
                List.of(a, b, ownId, "no-such-request"), "decision", "deny", "reason", "not this quarter")), 200).json();
        assertEquals(List.of(a, b), toList(answer.get("decided")));
        assertEquals("own_request", answer.get("refused").get(0).get("error").asText());
        assertEquals("not_found", answer.get("refused").get(1).get("error").asText());
        assertEquals("not this quarter", approvalOf(tokenAsOwner("alice", second), "orders.write")
                .get("decisionReason").asText());
    }

    @Test
    void aBotTokenMadeByAnAdminNeedsNoApproval() {
        JsonNode bot = expect(kc.adminPost(name + "/personal-access-tokens/service-accounts/rs", Map.of("name",
                "bot " + System.nanoTime(), "scopes", List.of("orders.write"), "expiresAt", now() + 86_400)), 201).json();
        SECRETS.remember(bot.get("token").asText());
        assertTrue(introspectedScopes(bot.get("token").asText()).contains("orders.write"));
    }

    /**
     * A scope that newly needs approval leaves the claims of the live tokens holding it (and a token exchanged with it
     * dies), each with a pending request; removed from the policy again, a still pending request is moot and the scope
     * counts again.
     */
    @Test
    void aPolicyChangeNeverSilentlyGrants() {
        String policy = name + "/personal-access-tokens/policy";
        JsonNode approved = create("alice", List.of("api.read", "deploy.prod"), null);
        JsonNode waiting = create("bob", List.of("files.read", "deploy.prod"), null);
        String derived = expect(exchange(approved.get("token").asText(), "api.read deploy.prod"), 200).json()
                .get("access_token").asText();
        assertTrue(scopeClaim(derived).contains("deploy.prod"));
        assertTrue(realm.introspect(derived).get("active").asBoolean(), "before the change");
        assertTrue(introspectedScopes(approved.get("token").asText()).contains("deploy.prod"));
        try {
            expect(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "orders.write"),
                    Map.of("scope", "billing.pay", "approverGroup", "/security-team"), Map.of("scope", "deploy.prod")))), 200);
            assertFalse(introspectedScopes(approved.get("token").asText()).contains("deploy.prod"), "out at once");
            assertFalse(introspectedScopes(waiting.get("token").asText()).contains("deploy.prod"));
            assertFalse(realm.introspect(derived).get("active").asBoolean(), "a token exchanged with it dies");
            assertEquals("pending", approvalOf(tokenAsOwner("alice", approved), "deploy.prod").get("state").asText());
            assertError(exchange(approved.get("token").asText(), "deploy.prod"), 400, "invalid_scope");

            expect(decide("ann", requestId(approved, "deploy.prod"), "approve", null), 200);
            assertTrue(introspectedScopes(approved.get("token").asText()).contains("deploy.prod"), "approved: back");
            String waitingRequest = requestId(waiting, "deploy.prod");

            expect(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "orders.write"),
                    Map.of("scope", "billing.pay", "approverGroup", "/security-team")))), 200);
            assertTrue(introspectedScopes(waiting.get("token").asText()).contains("deploy.prod"),
                    "no longer needs approval: it counts again");
            assertError(decide("ann", waitingRequest, "approve", null), 409, "no_longer_needs_approval");
        } finally {
            expect(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "orders.write"),
                    Map.of("scope", "billing.pay", "approverGroup", "/security-team")))), 200);
        }
    }

    @Test
    void anUndecidedRequestLapsesAsDeniedAndApproversAreMailedAtMostOnceADay() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        JsonNode token = create("alice", List.of("files.read", "orders.write"), "for the audit");
        String lifecycle = name + "/personal-access-tokens/lifecycle";
        JsonNode first = expect(kc.adminPost(lifecycle, Map.of()), 200).json();
        assertTrue(first.get("approversMailed").asInt() >= 1, first.toString());
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        List<String> toAnn = mailsTo("ann@example.org");
        assertEquals(1, toAnn.size(), "ann is told what waits");
        assertTrue(toAnn.get(0).contains("orders.write") && toAnn.get(0).contains("alice"), toAnn.get(0));
        assertTrue(mailsTo("gary@example.org").stream().noneMatch(m -> m.contains("orders.write")),
                "gary approves only billing.pay");
        expect(kc.adminPost(lifecycle, Map.of()), 200);
        assertEquals(1, mailsTo("ann@example.org").size(), "at most one a day");

        smtp.purgeEmailFromAllMailboxes();
        assertEquals(1, server.database().update("UPDATE PAT_SCOPE_REQUEST SET REQUESTED_AT = REQUESTED_AT - ?"
                + " WHERE TOKEN_ID = ?", 8 * 86_400, token.get("id").asText()));
        JsonNode run = expect(kc.adminPost(lifecycle, Map.of()), 200).json();
        assertTrue(run.get("scopeRequestsLapsed").asInt() >= 1, run.toString());
        JsonNode after = tokenAsOwner("alice", token);
        JsonNode approval = approvalOf(after, "orders.write");
        assertEquals("denied", approval.get("state").asText());
        assertTrue(approval.get("lapsed").asBoolean());
        assertEquals(List.of("files.read"), toList(after.get("scopes")));
        assertFalse(introspectedScopes(token.get("token").asText()).contains("orders.write"));
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the owner is mailed the lapse");
        assertTrue(mailsTo("alice@example.org").stream().anyMatch(m -> m.contains("lapsed")));
    }

    /** The mail's body with quoted-printable's soft line breaks undone. */
    private static String text(MimeMessage mail) {
        return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=\n", "");
    }

    private static List<String> mailsTo(String address) throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (address.equals(mail.getAllRecipients()[0].toString())) {
                texts.add(text(mail));
            }
        }
        return texts;
    }

    private static List<String> toList(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.asText()));
        return list;
    }
}
