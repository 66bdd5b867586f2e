package io.github.kcpat.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.github.kcpat.docs.MarkdownExamples;
import io.github.kcpat.docs.MarkdownExamples.Example;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import io.github.kcpat.it.docs.SignalsReceiverExample;
import io.github.kcpat.it.docs.SignalsReceiverExample.CachingIntrospector;
import io.github.kcpat.it.docs.SignalsReceiverExample.IntrospectionCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Resource servers hear of a PAT's start and end through Keycloak's own SSF transmitter: the server restarted once
 * with {@code --features=ssf} (the push outbox drained every second, and push targets on loopback over http allowed,
 * for the receiver inside this test), a realm opted in, a POLL receiver (RFC 8936) and a PUSH receiver (RFC 8935, an
 * HTTP server of this test on 127.0.0.1) whose streams ask for credential-change and credential-compromise. Each SET,
 * polled or pushed, is verified against the realm's JWKS and must name the token, never its secret (a PUSH stream
 * to a URL outside its client's {@code ssf.validPushUrls} is refused). Streams that asked for one of the two event
 * types only get that one; a receiver without {@code ssf.defaultSubjects=ALL} hears of a user only once the user was
 * added as its subject; a change whose transaction rolls back (the database refuses its event row, at commit) sends
 * nothing.
 */
@Tag("restarts")
@Tag("signals")
@KeycloakTest
class SharedSignalsIT {

    static final String CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    static final String COMPROMISE = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";
    static final String POLL = "urn:ietf:rfc:8936";
    static final String PUSH = "urn:ietf:rfc:8935";
    /** Keycloak's SSF transmitter options for this restart (SPI {@code ssf-transmitter}, provider {@code default}). */
    static final String TRANSMITTER = "--spi-ssf-transmitter--default--";

    private static IssuedSecrets SECRETS;
    private static KeycloakApi kc;
    private static KeycloakServer server;
    /** This realm and another one, made after the restart (so not the extension's throwaway realm). */
    private static final ThrowawayRealm[] REALMS = new ThrowawayRealm[2];
    private static Receiver receiver;
    private static Receiver otherReceiver;
    private static PushEndpoint pushEndpoint;
    private static Receiver pushReceiver;

    /** A receiver client and its stream; {@code pollUrl} null for a PUSH stream. */
    record Receiver(String realm, String clientId, String streamId, String pollUrl, String audience) {
    }

    @BeforeAll
    static void startWithTheTransmitter() throws IOException {
        server = KeycloakServer.get();
        // the ends that come with time are looked for every second, not every 30
        server.restartWith(List.of("--features=ssf", TRANSMITTER + "outbox-drainer-interval=1s",
                TRANSMITTER + "allow-insecure-push-targets=true", "--spi-personal-access-token--jpa--signals-interval=1"), "");
        assumeTrue(Http.get(kc.base() + "/realms/master/.well-known/openid-configuration", null).status() == 200);
        REALMS[0] = new ThrowawayRealm(kc, "ssf", Map.of("attributes", Map.of("ssf.transmitterEnabled", "true")));
        REALMS[1] = new ThrowawayRealm(kc, "ssfother", Map.of("attributes", Map.of("ssf.transmitterEnabled", "true")));
        assumeTrue(Http.get(kc.base() + "/realms/" + REALMS[0].name() + "/.well-known/ssf-configuration", null).status() == 200,
                "this Keycloak has no SSF transmitter");
        assertTrue(server.logSinceLastStart().contains("SSF push outbox drainer scheduled: entryKind=ssf-push, interval=1000ms"),
                "the transmitter took the drainer interval of this start");
        receiver = receiver(REALMS[0].name(), List.of(CHANGE, COMPROMISE));
        otherReceiver = receiver(REALMS[1].name(), List.of(CHANGE, COMPROMISE));
        pushEndpoint = new PushEndpoint();
        pushReceiver = pushReceiver(REALMS[0].name());
    }

    @AfterAll
    static void restoreTheServer() {
        if (pushEndpoint != null) {
            pushEndpoint.close();
        }
        for (ThrowawayRealm made : REALMS) {
            if (made != null) {
                made.delete();
            }
        }
        server.restartWith(List.of(), "");
    }

    /** A POLL receiver that hears of every user of the realm ({@code ssf.defaultSubjects=ALL}). */
    private static Receiver receiver(String realmName, List<String> events) {
        return receiver(realmName, Map.of("ssf.defaultSubjects", "ALL"), Map.of("method", POLL), events);
    }

    /** A POLL receiver of every user, credential-change and credential-compromise, as a client of that name. */
    private static Receiver receiver(String realmName, String clientId) {
        return receiver(realmName, clientId, Map.of("ssf.defaultSubjects", "ALL"), Map.of("method", POLL),
                List.of(CHANGE, COMPROMISE));
    }

    private static Receiver receiver(String realmName, Map<String, String> attributes, Map<String, Object> delivery,
            List<String> events) {
        return receiver(realmName, "rs-" + UUID.randomUUID().toString().substring(0, 8), attributes, delivery, events);
    }

    private static Receiver receiver(String realmName, String clientId, Map<String, String> attributes,
            Map<String, Object> delivery, List<String> events) {
        Map<String, String> all = new HashMap<>(attributes);
        all.put("ssf.enabled", "true");
        expect(kc.adminPost(realmName + "/clients", Realms.confidentialClient(clientId, "rs-secret",
                "serviceAccountsEnabled", true,
                "optionalClientScopes", List.of("ssf.read", "ssf.manage"),
                "attributes", all)), 201);
        JsonNode stream = expect(Http.postJson(kc.base() + "/realms/" + realmName + "/ssf/transmitter/streams",
                receiverToken(realmName, clientId), Map.of("delivery", delivery, "events_requested", events)), 201).json();
        JsonNode aud = stream.get("aud");
        return new Receiver(realmName, clientId, stream.get("stream_id").asText(),
                POLL.equals(delivery.get("method")) ? stream.get("delivery").get("endpoint_url").asText() : null,
                aud.isArray() ? aud.get(0).asText() : aud.asText());
    }

