package io.github.kcpat.it;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Resource servers hear of a PAT's start and end through Keycloak's own SSF transmitter: the server restarted once
 * with {@code --features=ssf}, a realm opted in, a POLL receiver whose stream asks for credential-change and
 * credential-compromise. Each SET is verified against the realm's JWKS and must name the token, never its secret.
 */
@Tag("restarts")
@KeycloakTest
class SharedSignalsIT {

    static final String CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    static final String COMPROMISE = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";

    private static IssuedSecrets SECRETS;
    private static KeycloakApi kc;
    private static KeycloakServer server;
    /** This realm and another one, made after the restart (so not the extension's throwaway realm). */
    private static final ThrowawayRealm[] REALMS = new ThrowawayRealm[2];
    private static Receiver receiver;
    private static Receiver otherReceiver;

    record Receiver(String realm, String clientId, String pollUrl, String audience) {
    }

    @BeforeAll
    static void startWithTheTransmitter() {
        server = KeycloakServer.get();
        // the ends that come with time are looked for every second, not every 30
        server.restartWith(List.of("--features=ssf", "--spi-personal-access-token--jpa--signals-interval=1"), "");
        assumeTrue(Http.get(kc.base() + "/realms/master/.well-known/openid-configuration", null).status() == 200);
        REALMS[0] = new ThrowawayRealm(kc, "ssf", Map.of("attributes", Map.of("ssf.transmitterEnabled", "true")));
        REALMS[1] = new ThrowawayRealm(kc, "ssfother", Map.of("attributes", Map.of("ssf.transmitterEnabled", "true")));
        assumeTrue(Http.get(kc.base() + "/realms/" + REALMS[0].name() + "/.well-known/ssf-configuration", null).status() == 200,
                "this Keycloak has no SSF transmitter");
        receiver = receiver(REALMS[0].name());
        otherReceiver = receiver(REALMS[1].name());
    }

    @AfterAll
    static void restoreTheServer() {
        for (ThrowawayRealm made : REALMS) {
            if (made != null) {
                made.delete();
            }
        }
        server.restartWith(List.of(), "");
    }

    private static Receiver receiver(String realmName) {
        String clientId = "rs-" + System.nanoTime() % 100000;
        expect(kc.adminPost(realmName + "/clients", Realms.confidentialClient(clientId, "rs-secret",
                "serviceAccountsEnabled", true,
                "optionalClientScopes", List.of("ssf.read", "ssf.manage"),
                "attributes", Map.of("ssf.enabled", "true", "ssf.defaultSubjects", "ALL"))), 201);
        String token = Http.postForm(kc.base() + "/realms/" + realmName + "/protocol/openid-connect/token", clientId,
                "rs-secret", Map.of("grant_type", "client_credentials", "scope", "ssf.read ssf.manage")).json()
                .get("access_token").asText();
        JsonNode stream = expect(Http.postJson(kc.base() + "/realms/" + realmName + "/ssf/transmitter/streams", token,
                Map.of("delivery", Map.of("method", "urn:ietf:rfc:8936"), "events_requested", List.of(CHANGE, COMPROMISE))),
                201).json();
        JsonNode aud = stream.get("aud");
        return new Receiver(realmName, clientId, stream.get("delivery").get("endpoint_url").asText(),
                aud.isArray() ? aud.get(0).asText() : aud.asText());
    }

    private static String receiverToken(Receiver r) {
        return Http.postForm(kc.base() + "/realms/" + r.realm() + "/protocol/openid-connect/token", r.clientId(),
                "rs-secret", Map.of("grant_type", "client_credentials", "scope", "ssf.read ssf.manage")).json()
                .get("access_token").asText();
    }

    /** Every SET waiting for the receiver, acknowledged, each verified; their payloads. */
    private static List<JsonNode> poll(Receiver r) throws Exception {
        JsonNode answer = expect(Http.postJson(r.pollUrl(), receiverToken(r),
                Map.of("maxEvents", 100, "returnImmediately", true)), 200).json();
        JWKSet keys = JWKSet.load(new URL(kc.base() + "/realms/" + r.realm() + "/protocol/openid-connect/certs"));
        List<JsonNode> payloads = new ArrayList<>();
        List<String> ack = new ArrayList<>();
        answer.get("sets").fields().forEachRemaining(entry -> {
            try {
                SignedJWT set = SignedJWT.parse(entry.getValue().asText());
                assertEquals(new JOSEObjectType("secevent+jwt"), set.getHeader().getType());
                RSAKey key = (RSAKey) keys.getKeyByKeyId(set.getHeader().getKeyID());
                assertNotNull(key, "signed with a key of the realm's JWKS");
                assertTrue(set.verify(new RSASSAVerifier(key)), "signature");
                JsonNode payload = Http.JSON.readTree(set.getPayload().toString());
                assertEquals(kc.base() + "/realms/" + r.realm(), payload.get("iss").asText());
                assertTrue(payload.get("aud").toString().contains(r.audience()), payload.toString());
                SECRETS.assertNoneIn(payload.toString());
                payloads.add(payload);
                ack.add(entry.getKey());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        if (!ack.isEmpty()) {
            expect(Http.postJson(r.pollUrl(), receiverToken(r), Map.of("ack", ack, "returnImmediately", true)), 200);
        }
        return payloads;
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
        List<JsonNode> sets = poll(receiver);
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
        assertEquals(2, expired.size(), "created, then expired: " + expired);
        assertSignal(expired.get(0), "create", "user");
        assertSignal(expired.get(1), "revoke", "system");

        List<JsonNode> replaced = awaitChanges(sets, overlapping, found -> found.size() >= 3);
        assertEquals(3, replaced.size(), "created, replaced, its previous secret's end: " + replaced);
        assertSignal(replaced.get(1), "update", "user");
        assertSignal(replaced.get(2), "update", "system");
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
}
