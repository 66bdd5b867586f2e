package io.github.kcpat.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static io.github.kcpat.it.support.KeycloakApi.expect;

/**
 * A realm a test class makes for itself and removes afterwards: the {@code personal-access-tokens} client offering
 * {@code files.read}, a resource server {@code checker} that may introspect without an audience, a public client
 * {@code cli} for password logins, and user events stored for the PAT event types.
 */
public final class ThrowawayRealm {

    private final KeycloakApi kc;
    private final String name;

    public ThrowawayRealm(KeycloakApi kc, String prefix, Map<String, Object> extra) {
        this.kc = kc;
        this.name = prefix + System.currentTimeMillis() / 1000;
        Map<String, Object> realm = new HashMap<>(Map.of("realm", name, "enabled", true, "eventsEnabled", true, "adminEventsEnabled", true,
                "adminEventsDetailsEnabled", true,
                "enabledEventTypes", List.of("UPDATE_CREDENTIAL", "REMOVE_CREDENTIAL", "INTROSPECT_TOKEN"),
                "clients", List.of(
                        Map.of("clientId", "personal-access-tokens", "enabled", true, "publicClient", false,
                                "standardFlowEnabled", false),
                        Map.of("clientId", "checker", "enabled", true, "publicClient", false, "secret", "checker-secret",
                                "standardFlowEnabled", false,
                                "attributes", Map.of("allow.token.introspection.without.audience.check", "true")),
                        Map.of("clientId", "cli", "enabled", true, "publicClient", true, "directAccessGrantsEnabled", true,
                                "standardFlowEnabled", false))));
        realm.putAll(extra);
        kc.createRealm(realm);
        expect(kc.adminPost(name + "/client-scopes", Map.of("name", "files.read", "protocol", "openid-connect",
                "description", "Read your files")), 201);
        String client = kc.clientUuid(name, "personal-access-tokens");
        expect(kc.adminPut(name + "/clients/" + client + "/optional-client-scopes/" + kc.clientScopeId(name, "files.read"),
                Map.of()), 204);
    }

    public String name() {
        return name;
    }

    public String user(String username) {
        return kc.createUser(name, username, username + "-password");
    }

    public String bearer(String username) {
        return kc.userToken(name, "cli", username, username + "-password", null);
    }

    public Http.Reply create(String bearer, String tokenName, Long expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", tokenName);
        body.put("scopes", List.of("files.read"));
        body.put("expiresAt", expiresAt);
        return Http.postJson(kc.patApi(name), bearer, body);
    }

    public JsonNode introspect(String token) {
        return kc.introspect(name, "checker", "checker-secret", token, null);
    }

    public JsonNode events(String type, String userId) {
        return expect(kc.adminGet(name + "/events?type=" + type + "&user=" + userId + "&max=100"), 200).json();
    }

    public void delete() {
        expect(kc.adminDelete(name), 204);
    }
}