    /**
     * A PUSH receiver (RFC 8935) for every user of the realm, delivering to {@link #pushEndpoint} with a bearer token of
     * its own in the {@code Authorization} header; the client allows exactly that URL ({@code ssf.validPushUrls}), and
     * the transmitter refuses a stream that pushes anywhere else.
     */
    private static Receiver pushReceiver(String realmName) {
        Map<String, String> attributes = Map.of("ssf.defaultSubjects", "ALL", "ssf.validPushUrls", pushEndpoint.url());
        // the allow-list is the transmitter's guard against a receiver that would make it push to any address
        String elsewhereClient = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        expect(kc.adminPost(realmName + "/clients", Realms.confidentialClient(elsewhereClient, "rs-secret",
                "serviceAccountsEnabled", true, "optionalClientScopes", List.of("ssf.read", "ssf.manage"),
                "attributes", Map.of("ssf.enabled", "true", "ssf.validPushUrls", pushEndpoint.url()))), 201);
        Http.Reply elsewhere = Http.postJson(kc.base() + "/realms/" + realmName + "/ssf/transmitter/streams",
                receiverToken(realmName, elsewhereClient), Map.of("delivery", Map.of("method", PUSH,
                        "endpoint_url", pushEndpoint.url() + "-elsewhere", "authorization_header", "Bearer x"),
                        "events_requested", List.of(CHANGE)));
        assertEquals(400, elsewhere.status(), elsewhere.body());
        assertTrue(elsewhere.body().contains("ssf.validPushUrls"), elsewhere.body());

        return receiver(realmName, attributes, Map.of("method", PUSH, "endpoint_url", pushEndpoint.url(),
                "authorization_header", pushEndpoint.authorization()), List.of(CHANGE, COMPROMISE));
    }

    private static String receiverToken(String realmName, String clientId) {
        return Http.postForm(kc.base() + "/realms/" + realmName + "/protocol/openid-connect/token", clientId,
                "rs-secret", Map.of("grant_type", "client_credentials", "scope", "ssf.read ssf.manage")).json()
                .get("access_token").asText();
    }

    private static String receiverToken(Receiver r) {
        return receiverToken(r.realm(), r.clientId());
    }

    /** Every SET for the receiver until none came for a while, acknowledged, each verified; their payloads. */
    private static List<JsonNode> poll(Receiver r) throws Exception {
        return pollAtLeast(r, 0);
    }

    /** As {@link #poll}, waiting (15 s at most) for at least {@code expected} SETs before the quiet spell counts. */
    private static List<JsonNode> pollAtLeast(Receiver r, int expected) throws Exception {
        // the signals of a change are made just after it commits, on a thread of the server: polled until none came for
        // a while, so that "exactly one" and "nothing" mean what they say
        List<JsonNode> all = new ArrayList<>(pollOnce(r));
        long quietSince = System.currentTimeMillis();
        long deadline = quietSince + 15_000;
        while ((all.size() < expected || System.currentTimeMillis() - quietSince < QUIET_MILLIS)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(150);
            List<JsonNode> more = pollOnce(r);
            if (!more.isEmpty()) {
                all.addAll(more);
                quietSince = System.currentTimeMillis();
            }
        }
        return all;
    }

    /** How long no new SET must arrive before a poll counts what it has. */
    private static final long QUIET_MILLIS = 1200;

    /** What is waiting for the receiver right now, acknowledged, each SET verified; their payloads. */
    private static List<JsonNode> pollOnce(Receiver r) throws Exception {
        JsonNode answer = expect(Http.postJson(r.pollUrl(), receiverToken(r),
                Map.of("maxEvents", 100, "returnImmediately", true)), 200).json();
        List<JsonNode> payloads = new ArrayList<>();
        List<String> ack = new ArrayList<>();
        answer.get("sets").fields().forEachRemaining(entry -> {
            payloads.add(verified(entry.getValue().asText(), r));
            ack.add(entry.getKey());
        });
        if (!ack.isEmpty()) {
            expect(Http.postJson(r.pollUrl(), receiverToken(r), Map.of("ack", ack, "returnImmediately", true)), 200);
        }
        return payloads;
    }

