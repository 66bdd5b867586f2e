package io.github.kcpat.it;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;

import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resource server cannot tell a PAT from an access token: claim parity, Keycloak's audience rule, and token exchange
 * for resource servers that only verify JWTs, checked with the client libraries resource servers use.
 */
@org.junit.jupiter.api.Tag("database-independent")
@KeycloakTest(realm = "parity", from = "parity.json")
class ResourceServerIT {

    private static IssuedSecrets SECRETS;
    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** What identifies a token rather than describes its bearer: allowed to differ between a PAT and a JWT. */
    private static final Set<String> IDENTITY = Set.of("jti", "iat", "exp", "nbf", "sid", "session_state", "auth_time", "pat_id");

    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm throwaway;
    private static String realm;
    private static String piaId;

    @BeforeAll
    static void start() {
        realm = throwaway.name();
        createParityRealm();
    }

    /**
     * A realm whose PAT client also allows the password grant (for the tests only), so that a JWT can be obtained for
     * the very same client, user and scopes as a PAT: with roles, groups, a user attribute, a hard-coded claim and an
     * audience, through the scope's mappers and role scope mappings.
     */
    private static void createParityRealm() {
        kc.adminPost(realm + "/groups", Map.of("name", "team-a"));
        expect(kc.adminPost(realm + "/clients", Realms.confidentialClient("rs", "rs-secret")), 201);
        expect(kc.adminPost(realm + "/clients", Realms.confidentialClient("other-rs", "other-secret")), 201);
        String rs = kc.clientUuid(realm, "rs");
        expect(kc.adminPost(realm + "/clients/" + rs + "/roles", Map.of("name", "rs-admin")), 201);

        expect(kc.adminPost(realm + "/client-scopes", Map.of("name", "orders.read", "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "true"),
                "protocolMappers", List.of(
                        mapper("rs audience", "oidc-audience-mapper", Map.of("included.client.audience", "rs")),
                        mapper("tier", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "tier", "claim.value", "gold",
                                "jsonType.label", "String")),
                        mapper("department", "oidc-usermodel-attribute-mapper", Map.of("user.attribute", "department",
                                "claim.name", "department", "jsonType.label", "String")),
                        mapper("groups", "oidc-group-membership-mapper", Map.of("claim.name", "groups",
                                "full.path", "false"))))), 201);
        expect(kc.adminPost(realm + "/client-scopes", Map.of("name", "orders.write", "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "true"))), 201);
        String read = kc.clientScopeId(realm, "orders.read");
        JsonNode reader = kc.adminGet(realm + "/roles/reader").json();
        JsonNode rsAdmin = kc.adminGet(realm + "/clients/" + rs + "/roles/rs-admin").json();
        expect(kc.adminPost(realm + "/client-scopes/" + read + "/scope-mappings/realm", List.of(reader)), 204);
        expect(kc.adminPost(realm + "/client-scopes/" + read + "/scope-mappings/clients/" + rs, List.of(rsAdmin)), 204);

        expect(kc.adminPost(realm + "/clients", Realms.confidentialClient("personal-access-tokens", "pat-client-secret",
                "directAccessGrantsEnabled", true, "fullScopeAllowed", false)), 201);
        String pat = kc.clientUuid(realm, "personal-access-tokens");
        for (String scope : List.of("profile", "email", "web-origins", "acr", "address", "phone", "offline_access",
                "microprofile-jwt", "organization")) {
            kc.adminDelete(realm + "/clients/" + pat + "/default-client-scopes/" + kc.clientScopeId(realm, scope));
            kc.adminDelete(realm + "/clients/" + pat + "/optional-client-scopes/" + kc.clientScopeId(realm, scope));
        }
        expect(kc.adminPut(realm + "/clients/" + pat + "/default-client-scopes/" + kc.clientScopeId(realm, "email"), Map.of()), 204);
        expect(kc.adminPut(realm + "/clients/" + pat + "/optional-client-scopes/" + read, Map.of()), 204);
        expect(kc.adminPut(realm + "/clients/" + pat + "/optional-client-scopes/" + kc.clientScopeId(realm, "orders.write"), Map.of()), 204);

        // a free-form user attribute needs the user profile to allow unmanaged attributes
        JsonNode profile = kc.adminGet(realm + "/users/profile").json();
        ((ObjectNode) profile).put("unmanagedAttributePolicy", "ENABLED");
        expect(kc.adminPut(realm + "/users/profile", profile), 200);
        piaId = kc.createUser(realm, "pia", "pia-password");
        expect(kc.adminPut(realm + "/users/" + piaId, Map.of("attributes", Map.of("department", List.of("ops")),
                "email", "pia@example.org", "firstName", "Pia", "lastName", "Tester")), 204);
        JsonNode auditor = kc.adminGet(realm + "/roles/auditor").json();
        expect(kc.adminPost(realm + "/users/" + piaId + "/role-mappings/realm", List.of(reader, auditor)), 204);
        expect(kc.adminPost(realm + "/users/" + piaId + "/role-mappings/clients/" + rs, List.of(rsAdmin)), 204);
        String group = kc.adminGet(realm + "/groups?search=team-a").json().get(0).get("id").asText();
        expect(kc.adminPut(realm + "/users/" + piaId + "/groups/" + group, Map.of()), 204);
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        all.put("access.token.claim", "true");
        all.put("introspection.token.claim", "true");
        all.put("id.token.claim", "false");
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", all);
    }

    private static JsonNode createPat(String name, List<String> scopes, Long expiresAt) {
        String bearer = kc.userToken(realm, "admin-cli", "pia", "pia-password", null);
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        body.put("expiresAt", expiresAt);
        JsonNode created = expect(Http.postJson(kc.patApi(realm), bearer, body), 201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static String jwt(String scope) {
        Http.Reply reply = Http.postForm(kc.base() + "/realms/" + realm + "/protocol/openid-connect/token",
                "personal-access-tokens", "pat-client-secret",
                Map.of("grant_type", "password", "username", "pia", "password", "pia-password", "scope", scope));
        return expect(reply, 200).json().get("access_token").asText();
    }

    private static JsonNode introspect(String token) {
        return kc.introspect(realm, "rs", "rs-secret", token, null);
    }

    private static Map<String, JsonNode> describing(JsonNode answer) {
        Map<String, JsonNode> claims = new TreeMap<>();
        answer.fields().forEachRemaining(e -> {
            if (!IDENTITY.contains(e.getKey())) {
                claims.put(e.getKey(), normalised(e.getValue()));
            }
        });
        return claims;
    }

    /** Arrays whose order carries no meaning (audiences, roles, groups) compared as sets. */
    private static JsonNode normalised(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(normalised(n).toString()));
            items.sort(String::compareTo);
            return Http.JSON.valueToTree(items);
        }
        if (node.isObject()) {
            ObjectNode copy = Http.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalised(e.getValue())));
            return copy;
        }
        return node;
    }

