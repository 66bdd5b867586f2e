package io.github.kcpat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.KeycloakApi;

/**
 * Makes the demo realm look like an enterprise's: {@code scopes} more client scopes, each with a protocol mapper (a
 * hard-coded claim), as default scopes of both the PAT client and {@code demo-cli}, and {@code roles} realm roles on
 * alice, in the PAT client's scope (its full scope is off; {@code demo-cli}'s is on), so both tokens carry them.
 */
final class EnterpriseRealm {

    private EnterpriseRealm() {
    }

    static void apply(KeycloakApi kc, int scopes, int roles) {
        String realm = KeycloakApi.DEMO;
        String patClient = kc.clientUuid(realm, "personal-access-tokens");
        String cli = kc.clientUuid(realm, "demo-cli");
        for (int i = 0; i < scopes; i++) {
            String name = "bench-scope-" + i;
            KeycloakApi.expect(kc.adminPost(realm + "/client-scopes", Map.of("name", name, "protocol", "openid-connect",
                    "protocolMappers", List.of(Map.of("name", "claim-" + i, "protocol", "openid-connect",
                            "protocolMapper", "oidc-hardcoded-claim-mapper", "config", Map.of("claim.name", "bench_" + i,
                                    "claim.value", "value " + i, "jsonType.label", "String", "access.token.claim", "true",
                                    "introspection.token.claim", "true"))))), 201);
        }
        for (JsonNode scope : kc.adminGet(realm + "/client-scopes").json()) {
            if (scope.get("name").asText().startsWith("bench-scope-")) {
                for (String client : List.of(patClient, cli)) {
                    KeycloakApi.expect(kc.adminPut(realm + "/clients/" + client + "/default-client-scopes/"
                            + scope.get("id").asText(), Map.of()), 204);
                }
            }
        }
        for (int i = 0; i < roles; i++) {
            KeycloakApi.expect(kc.adminPost(realm + "/roles", Map.of("name", "bench-role-" + i)), 201);
        }
        List<JsonNode> created = new ArrayList<>();
        for (JsonNode role : kc.adminGet(realm + "/roles?first=0&max=10000").json()) {
            if (role.get("name").asText().startsWith("bench-role-")) {
                created.add(role);
            }
        }
        if (created.size() != roles) {
            throw new IllegalStateException("Expected " + roles + " roles, found " + created.size());
        }
        KeycloakApi.expect(kc.adminPost(realm + "/users/" + kc.userId(realm, "alice") + "/role-mappings/realm", created), 204);
        KeycloakApi.expect(kc.adminPost(realm + "/clients/" + patClient + "/scope-mappings/realm", created), 204);
    }
}