    /** The SET's payload, once its type, signature (the realm's JWKS), issuer and audience are the receiver's. */
    private static JsonNode verified(String compact, Receiver r) {
        try {
            SignedJWT set = SignedJWT.parse(compact);
            assertEquals(new JOSEObjectType("secevent+jwt"), set.getHeader().getType());
            JWKSet keys = JWKSet.load(new URL(kc.base() + "/realms/" + r.realm() + "/protocol/openid-connect/certs"));
            RSAKey key = (RSAKey) keys.getKeyByKeyId(set.getHeader().getKeyID());
            assertNotNull(key, "signed with a key of the realm's JWKS");
            assertTrue(set.verify(new RSASSAVerifier(key)), "signature");
            JsonNode payload = Http.JSON.readTree(set.getPayload().toString());
            assertEquals(kc.base() + "/realms/" + r.realm(), payload.get("iss").asText());
            assertTrue(payload.get("aud").toString().contains(r.audience()), payload.toString());
            SECRETS.assertNoneIn(compact + payload);
            return payload;
        } catch (java.text.ParseException | IOException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The receiver inside this test that the transmitter pushes to (RFC 8935): it takes every POST, answers
     * {@code 202 Accepted}, and keeps what came for the test to verify.
     */
    static final class PushEndpoint implements AutoCloseable {

        record Pushed(String method, String authorization, String contentType, String body) {
        }

        private final HttpServer http;
        private final String authorization = "Bearer push-" + UUID.randomUUID();
        private final LinkedBlockingQueue<Pushed> received = new LinkedBlockingQueue<>();

        PushEndpoint() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/ssf/push", exchange -> {
                try (exchange) {
                    received.add(new Pushed(exchange.getRequestMethod(),
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                    exchange.sendResponseHeaders(202, -1);
                }
            });
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/ssf/push";
        }

        String authorization() {
            return authorization;
        }

        /** What was pushed since the last call, each push as RFC 8935 has it and each SET verified. */
        List<JsonNode> take(Receiver r) {
            List<Pushed> pushes = new ArrayList<>();
            received.drainTo(pushes);
            List<JsonNode> sets = new ArrayList<>();
            for (Pushed push : pushes) {
                assertEquals("POST", push.method());
                assertEquals(authorization, push.authorization(), "the stream's authorization_header, as given");
                assertNotNull(push.contentType());
                assertTrue(push.contentType().startsWith("application/secevent+jwt"), push.contentType());
                sets.add(verified(push.body().trim(), r));
            }
            return sets;
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    /**
     * The SETs pushed from now on until {@code enough} holds of them (at most 30 s; the outbox is drained every
     * second), and whatever else arrives in the 3 s after: so that a SET pushed twice would be seen.
     */
    private static List<JsonNode> pushedUntil(Predicate<List<JsonNode>> enough) throws InterruptedException {
        List<JsonNode> sets = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!enough.test(sets) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            sets.addAll(pushEndpoint.take(pushReceiver));
        }
        Thread.sleep(3000);
        sets.addAll(pushEndpoint.take(pushReceiver));
        return sets;
    }

    /** What is pushed in the next {@code millis} (the outbox is drained every second). */
    private static List<JsonNode> pushedDuring(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return pushEndpoint.take(pushReceiver);
    }

    /** The credential-change and compromise SETs among these (not the transmitter's own stream verification). */
    private static List<JsonNode> signals(List<JsonNode> sets) {
        return sets.stream().filter(set -> set.get("events").has(CHANGE) || set.get("events").has(COMPROMISE)).toList();
    }

    /** The user a SET is about: its subject ({@code iss_sub}, the receivers' default format) names the user's id. */
    private static void assertNamesUser(JsonNode set, String userId) {
        JsonNode subject = set.has("sub_id") ? set.get("sub_id") : set.get("events").elements().next().path("subject");
        assertEquals(userId, subject.path("sub").asText(), set.toString());
        assertEquals(kc.base() + "/realms/" + realm().name(), subject.path("iss").asText(), set.toString());
    }

    /** The credential-change (or compromise) events of the SETs about this token. */
    private static List<JsonNode> about(List<JsonNode> sets, String type, String tokenId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode set : sets) {
            JsonNode event = set.get("events").get(type);
            if (event != null && tokenId.equals(event.path("kc_credential_id").asText())) {
                found.add(event);
            }
        }
        return found;
    }

    private static ThrowawayRealm realm() {
        return REALMS[0];
    }

    private static JsonNode create(String username) {
        JsonNode created = expect(realm().create(realm().bearer(username), "signals " + System.nanoTime(),
                System.currentTimeMillis() / 1000 + 3600), 201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static JsonNode only(List<JsonNode> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    /**
     * What the receiver got since the last poll, from any source: exactly one SET, a credential-change naming this
     * token. Keycloak's own listener would add a second one for the same change without the token's id.
     */
    private static JsonNode theOneSetAbout(String tokenId) throws Exception {
        List<JsonNode> sets = pollAtLeast(receiver, 1);
        assertEquals(1, sets.size(), "one signal per change: " + sets);
        return only(about(sets, CHANGE, tokenId));
    }

    @Test
    void eachStartAndEndReachesTheRealmsReceiverOnceAndNoOtherRealms() throws Exception {
        String userId = realm().user("sig");
        poll(receiver);

        String created = create("sig").get("id").asText();
        JsonNode start = theOneSetAbout(created);
        assertEquals("create", start.get("change_type").asText());
        assertEquals("user", start.get("initiating_entity").asText());
        assertEquals("personal-access-token", start.get("credential_type").asText());

        expect(Http.postEmpty(kc.patApi(realm().name()) + "/" + created + "/regenerate", realm().bearer("sig")), 200);
        JsonNode replaced = theOneSetAbout(created);
        assertEquals("update", replaced.get("change_type").asText());

        expect(Http.delete(kc.patApi(realm().name()) + "/" + created, realm().bearer("sig")), 204);
        JsonNode deleted = theOneSetAbout(created);
        assertEquals("delete", deleted.get("change_type").asText());
        assertEquals("user", deleted.get("initiating_entity").asText());

        String revoked = create("sig").get("id").asText();
        poll(receiver);
        expect(kc.adminDelete(realm().name() + "/personal-access-tokens/" + revoked), 204);
        JsonNode byAdmin = theOneSetAbout(revoked);
        assertEquals("revoke", byAdmin.get("change_type").asText());
        assertEquals("admin", byAdmin.get("initiating_entity").asText());

        assertTrue(poll(otherReceiver).isEmpty(), "another realm's receiver hears nothing of this realm's tokens");

        // Keycloak's own listener still speaks for everything else: the same user's password set by an admin.
        expect(kc.adminPut(realm().name() + "/users/" + userId + "/reset-password",
                Map.of("type", "password", "value", "sig-password-2", "temporary", false)), 204);
        List<JsonNode> sets = poll(receiver);
        assertEquals(1, sets.size(), sets.toString());
        JsonNode password = sets.get(0).get("events").get(CHANGE);
        assertNotNull(password, sets.toString());
        assertEquals("password", password.get("credential_type").asText(), password.toString());
    }

    @Test
    void anAdminRevokingAUsersTokensOrTheRealmsSendsOneSetPerToken() throws Exception {
        String many = realm().user("bulk1");
        realm().user("bulk2");
        Set<String> ofMany = Set.of(create("bulk1").get("id").asText(), create("bulk1").get("id").asText());
        String ofOther = create("bulk2").get("id").asText();
        poll(receiver);

        assertEquals(2, expect(kc.adminDelete(realm().name() + "/personal-access-tokens/users/" + many), 200)
                .json().get("revoked").asInt());
        assertEquals(ofMany, revokedByAdmin(poll(receiver)));

        expect(kc.adminDelete(realm().name() + "/personal-access-tokens?all=true"), 200);
        // the realm's other tests' tokens go too; those two were revoked already
        Set<String> all = new HashSet<>(revokedByAdmin(poll(receiver)));
        for (int i = 0; i < 40 && !all.contains(ofOther); i++) {
            Thread.sleep(250);
            all.addAll(revokedByAdmin(poll(receiver)));
        }
        assertTrue(all.contains(ofOther) && Collections.disjoint(all, ofMany), all.toString());
    }

    /** The tokens these SETs name, each SET a revocation by an admin and no token named twice. */
    private static Set<String> revokedByAdmin(List<JsonNode> sets) {
        Set<String> tokens = new HashSet<>();
        for (JsonNode set : sets) {
            JsonNode event = set.get("events").get(CHANGE);
            assertNotNull(event, set.toString());
            assertEquals("revoke", event.get("change_type").asText(), event.toString());
            assertEquals("admin", event.get("initiating_entity").asText(), event.toString());
            assertTrue(tokens.add(event.get("kc_credential_id").asText()), "named once: " + sets);
        }
        return tokens;
    }

    /** The setup health check's finding on signals for this realm. */
    private static JsonNode signalsFinding(String realmName) {
        for (JsonNode finding : expect(kc.adminGet(realmName + "/personal-access-tokens/setup"), 200).json().get("findings")) {
            if (finding.get("code").asText().startsWith("SIGNALS_")) {
                return finding;
            }
        }
        throw new AssertionError("no SIGNALS_ finding for " + realmName);
    }

    @Test
    void theSetupCheckSaysWhetherTheRealmsSignalsReachAnyone() {
        JsonNode on = signalsFinding(realm().name());
        assertEquals("SIGNALS_ON", on.get("code").asText());
        assertEquals("info", on.get("level").asText());
        assertTrue(on.get("message").asText().contains(receiver.clientId()), on.toString());

        ThrowawayRealm nobody = new ThrowawayRealm(kc, "ssfnone", Map.of("attributes", Map.of("ssf.transmitterEnabled", "true")));
        try {
            JsonNode noReceiver = signalsFinding(nobody.name());
            assertEquals("SIGNALS_NO_RECEIVER", noReceiver.get("code").asText());
            assertEquals("warning", noReceiver.get("level").asText());

            expect(kc.adminPut(nobody.name(), Map.of("attributes", Map.of("ssf.transmitterEnabled", "false"))), 204);
            JsonNode optedOut = signalsFinding(nobody.name());
            assertEquals("SIGNALS_OFF", optedOut.get("code").asText());
            assertEquals("info", optedOut.get("level").asText());
            assertTrue(optedOut.get("fix").asText().contains("ssf.transmitterEnabled=true"), optedOut.toString());
        } finally {
            nobody.delete();
        }
    }

    @Test
    void aSecretReportedExposedIsARevocationAndACompromise() throws Exception {
        realm().user("leak");
        JsonNode created = create("leak");
        String id = created.get("id").asText();
        poll(receiver);
        assertEquals(202, kc.reportExposed(realm().name(), List.of(created.get("token").asText())).status());
        List<JsonNode> sets = new ArrayList<>();
        for (int i = 0; i < 40 && (about(sets, CHANGE, id).isEmpty() || about(sets, COMPROMISE, id).isEmpty()); i++) {
            Thread.sleep(250);
            sets.addAll(poll(receiver));
        }
        JsonNode revoked = only(about(sets, CHANGE, id));
        assertEquals("revoke", revoked.get("change_type").asText());
        assertEquals("system", revoked.get("initiating_entity").asText());
        only(about(sets, COMPROMISE, id));
    }

    /** Polls until the receiver has the credential-changes naming this token that {@code enough} asks for (20 s at most). */
    private static List<JsonNode> awaitChanges(List<JsonNode> sets, String tokenId,
            java.util.function.Predicate<List<JsonNode>> enough) throws Exception {
        for (int i = 0; i < 80 && !enough.test(about(sets, CHANGE, tokenId)); i++) {
            Thread.sleep(250);
            sets.addAll(poll(receiver));
        }
        return about(sets, CHANGE, tokenId);
    }

    /** Each event as change type / initiating entity, sorted. */
    private static List<String> kinds(List<JsonNode> events) {
        return events.stream().map(e -> e.get("change_type").asText() + "/" + e.get("initiating_entity").asText())
                .sorted().toList();
    }

    private static void assertSignal(JsonNode event, String changeType, String initiatingEntity) {
        assertEquals(changeType, event.get("change_type").asText(), event.toString());
        assertEquals(initiatingEntity, event.get("initiating_entity").asText(), event.toString());
    }

    @Test
    void anOwnerDeletedOrDisabledEndsEachOfTheirTokensOnceEach() throws Exception {
        String gone = realm().user("gone");
        String goneToken = create("gone").get("id").asText();
        String off = realm().user("off");
        String offToken = create("off").get("id").asText();
        poll(receiver);

        expect(kc.adminDelete(realm().name() + "/users/" + gone), 204);
        assertSignal(theOneSetAbout(goneToken), "delete", "admin");

        expect(kc.adminPut(realm().name() + "/users/" + off, Map.of("enabled", false)), 204);
        assertSignal(theOneSetAbout(offToken), "revoke", "admin");
        // another update of the disabled user is no new end
        expect(kc.adminPut(realm().name() + "/users/" + off, Map.of("firstName", "Still", "enabled", false)), 204);
        assertTrue(about(poll(receiver), CHANGE, offToken).isEmpty(), "one signal per disabling");
        // enabled, the token works again (nothing to drop); disabled again, it ends again
        expect(kc.adminPut(realm().name() + "/users/" + off, Map.of("enabled", true)), 204);
        assertTrue(about(poll(receiver), CHANGE, offToken).isEmpty());
        expect(kc.adminPut(realm().name() + "/users/" + off, Map.of("enabled", false)), 204);
        assertSignal(theOneSetAbout(offToken), "revoke", "admin");
    }

    @Test
    void aTokenReachingItsExpiryAndASecretReachingTheEndOfItsOverlapAreSignalledWhenTheyCome() throws Exception {
        realm().user("time");
        long now = System.currentTimeMillis() / 1000;
        JsonNode shortLived = expect(realm().create(realm().bearer("time"), "expiring " + System.nanoTime(), now + 3), 201).json();
        SECRETS.remember(shortLived.get("token").asText());
        String expiring = shortLived.get("id").asText();
        String overlapping = create("time").get("id").asText();
        expect(Http.postJson(kc.patApi(realm().name()) + "/" + overlapping + "/regenerate", realm().bearer("time"),
                Map.of("overlapSeconds", 3)), 200);

        // every SET polled, whichever token it names
        List<JsonNode> sets = new ArrayList<>();
        List<JsonNode> expired = awaitChanges(sets, expiring, found -> found.size() >= 2);
        // a poll answers SETs by id, in no order
        assertEquals(List.of("create/user", "revoke/system"), kinds(expired), "created, then expired: " + expired);

        List<JsonNode> replaced = awaitChanges(sets, overlapping, found -> found.size() >= 3);
        assertEquals(List.of("create/user", "update/system", "update/user"), kinds(replaced),
                "created, replaced, its previous secret's end: " + replaced);
        Thread.sleep(2500);
        assertTrue(about(poll(receiver), CHANGE, expiring).isEmpty(), "an end is signalled once");
    }

    @Test
    void aPolicyThatEndsTokensOrSecretsAtOnceSignalsEachAsEndedByThePolicy() throws Exception {
        String policy = realm().name() + "/personal-access-tokens/policy";
        JsonNode before = expect(kc.adminGet(policy), 200).json();
        try {
            expect(kc.adminPut(policy, Map.of("expiryRequired", false, "maxLifetimeDays", 0)), 200);
            realm().user("cut");
            JsonNode forever = expect(realm().create(realm().bearer("cut"), "forever " + System.nanoTime(), null), 201).json();
            SECRETS.remember(forever.get("token").asText());
            String foreverId = forever.get("id").asText();
            String overlapping = create("cut").get("id").asText();
            expect(Http.postJson(kc.patApi(realm().name()) + "/" + overlapping + "/regenerate", realm().bearer("cut"),
                    Map.of("overlapSeconds", 600)), 200);
            poll(receiver);

            expect(kc.adminPut(policy, Map.of("expiryRequired", true, "maxRotationOverlapSeconds", 0)), 200);
            List<JsonNode> sets = poll(receiver);
            assertSignal(only(about(sets, CHANGE, foreverId)), "revoke", "policy");
            assertSignal(only(about(sets, CHANGE, overlapping)), "revoke", "policy");
            assertEquals(2, sets.size(), sets.toString());
            assertEquals(false, realm().introspect(forever.get("token").asText()).get("active").asBoolean());
            Thread.sleep(2500);
            assertTrue(poll(receiver).isEmpty(), "the clock does not signal them again");
        } finally {
            expect(kc.adminPut(policy, Map.of("expiryRequired", before.get("expiryRequired").asBoolean(),
                    "maxLifetimeDays", before.get("maxLifetimeDays").asInt(),
                    "maxRotationOverlapSeconds", before.get("maxRotationOverlapSeconds").asInt())), 200);
        }
    }

    @Test
    void anAdminRevokingManyTokensIsAnsweredBeforeTheirSignalsAndEachStillGetsOne() throws Exception {
        // more than the 50 signals made inside the request's transaction: these are made after its commit
        Set<String> ids = new HashSet<>();
        for (String holder : List.of("many1", "many2", "many3")) {
            realm().user(holder);
            String bearer = realm().bearer(holder);
            for (int i = 0; i < 20; i++) {
                JsonNode created = expect(realm().create(bearer, "many " + i, System.currentTimeMillis() / 1000 + 3600), 201).json();
                SECRETS.remember(created.get("token").asText());
                ids.add(created.get("id").asText());
            }
        }
        poll(receiver);
        expect(kc.adminDelete(realm().name() + "/personal-access-tokens?all=true"), 200);
        Set<String> told = new HashSet<>();
        for (int i = 0; i < 80 && !told.containsAll(ids); i++) {
            // each SET a revocation by an admin, no token named twice, across polls too
            for (String id : revokedByAdmin(poll(receiver))) {
                assertTrue(told.add(id), "named once: " + id);
            }
            Thread.sleep(250);
        }
        assertTrue(told.containsAll(ids), "every token's end told: " + ids.size() + " revoked, " + told.size() + " told");
    }

    @Test
    void aPushReceiverGetsTheSameVerifiedSetsByRfc8935() throws Exception {
        String userId = realm().user("pushed");
        pushedDuring(3000); // the stream's verification, pushed after its creation, and anything before

        String created = create("pushed").get("id").asText();
        List<JsonNode> sets = pushedUntil(got -> !about(got, CHANGE, created).isEmpty());
        assertEquals(1, signals(sets).size(), "one signal per change: " + sets);
        JsonNode start = only(about(sets, CHANGE, created));
        assertEquals("create", start.get("change_type").asText());
        assertEquals("user", start.get("initiating_entity").asText());
        assertEquals("personal-access-token", start.get("credential_type").asText());
        assertNamesUser(signals(sets).get(0), userId);

        expect(kc.adminDelete(realm().name() + "/personal-access-tokens/" + created), 204);
        sets = pushedUntil(got -> !about(got, CHANGE, created).isEmpty());
        assertEquals(1, signals(sets).size(), sets.toString());
        JsonNode byAdmin = only(about(sets, CHANGE, created));
        assertEquals("revoke", byAdmin.get("change_type").asText());
        assertEquals("admin", byAdmin.get("initiating_entity").asText());
        assertNamesUser(signals(sets).get(0), userId);

        JsonNode leaked = create("pushed");
        String leakedId = leaked.get("id").asText();
        pushedUntil(got -> !about(got, CHANGE, leakedId).isEmpty());
        assertEquals(202, kc.reportExposed(realm().name(), List.of(leaked.get("token").asText())).status());
        sets = pushedUntil(got -> !about(got, CHANGE, leakedId).isEmpty() && !about(got, COMPROMISE, leakedId).isEmpty());
        assertEquals(2, signals(sets).size(), "a revocation and a compromise: " + sets);
        JsonNode revoked = only(about(sets, CHANGE, leakedId));
        assertEquals("revoke", revoked.get("change_type").asText());
        assertEquals("system", revoked.get("initiating_entity").asText());
        only(about(sets, COMPROMISE, leakedId));
        signals(sets).forEach(set -> assertNamesUser(set, userId));
    }

    @Test
    void aStreamGetsOnlyTheEventTypesItAskedFor() throws Exception {
        Receiver changesOnly = receiver(realm().name(), List.of(CHANGE));
        Receiver compromiseOnly = receiver(realm().name(), List.of(COMPROMISE));
        realm().user("picky");
        JsonNode created = create("picky");
        String id = created.get("id").asText();
        assertEquals(List.of("create"), changeTypes(about(poll(changesOnly), CHANGE, id)));
        assertTrue(signals(poll(compromiseOnly)).isEmpty(), "no credential-change for a stream that did not ask for it");

        assertEquals(202, kc.reportExposed(realm().name(), List.of(created.get("token").asText())).status());
        List<JsonNode> changes = new ArrayList<>();
        List<JsonNode> compromises = new ArrayList<>();
        for (int i = 0; i < 40 && (about(changes, CHANGE, id).isEmpty() || about(compromises, COMPROMISE, id).isEmpty()); i++) {
            Thread.sleep(250);
            changes.addAll(poll(changesOnly));
            compromises.addAll(poll(compromiseOnly));
        }
        changes.addAll(poll(changesOnly));
        compromises.addAll(poll(compromiseOnly));
        assertEquals(List.of("revoke"), changeTypes(about(changes, CHANGE, id)));
        assertTrue(about(changes, COMPROMISE, id).isEmpty(), "no compromise for a stream that asked for changes only: " + changes);
        assertEquals(1, signals(changes).size(), changes.toString());
        only(about(compromises, COMPROMISE, id));
        assertEquals(1, signals(compromises).size(), "the compromise alone: " + compromises);
    }

    private static List<String> changeTypes(List<JsonNode> events) {
        return events.stream().map(event -> event.get("change_type").asText()).toList();
    }

    @Test
    void aReceiverHearsOfAUserOnlyOnceTheUserIsItsSubject() throws Exception {
        // no ssf.defaultSubjects=ALL: this receiver hears of the users it (or an admin) subscribed, none yet
        Receiver subscriber = receiver(realm().name(), Map.of("ssf.defaultSubjects", "NONE"), Map.of("method", POLL),
                List.of(CHANGE, COMPROMISE));
        String userId = realm().user("subject");
        realm().user("bystander");
        poll(subscriber);
        poll(receiver);

        String id = create("subject").get("id").asText();
        assertEquals(1, about(poll(receiver), CHANGE, id).size(), "signalled: the realm's other receiver heard of it");
        assertTrue(signals(poll(subscriber)).isEmpty(), "nothing for a user that is not the receiver's subject");

        Http.Reply added = Http.postJson(kc.base() + "/realms/" + realm().name() + "/ssf/transmitter/subjects/add",
                receiverToken(subscriber), Map.of("stream_id", subscriber.streamId(), "subject", Map.of("format", "iss_sub",
                        "iss", kc.base() + "/realms/" + realm().name(), "sub", userId)));
        assertEquals(200, added.status(), added.body());

        expect(Http.postEmpty(kc.patApi(realm().name()) + "/" + id + "/regenerate", realm().bearer("subject")), 200);
        List<JsonNode> sets = poll(subscriber);
        assertEquals(1, signals(sets).size(), sets.toString());
        assertEquals("update", only(about(sets, CHANGE, id)).get("change_type").asText());
        assertNamesUser(signals(sets).get(0), userId);

        String other = create("bystander").get("id").asText();
        assertEquals(1, about(poll(receiver), CHANGE, other).size());
        assertTrue(signals(poll(subscriber)).isEmpty(), "still nothing for a user the receiver did not add");

        // the realm-wide revocation of another test counts the realm's tokens: leave none
        expect(Http.delete(kc.patApi(realm().name()) + "/" + id, realm().bearer("subject")), 204);
        expect(Http.delete(kc.patApi(realm().name()) + "/" + other, realm().bearer("bystander")), 204);
    }

    /**
     * A change recorded, then refused at its commit: the realm stores its users' PAT events, and the database is made
     * to refuse this user's {@code UPDATE_CREDENTIAL} row (a check constraint added for the test), which Keycloak
     * writes when the request's transaction commits, after the token was written and its change recorded (its signal
     * waiting for the commit). The request fails, the token is not kept, no SET is written, and neither receiver gets
     * anything; without the constraint the same request signals once.
     */
    @Test
    void aChangeThatRollsBackSendsNothing() throws Exception {
        String userId = realm().user("undone");
        String bearer = realm().bearer("undone");
        poll(receiver);
        pushedDuring(3000);
        String name = "rolled back " + System.nanoTime();
        server.database().update("ALTER TABLE EVENT_ENTITY ADD CONSTRAINT KCPAT_IT_REFUSE_EVENT CHECK"
                + " (USER_ID IS NULL OR USER_ID <> '" + userId + "' OR TYPE <> 'UPDATE_CREDENTIAL')");
        int logMark = server.log().length();
        Http.Reply refused;
        try {
            refused = realm().create(bearer, name, System.currentTimeMillis() / 1000 + 3600);
        } finally {
            server.database().update("ALTER TABLE EVENT_ENTITY DROP CONSTRAINT KCPAT_IT_REFUSE_EVENT");
        }
        // what the user sees: Keycloak answers a constraint violation at commit as a conflict
        assertEquals(409, refused.status(), refused.body());
        assertEquals("conflict", refused.json().get("error").asText(), refused.body());
        // the change was made and recorded (its signal waiting for the commit) before the commit failed: a change that
        // reached the signals, and no SET was written for it (the test server logs the transmitter's outbox at debug)
        String during = server.log().substring(logMark);
        assertTrue(during.contains("created for user " + userId), during);
        assertFalse(during.contains("Outbox enqueued."), during);
        assertFalse(refused.body().contains("kcpat_"), "no secret for a token that was not kept: " + refused.body());
        assertFalse(expect(Http.get(kc.patApi(realm().name()), bearer), 200).body().contains(name), "the token was not kept");
        assertTrue(signals(poll(receiver)).isEmpty(), "nothing polled for a change that rolled back");
        assertTrue(signals(pushedDuring(5000)).isEmpty(), "nothing pushed for a change that rolled back");

        JsonNode kept = expect(realm().create(bearer, name, System.currentTimeMillis() / 1000 + 3600), 201).json();
        SECRETS.remember(kept.get("token").asText());
        String keptId = kept.get("id").asText();
        List<JsonNode> polled = poll(receiver);
        assertEquals(1, signals(polled).size(), "the same request, kept, is signalled: " + polled);
        assertEquals("create", only(about(polled, CHANGE, keptId)).get("change_type").asText());
        List<JsonNode> pushed = pushedUntil(got -> !about(got, CHANGE, keptId).isEmpty());
        assertEquals(1, signals(pushed).size(), pushed.toString());
        only(about(pushed, CHANGE, keptId));
        expect(Http.delete(kc.patApi(realm().name()) + "/" + keptId, realm().bearer("undone")), 204);
    }

    /**
     * docs/resource-servers.md's receiver as the page prints it ({@link SignalsReceiverExample}) against this server, in
     * a realm of its own: a resource server introspects a PAT and a token exchanged from it through its cache; the
     * owner deletes the PAT; until the receiver polls, the cache still answers both (what any cache does until its
     * entries age out), after the poll neither, and asking Keycloak again says both ended. A SET of another stream
     * (another {@code aud}) and one signed with a key not the realm's are refused.
     */
    @Test
    void theDocsReceiverDropsTheCachedAnswersOfAPatAndItsExchangedTokensWhenThePatEnds() throws Exception {
        ThrowawayRealm own = new ThrowawayRealm(kc, "ssfdocs", Map.of("attributes", Map.of("ssf.transmitterEnabled", "true")));
        try {
            String realm = own.name();
            String issuer = kc.base() + "/realms/" + realm;
            // the resource server: in the audience of files.read, allowed to exchange
            expect(kc.adminPost(realm + "/clients", Realms.confidentialClient("rs-api", "rs-api-secret",
                    "attributes", Map.of("standard.token.exchange.enabled", "true"))), 201);
            expect(kc.adminPost(realm + "/client-scopes/" + kc.clientScopeId(realm, "files.read") + "/protocol-mappers/models",
                    Map.of("name", "rs-api audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                            "config", Map.of("included.client.audience", "rs-api", "access.token.claim", "true",
                                    "introspection.token.claim", "true"))), 201);
            Receiver signals = receiver(realm, "rs-signals");
            Receiver another = receiver(realm, "rs-another");
            assertNotEquals(signals.audience(), another.audience(), "each stream its own audience");

            IntrospectionCache cache = new IntrospectionCache(Duration.ofMinutes(5));
            CachingIntrospector introspector = new CachingIntrospector(issuer, "rs-api", "rs-api-secret", cache);
            SignalsReceiverExample receiver = new SignalsReceiverExample(issuer, signals.clientId(), "rs-secret",
                    signals.pollUrl(), signals.audience(), cache);
            assertEquals(0, receiver.poll(), "nothing cached, nothing to drop");

            own.user("owner");
            JsonNode created = expect(own.create(own.bearer("owner"), "cached", System.currentTimeMillis() / 1000 + 3600),
                    201).json();
            String pat = created.get("token").asText();
            SECRETS.remember(pat);
            String patId = created.get("id").asText();
            String exchanged = expect(Http.postForm(issuer + "/protocol/openid-connect/token", "rs-api", "rs-api-secret",
                    Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", pat,
                            "subject_token_type", "urn:ietf:params:oauth:token-type:access_token")), 200)
                    .json().get("access_token").asText();

            Map<String, Object> patAnswer = introspector.introspect(pat);
            Map<String, Object> exchangedAnswer = introspector.introspect(exchanged);
            for (Map<String, Object> answer : List.of(patAnswer, exchangedAnswer)) {
                assertEquals(Boolean.TRUE, answer.get("active"), answer.toString());
                assertEquals(patId, answer.get("pat_id"), "both name the PAT: " + answer);
            }
            assertSame(patAnswer, introspector.introspect(pat), "answered from the cache");
            assertSame(exchangedAnswer, introspector.introspect(exchanged), "answered from the cache");

            expect(Http.delete(kc.patApi(realm) + "/" + patId, own.bearer("owner")), 204);
            assertFalse(own.introspect(pat).get("active").asBoolean(), "Keycloak knows at once");
            assertSame(patAnswer, cache.get(pat), "the cache does not, until the receiver hears of it");
            assertSame(exchangedAnswer, cache.get(exchanged));

            int dropped = 0;
            for (int i = 0; i < 40 && dropped < 2; i++) {
                dropped += receiver.poll();
                if (dropped < 2) {
                    Thread.sleep(250);
                }
            }
            assertEquals(2, dropped, "the PAT's answer and the exchanged token's");
            assertNull(cache.get(pat));
            assertNull(cache.get(exchanged));
            assertEquals(Boolean.FALSE, introspector.introspect(pat).get("active"));
            assertEquals(Boolean.FALSE, introspector.introspect(exchanged).get("active"));

            // what the receiver refuses: another stream's SET (the delete of this PAT), and the same claims re-signed
            JsonNode others = expect(Http.postJson(another.pollUrl(), receiverToken(another),
                    Map.of("maxEvents", 100, "returnImmediately", true)), 200).json().get("sets");
            assertTrue(others.size() > 0, "the other stream has its own SETs of this PAT");
            String othersSet = others.elements().next().asText();
            BadJOSEException wrongAudience = assertThrows(BadJOSEException.class, () -> receiver.verify(othersSet));
            assertTrue(wrongAudience.getMessage().toLowerCase().contains("aud"), wrongAudience.getMessage());
            assertNotNull(new SignalsReceiverExample(issuer, another.clientId(), "rs-secret", another.pollUrl(),
                    another.audience(), new IntrospectionCache(Duration.ofMinutes(5))).verify(othersSet),
                    "the same SET verifies for its own stream");
            SignedJWT genuine = SignedJWT.parse(othersSet);
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(genuine.getHeader().getKeyID())
                    .type(new JOSEObjectType("secevent+jwt")).build(),
                    new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).audience(signals.audience()).build());
            forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate()));
            BadJOSEException wrongKey = assertThrows(BadJOSEException.class, () -> receiver.verify(forged.serialize()),
                    "this stream's claims, signed with a key not the realm's under the realm key's id");
            assertTrue(wrongKey.getMessage().toLowerCase().contains("signature"), wrongKey.getMessage());
        } finally {
            own.delete();
        }
    }

    static final String HOW_TO = "Tell resource servers when a token ends (Shared Signals)";
    static final String NEEDS_SSF = "needs Keycloak started with --features=ssf";

    /**
     * The admin guide's how-to, run as written against this server: its blocks need {@code --features=ssf}, so the docs
     * test marks them not run and this test runs them (the start command excepted, which is this class's restart), in
     * one bash after the README's Install section, which they build on, each printing what the page shows. It works in
     * a fresh realm of its own, removed afterwards.
     */
    @Test
    @Tag("docs")
    void theAdminGuidesSharedSignalsHowToRunsAsWritten() throws Exception {
        List<Example> section = MarkdownExamples.of(Path.of("docs/admin-guide.md")).stream()
                .filter(e -> e.section().equals(HOW_TO)).toList();
        List<Example> needSsf = section.stream().filter(e -> !e.runs() && e.notRunBecause().startsWith(NEEDS_SSF)).toList();
        assertEquals(section.size() - 1, needSsf.size(), "every block but the start command is run here: " + section);
        assertTrue(needSsf.size() >= 6, section.toString());
        List<Example> examples = new java.util.ArrayList<>(DocsExamplesIT.installSection());
        examples.addAll(needSsf);
        String realm = DocsExamplesIT.freshRealm(kc);
        try {
            DocsExamplesIT.run(examples, realm, kc, server, SECRETS);
        } finally {
            expect(kc.adminDelete(realm), 204);
        }
    }
}
