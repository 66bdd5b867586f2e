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

    /** The standard realm ({@code realms/throwaway.json} and the scope {@code files.read}), with these properties added. */
    public ThrowawayRealm(KeycloakApi kc, String prefix, Map<String, Object> extra) {
        this(kc, prefix + System.currentTimeMillis() / 1000);
        Map<String, Object> realm = new HashMap<>(Realms.load("throwaway.json", name));
        realm.putAll(extra);
        kc.createRealm(realm);
        expect(kc.adminPost(name + "/client-scopes", Map.of("name", "files.read", "protocol", "openid-connect",
                "description", "Read your files")), 201);
        String client = kc.clientUuid(name, "personal-access-tokens");
        expect(kc.adminPut(name + "/clients/" + client + "/optional-client-scopes/" + kc.clientScopeId(name, "files.read"),
                Map.of()), 204);
    }

    private ThrowawayRealm(KeycloakApi kc, String name) {
        this.kc = kc;
        this.name = name;
    }

    /**
     * A realm made from {@code realms/<file>} alone ({@code {{realm}}} standing for its name), with these properties
     * added; the helpers below that name a client or scope of the standard realm only work if the file has them too.
     */
    public static ThrowawayRealm fromFile(KeycloakApi kc, String prefix, String file, Map<String, Object> extra) {
        ThrowawayRealm realm = new ThrowawayRealm(kc, prefix + System.currentTimeMillis() / 1000);
        Map<String, Object> representation = new HashMap<>(Realms.load(file, realm.name));
        representation.putAll(extra);
        kc.createRealm(representation);
        return realm;
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
        return Http.postJson(kc.patApi(name), bearer, KeycloakApi.patBody(tokenName, List.of("files.read"), expiresAt));
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