    @Test
    void aPatIntrospectsLikeAnAccessTokenOfTheSameUserAndScopes() {
        String pat = createPat("parity " + System.nanoTime(), List.of("orders.read"), System.currentTimeMillis() / 1000 + 86400).get("token").asText();
        JsonNode fromPat = introspect(pat);
        JsonNode fromJwt = introspect(jwt("orders.read"));
        assertTrue(fromPat.get("active").asBoolean(), fromPat.toString());
        assertTrue(fromJwt.get("active").asBoolean(), fromJwt.toString());

        assertEquals(describing(fromJwt), describing(fromPat), "field by field, but for the token's identity");
        // and the claims under comparison are the interesting ones
        assertEquals("gold", fromPat.get("tier").asText());
        assertEquals("ops", fromPat.get("department").asText());
        assertEquals("team-a", fromPat.get("groups").get(0).asText());
        assertEquals("pia@example.org", fromPat.get("email").asText());
        assertTrue(fromPat.get("realm_access").get("roles").toString().contains("reader"));
        assertFalse(fromPat.get("realm_access").get("roles").toString().contains("auditor"), "limited by scope mappings");
        assertTrue(fromPat.get("resource_access").get("rs").get("roles").toString().contains("rs-admin"));
        assertTrue(fromPat.get("aud").toString().contains("\"rs\""));
        assertEquals(sortedScope(fromJwt), sortedScope(fromPat));
        assertEquals("email orders.read", sortedScope(fromPat));
        assertFalse(fromPat.has("sid"), "a PAT has no session");
    }

