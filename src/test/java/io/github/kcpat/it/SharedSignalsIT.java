package io.github.kcpat.it;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        server.restartWith(List.of("--features=ssf"), "");
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
        return receiver(realmName, "rs-" + System.nanoTime() % 100000);
    }

    private static Receiver receiver(String realmName, String clientId) {
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
        assertEquals(Set.of(ofOther), revokedByAdmin(poll(receiver)));
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
     * one bash, each printing what the page shows. It works in the demo realm, as the page does; what it set up there
     * (the receiver client, the ssf scopes, the realm's opt-in) is removed afterwards.
     */
    @Test
    @Tag("docs")
    void theAdminGuidesSharedSignalsHowToRunsAsWritten() throws Exception {
        List<Example> section = MarkdownExamples.of(Path.of("docs/admin-guide.md")).stream()
                .filter(e -> e.section().equals(HOW_TO)).toList();
        List<Example> needSsf = section.stream().filter(e -> !e.runs() && e.notRunBecause().startsWith(NEEDS_SSF)).toList();
        assertEquals(section.size() - 1, needSsf.size(), "every block but the start command is run here: " + section);
        assertTrue(needSsf.size() >= 6, section.toString());
        try {
            DocsExamplesIT.run(needSsf, KeycloakApi.DEMO, kc, server, SECRETS);
        } finally {
            JsonNode receivers = kc.adminGet(KeycloakApi.DEMO + "/clients?clientId=rs-signals").json();
            for (JsonNode client : receivers) {
                expect(kc.adminDelete(KeycloakApi.DEMO + "/clients/" + client.get("id").asText()), 204);
            }
            for (JsonNode scope : expect(kc.adminGet(KeycloakApi.DEMO + "/client-scopes"), 200).json()) {
                if (List.of("ssf.read", "ssf.manage").contains(scope.get("name").asText())) {
                    expect(kc.adminDelete(KeycloakApi.DEMO + "/client-scopes/" + scope.get("id").asText()), 204);
                }
            }
            JsonNode demo = expect(kc.adminGet(KeycloakApi.DEMO), 200).json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) demo.get("attributes")).remove("ssf.transmitterEnabled");
            expect(kc.adminPut(KeycloakApi.DEMO, demo), 204);
        }
    }
}
