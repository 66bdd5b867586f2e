package io.github.kcpat.it.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What the tests do to Keycloak over its standard HTTP APIs: tokens, introspection and admin calls. */
public final class KeycloakApi {

    public static final String DEMO = "demo";
    public static final String RESOURCE_SERVER = "demo-api";
    public static final String RESOURCE_SERVER_SECRET = "demo-api-secret";

    private final String base;

    public KeycloakApi(KeycloakServer server) {
        this.base = server.baseUrl();
    }

    public String base() {
        return base;
    }

    public String patApi(String realm) {
        return base + "/realms/" + realm + "/personal-access-tokens";
    }

    /** A user's access token from the password grant of a public client ({@code demo-cli} in the demo realm). */
    public String userToken(String realm, String clientId, String username, String password, String scope) {
        Map<String, String> form = scope == null
                ? Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password)
                : Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password, "scope", scope);
        Http.Reply reply = Http.postForm(base + "/realms/" + realm + "/protocol/openid-connect/token", null, null, form);
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("access_token").asText();
    }

    /** A demo user's token, or null while Keycloak cannot issue one (for example without its database). */
    public String demoTokenOrNull(String username) {
        Http.Reply reply = Http.postForm(base + "/realms/" + DEMO + "/protocol/openid-connect/token", null, null,
                Map.of("grant_type", "password", "client_id", "demo-cli", "username", username, "password", username));
        return reply.status() == 200 ? reply.json().get("access_token").asText() : null;
    }

    public String demoToken(String username) {
        return userToken(DEMO, "demo-cli", username, username, null);
    }

    /** RFC 7662 introspection by the demo resource server, exactly as a resource server does it. */
    public JsonNode introspect(String token) {
        return introspect(DEMO, RESOURCE_SERVER, RESOURCE_SERVER_SECRET, token, null);
    }

    public JsonNode introspect(String realm, String clientId, String secret, String token, String hint) {
        Map<String, String> form = hint == null ? Map.of("token", token) : Map.of("token", token, "token_type_hint", hint);
        Http.Reply reply = Http.postForm(base + "/realms/" + realm + "/protocol/openid-connect/token/introspect",
                clientId, secret, form);
        if (reply.status() != 200) {
            throw new AssertionError("Introspection failed: " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    /**
     * Reports values as exposed ({@code POST …/personal-access-tokens/revoke}), waiting out the per-address rate limit
     * that another test class may have used up (every test calls from the same address).
     */
    public Http.Reply reportExposed(String realm, List<String> values) {
        return postToRevoke(realm, Map.of("tokens", values));
    }

    /** Any body to {@code POST …/revoke}, waiting out the per-address rate limit like {@link #reportExposed}. */
    public Http.Reply postToRevoke(String realm, Object body) {
        for (int attempt = 0; ; attempt++) {
            Http.Reply reply = Http.postJson(patApi(realm) + "/revoke", null, body);
            if (reply.status() != 429 || attempt >= 3) {
                return reply;
            }
            try {
                Thread.sleep(1000 * (Long.parseLong(reply.header("Retry-After")) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    // --- admin REST API, as the master realm's admin ---

    public String adminToken() {
        return userToken("master", "admin-cli", "admin", "admin", null);
    }

    public String admin(String path) {
        return base + "/admin/realms/" + path;
    }

    public Http.Reply adminGet(String path) {
        return Http.get(admin(path), adminToken());
    }

    public Http.Reply adminPost(String path, Object body) {
        return Http.postJson(admin(path), adminToken(), body);
    }

    public Http.Reply adminPut(String path, Object body) {
        return Http.putJson(admin(path), adminToken(), body);
    }

    public Http.Reply adminDelete(String path) {
        return Http.delete(admin(path), adminToken());
    }

    /**
     * Creates a realm. The tests sign in through a password-grant client, so unless the representation says otherwise,
     * its clients {@code cli} and {@code personal-access-tokens} may create PATs besides the account console.
     */
    @SuppressWarnings("unchecked")
    public void createRealm(Object representation) {
        if (representation instanceof Map<?, ?> map) {
            Map<String, Object> realm = new java.util.HashMap<>((Map<String, Object>) map);
            Map<String, Object> attributes = new java.util.HashMap<>(
                    (Map<String, Object>) realm.getOrDefault("attributes", Map.of()));
            attributes.putIfAbsent("personalAccessTokens.creationClients", "account-console,cli,personal-access-tokens");
            realm.put("attributes", attributes);
            representation = realm;
        }
        Http.Reply reply = Http.postJson(base + "/admin/realms", adminToken(), representation);
        expect(reply, 201);
    }

    /** Creates an enabled user with a password and the realm's default roles; answers the user's id. */
    public String createUser(String realm, String username, String password) {
        Http.Reply reply = adminPost(realm + "/users", Realms.user(username, username, password));
        expect(reply, 201);
        String location = reply.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public void setUserEnabled(String realm, String userId, boolean enabled) {
        expect(adminPut(realm + "/users/" + userId, Map.of("enabled", enabled)), 204);
    }

    public void deleteUser(String realm, String userId) {
        expect(adminDelete(realm + "/users/" + userId), 204);
    }

    public String userId(String realm, String username) {
        JsonNode users = adminGet(realm + "/users?exact=true&username=" + username).json();
        return users.get(0).get("id").asText();
    }

    public String clientUuid(String realm, String clientId) {
        return adminGet(realm + "/clients?clientId=" + clientId).json().get(0).get("id").asText();
    }

    public String clientScopeId(String realm, String name) {
        for (JsonNode scope : adminGet(realm + "/client-scopes").json()) {
            if (scope.get("name").asText().equals(name)) {
                return scope.get("id").asText();
            }
        }
        throw new AssertionError("No client scope " + name);
    }

    /** The body that creates a PAT: its name, scopes and expiry ({@code null} for the policy's default). */
    public static Map<String, Object> patBody(String name, List<String> scopes, Long expiresAt) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        body.put("expiresAt", expiresAt);
        return body;
    }

    public static Http.Reply expect(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + reply.status() + ": " + reply.body());
        }
        return reply;
    }
}