    @Test
    void takingARoleOrAScopeAwayShowsInTheNextAnswer() {
        String pat = createPat("changes " + System.nanoTime(), List.of("orders.read", "orders.write"), System.currentTimeMillis() / 1000 + 86400).get("token").asText();
        JsonNode before = introspect(pat);
        assertTrue(before.get("realm_access").get("roles").toString().contains("reader"));

        JsonNode reader = kc.adminGet(realm + "/roles/reader").json();
        expect(Http.delete(kc.admin(realm + "/users/" + piaId + "/role-mappings/realm"), adminBearer(), List.of(reader)), 204);
        try {
            JsonNode withoutRole = introspect(pat);
            assertTrue(withoutRole.get("active").asBoolean());
            assertFalse(withoutRole.has("realm_access") && withoutRole.get("realm_access").toString().contains("reader"),
                    "the role taken from the user is gone at once: " + withoutRole);
        } finally {
            expect(kc.adminPost(realm + "/users/" + piaId + "/role-mappings/realm", List.of(reader)), 204);
        }

        String client = kc.clientUuid(realm, "personal-access-tokens");
        String write = kc.clientScopeId(realm, "orders.write");
        expect(kc.adminDelete(realm + "/clients/" + client + "/optional-client-scopes/" + write), 204);
        try {
            JsonNode withoutScope = introspect(pat);
            assertTrue(withoutScope.get("active").asBoolean());
            assertFalse(withoutScope.get("scope").asText().contains("orders.write"), withoutScope.toString());
            assertTrue(withoutScope.get("scope").asText().contains("orders.read"));
        } finally {
            expect(kc.adminPut(realm + "/clients/" + client + "/optional-client-scopes/" + write, Map.of()), 204);
        }
        assertTrue(introspect(pat).get("scope").asText().contains("orders.write"));
    }

    @Test
    void theIntrospectingClientMustBeInTheAudienceAsForJwts() {
        String pat = createPat("audience " + System.nanoTime(), List.of("orders.read"), System.currentTimeMillis() / 1000 + 86400).get("token").asText();
        String noAudience = createPat("no audience " + System.nanoTime(), List.of("orders.write"), System.currentTimeMillis() / 1000 + 86400).get("token").asText();
        String jwt = jwt("orders.read");

        // a PAT is held to the audience rule on every line; a JWT only where Keycloak has the rule (26.6.2, CVE-2026-37979)
        assertTrue(introspect(pat).get("active").asBoolean(), "rs is in the audience through orders.read");
        assertFalse(introspect(noAudience).get("active").asBoolean(), "orders.write names no audience");
        assertFalse(kc.introspect(realm, "other-rs", "other-secret", pat, null).get("active").asBoolean());
        assertEquals(!keycloakHasTheAudienceRule(), kc.introspect(realm, "other-rs", "other-secret", jwt, null)
                .get("active").asBoolean(), "a JWT: Keycloak's own rule, where it has one");

        String other = kc.clientUuid(realm, "other-rs");
        JsonNode representation = kc.adminGet(realm + "/clients/" + other).json();
        ((ObjectNode) representation.get("attributes")).put("allow.token.introspection.without.audience.check", "true");
        expect(kc.adminPut(realm + "/clients/" + other, representation), 204);
        assertTrue(kc.introspect(realm, "other-rs", "other-secret", pat, null).get("active").asBoolean());
        assertTrue(kc.introspect(realm, "other-rs", "other-secret", jwt, null).get("active").asBoolean());
    }

