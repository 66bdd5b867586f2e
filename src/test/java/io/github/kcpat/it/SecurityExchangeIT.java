package io.github.kcpat.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token exchange chains and who may use a PAT: only the audience introspects and exchanges, an exchange only narrows,
 * and whatever ends the PAT (revocation, regeneration, Keycloak's not-before pushes) ends what was exchanged from it.
 */
@KeycloakTest(realm = "security-exchange", from = "security.json")
class SecurityExchangeIT extends SecurityAttacks {

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

    /**
     * The last use names the client Keycloak authenticated for it: the resource server that introspected, the client
     * that exchanged, each from its own address; never a client or an address the request itself names.
     */
    @Test
    void theLastUseNamesTheAuthenticatedClientNotOneTheRequestNames() {
        String alice = login("alice");
        JsonNode introspected = created(create(alice, "last use introspected " + now(), List.of("api.read")));
        JsonNode exchangedPat = created(create(alice, "last use exchanged " + now(), List.of("api.read")));
        JsonNode forged = created(create(alice, "last use forged " + now(), List.of("api.read")));
        JsonNode forgedExchange = created(create(alice, "last use forged exchange " + now(), List.of("api.read")));

        assertTrue(introspect("outsider", "outsider-secret", introspected.get("token").asText()).get("active").asBoolean());
        JsonNode byOutsider = adminView(introspected);
        assertEquals("outsider", byOutsider.get("lastUsedBy").asText(), byOutsider.toString());
        assertEquals("introspection", byOutsider.get("lastUsedVia").asText());
        assertFalse(byOutsider.path("lastUsedIp").asText().isBlank(), "the resource server's address");
        JsonNode ownView = expect(Http.get(kc.patApi(realm) + "/" + introspected.get("id").asText(), alice), 200).json();
        assertEquals("outsider", ownView.get("lastUsedBy").asText(), "the owner sees which client used it");
        assertEquals("introspection", ownView.get("lastUsedVia").asText());
        assertFalse(ownView.has("lastUsedIp"), "the address (a resource server's, inside the network) is the admin's only");

        exchanged("rs", "rs-secret", exchangedPat.get("token").asText(), Map.of());
        JsonNode byRs = adminView(exchangedPat);
        assertEquals("rs", byRs.get("lastUsedBy").asText(), byRs.toString());
        assertEquals("exchange", byRs.get("lastUsedVia").asText());

        // rs authenticates; the body names outsider and a forwarded address Keycloak is not told to trust
        String introspectUrl = kc.base() + "/realms/" + realm + "/protocol/openid-connect/token/introspect";
        Http.Reply reply = Http.postForm(introspectUrl, "rs", "rs-secret",
                Map.of("token", forged.get("token").asText(), "client_id", "outsider"),
                Map.of("X-Forwarded-For", "203.0.113.9", "Forwarded", "for=203.0.113.9"));
        JsonNode afterForged = adminView(forged);
        if (reply.status() == 200 && reply.json().path("active").asBoolean()) {
            assertEquals("rs", afterForged.get("lastUsedBy").asText(), "the authenticated client, not the body's");
        } else {
            assertTrue(afterForged.get("lastUsedAt").isNull(), "a refused request records no use: " + reply.body());
        }
        assertFalse("outsider".equals(afterForged.path("lastUsedBy").asText()), afterForged.toString());
        assertFalse(afterForged.path("lastUsedIp").asText().contains("203.0.113.9"), "no address from a header: " + afterForged);

        Http.Reply exchange = exchange("rs", "rs-secret", forgedExchange.get("token").asText(), Map.of("client_id", "outsider"));
        JsonNode afterForgedExchange = adminView(forgedExchange);
        if (exchange.status() == 200) {
            assertEquals("rs", afterForgedExchange.get("lastUsedBy").asText(), "the authenticated client, not the body's");
        } else {
            assertTrue(afterForgedExchange.get("lastUsedAt").isNull(), "a refused exchange records no use: " + exchange.body());
        }
        assertFalse("outsider".equals(afterForgedExchange.path("lastUsedBy").asText()), afterForgedExchange.toString());
    }

    private static JsonNode created(Http.Reply reply) {
        assertEquals(201, reply.status(), reply.body());
        JsonNode created = reply.json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static JsonNode adminView(JsonNode created) {
        return expect(kc.adminGet(realm + "/personal-access-tokens/" + created.get("id").asText()), 200).json();
    }

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

    @Test
    void notBeforeOfTheRealmThePatClientOrTheUserStopsOlderPats() throws InterruptedException {
        String pat = pat(login("alice"), "before not-before " + now(), List.of("api.read"));
        String exchanged = exchanged("rs", "rs-secret", pat, Map.of());

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

        // an admin signs the user out ("not before" of the user, now): the PATs issued before end with the user's JWTs
        String user = kc.userId(realm, "mallory");
        String bobs = pat(login("mallory"), "before the user's not-before " + now(), List.of("api.read"));
        String bobsExchanged = exchanged("rs", "rs-secret", bobs, Map.of());
        Thread.sleep(1100); // a not-before in the second the PAT was issued would not be before it, for a JWT either
        expect(kc.adminPost(realm + "/users/" + user + "/logout", Map.of()), 204);
        assertFalse(introspect("rs", "rs-secret", bobs).get("active").asBoolean(), "the user's not-before ends the PAT");
        assertFalse(introspect("rs", "rs-secret", bobsExchanged).get("active").asBoolean());
        assertEquals(400, exchange("rs", "rs-secret", bobs, Map.of()).status());
        assertTrue(introspect("rs", "rs-secret", pat(login("mallory"), "after the user's not-before " + now(),
                List.of("api.read"))).get("active").asBoolean(), "a PAT created after it works");
    }

    private static void setRealmNotBefore(long notBefore) {
        JsonNode representation = kc.adminGet(realm).json();
        ((ObjectNode) representation).put("notBefore", notBefore);
        expect(kc.adminPut(realm, representation), 204);
    }
}