    /** Keycloak's own JWT introspection has the audience rule from 26.6.2 on (the test's knowledge, not the jar's). */
    private static boolean keycloakHasTheAudienceRule() {
        String[] parts = System.getProperty("keycloak.server.version", "").split("[.-]");
        int[] v = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            v[i] = parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
        }
        return v[0] > 26 || v[0] == 26 && (v[1] > 6 || v[1] == 6 && v[2] >= 2);
    }

    @Test
    void nimbusAndSpringSecurityAcceptAPatLikeAnyAccessToken() throws Exception {
        String alice = kc.demoToken("alice");
        JsonNode created = createDemoPat(alice, List.of("api.read"), System.currentTimeMillis() / 1000 + 3600);
        String pat = created.get("token").asText();
        URI endpoint = URI.create(kc.base() + "/realms/demo/protocol/openid-connect/token/introspect");

        // Nimbus OAuth 2.0 SDK
        TokenIntrospectionRequest request = new TokenIntrospectionRequest(endpoint,
                new ClientSecretBasic(new ClientID("demo-api"), new Secret("demo-api-secret")), new BearerAccessToken(pat));
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(request.toHTTPRequest().send());
        assertTrue(response.indicatesSuccess());
        TokenIntrospectionSuccessResponse success = response.toSuccessResponse();
        assertTrue(success.isActive());
        assertEquals(kc.userId(DEMO, "alice"), success.getSubject().getValue());
        assertEquals("alice", success.getUsername());
        assertTrue(success.getScope().contains("api.read"));
        assertTrue(success.getAudience().stream().anyMatch(a -> a.getValue().equals("demo-api")));
        assertEquals(created.get("expiresAt").asLong(), success.getExpirationTime().getTime() / 1000);

        // Spring Security's opaque-token introspector, as a Spring Boot resource server configures it
        OpaqueTokenIntrospector spring = SpringOpaqueTokenIntrospector.withIntrospectionUri(endpoint.toString())
                .clientId("demo-api").clientSecret("demo-api-secret").build();
        OAuth2AuthenticatedPrincipal principal = spring.introspect(pat);
        assertEquals(kc.userId(DEMO, "alice"), principal.getAttribute("sub"));
        assertTrue(principal.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList().contains("SCOPE_api.read"),
                principal.getAuthorities().toString());

        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
        TokenIntrospectionSuccessResponse gone = TokenIntrospectionResponse.parse(request.toHTTPRequest().send()).toSuccessResponse();
        assertFalse(gone.isActive());
        assertThrows(BadOpaqueTokenException.class, () -> spring.introspect(pat));
    }

    @Test
    void aPatIsExchangedForAShortLivedJwtThatVerifiesWithTheRealmsKeys() throws Exception {
        String alice = kc.demoToken("alice");
        long patExpiry = System.currentTimeMillis() / 1000 + 3600;
        JsonNode created = createDemoPat(alice, List.of("api.read", "api.write"), patExpiry);
        String pat = created.get("token").asText();

        JsonNode exchanged = expect(exchange("demo-api", "demo-api-secret", pat, "api.read"), 200).json();
        assertEquals(ACCESS_TOKEN_TYPE, exchanged.get("issued_token_type").asText());
        assertEquals("Bearer", exchanged.get("token_type").asText());
        assertFalse(exchanged.has("refresh_token"));
        assertTrue(exchanged.get("expires_in").asLong() <= 300, "no longer than the realm's access token lifespan");

        JWTClaimsSet claims = verify(exchanged.get("access_token").asText());
        assertEquals(kc.userId(DEMO, "alice"), claims.getSubject());
        assertTrue(claims.getAudience().contains("demo-api"));
        assertEquals("api.read", claims.getStringClaim("scope"), "at most the scopes asked for");
        assertEquals(created.get("id").asText(), claims.getStringClaim("pat_id"));
        long life = claims.getExpirationTime().getTime() / 1000 - claims.getIssueTime().getTime() / 1000;
        assertTrue(life <= 300, "lifetime " + life);
        assertTrue(kc.introspect(exchanged.get("access_token").asText()).get("active").asBoolean(),
                "and Keycloak itself takes it as an access token");

        // all of the PAT's scopes when none are asked for; never more
        assertEquals(Set.of("api.read", "api.write"), Set.of(verify(expect(exchange("demo-api", "demo-api-secret", pat, null), 200)
                .json().get("access_token").asText()).getStringClaim("scope").split(" ")));
        assertError(exchange("demo-api", "demo-api-secret", pat, "api.read admin"), 400, "invalid_scope");

        // never past the PAT's own expiry
        JsonNode shortPat = createDemoPat(alice, List.of("api.read"), System.currentTimeMillis() / 1000 + 60);
        JWTClaimsSet shortClaims = verify(expect(exchange("demo-api", "demo-api-secret", shortPat.get("token").asText(), null), 200)
                .json().get("access_token").asText());
        assertTrue(shortClaims.getExpirationTime().getTime() / 1000 <= shortPat.get("expiresAt").asLong());

        // only clients the realm allows
        assertNotEquals(200, exchange("demo-cli", null, pat, null).status());
        String rsUuid = kc.clientUuid(DEMO, "demo-api");
        JsonNode demoApi = kc.adminGet(DEMO + "/clients/" + rsUuid).json();
        ((ObjectNode) demoApi.get("attributes")).put("standard.token.exchange.enabled", "false");
        expect(kc.adminPut(DEMO + "/clients/" + rsUuid, demoApi), 204);
        try {
            assertError(exchange("demo-api", "demo-api-secret", pat, null), 400, "unauthorized_client");
        } finally {
            ((ObjectNode) demoApi.get("attributes")).put("standard.token.exchange.enabled", "true");
            expect(kc.adminPut(DEMO + "/clients/" + rsUuid, demoApi), 204);
        }

        // once the PAT is deleted, no more exchanges
        expect(Http.delete(kc.patApi(DEMO) + "/" + created.get("id").asText(), alice), 204);
        assertError(exchange("demo-api", "demo-api-secret", pat, null), 400, "invalid_request");
        expect(Http.delete(kc.patApi(DEMO) + "/" + shortPat.get("id").asText(), alice), 204);
    }

    private static JsonNode createDemoPat(String bearer, List<String> scopes, Long expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "resource server " + System.nanoTime());
        body.put("scopes", scopes);
        body.put("expiresAt", expiresAt);
        JsonNode created = expect(Http.postJson(kc.patApi(DEMO), bearer, body), 201).json();
        SECRETS.remember(created.get("token").asText());
        return created;
    }

    private static Http.Reply exchange(String clientId, String secret, String subjectToken, String scope) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN_TYPE));
        if (scope != null) {
            form.put("scope", scope);
        }
        if (secret == null) {
            form.put("client_id", clientId);
        }
        return Http.postForm(kc.base() + "/realms/demo/protocol/openid-connect/token", secret == null ? null : clientId,
                secret, form);
    }

    /** Verifies a JWT as a resource server does: signature against the realm's JWKS, issuer, expiry. */
    private static JWTClaimsSet verify(String jwt) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(new URL(kc.base() + "/realms/demo/protocol/openid-connect/certs")).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet claims = processor.process(jwt, null);
        assertEquals(kc.base() + "/realms/demo", claims.getIssuer());
        return claims;
    }

    private static String adminBearer() {
        return kc.userToken("master", "admin-cli", "admin", "admin", null);
    }

    private static String sortedScope(JsonNode answer) {
        return String.join(" ", java.util.Arrays.stream(answer.get("scope").asText().split(" ")).sorted().toList());
    }

    private static void assertError(Http.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(error, reply.json().get("error").asText(), reply.body());
    }
}
