package io.github.kcpat.it;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PAT scope with Keycloak's organization membership mapper (a scope {@code RequestedScopes} leaves to Keycloak): its
 * claim follows the user's memberships at the next introspection, as for any access token, and only a PAT with the
 * scope names an organization.
 */
@KeycloakTest(realm = "orgs")
class OrganizationScopeIT {

    private static IssuedSecrets SECRETS;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static String name;
    private static String organizationId;
    private static String alice;

    @BeforeAll
    static void setUp() {
        name = realm.name();
        expect(kc.adminPut(name, Map.of("organizationsEnabled", true)), 204);
        String scope = organizationScopeId();
        expect(kc.adminPut(name + "/clients/" + kc.clientUuid(name, "personal-access-tokens") + "/optional-client-scopes/"
                + scope, Map.of()), 204);
        alice = realm.user("alice");
        Http.Reply created = expect(kc.adminPost(name + "/organizations", Map.of("name", "Acme", "alias", "acme",
                "domains", List.of(Map.of("name", "acme.example")))), 201);
        String location = created.header("Location");
        organizationId = location.substring(location.lastIndexOf('/') + 1);
    }

    /** The realm's {@code organization} client scope (Keycloak makes it with the realm), or one made like it. */
    private static String organizationScopeId() {
        for (JsonNode scope : kc.adminGet(name + "/client-scopes").json()) {
            if (scope.get("name").asText().equals("organization")) {
                return scope.get("id").asText();
            }
        }
        expect(kc.adminPost(name + "/client-scopes", Map.of("name", "organization", "protocol", "openid-connect",
                "protocolMappers", List.of(Map.of("name", "organization", "protocol", "openid-connect",
                        "protocolMapper", "oidc-organization-membership-mapper",
                        "config", Map.of("claim.name", "organization", "multivalued", "true",
                                "introspection.token.claim", "true", "access.token.claim", "true"))))), 201);
        return kc.clientScopeId(name, "organization");
    }

    private static String create(List<String> scopes) {
        JsonNode created = expect(Http.postJson(kc.patApi(name), realm.bearer("alice"),
                KeycloakApi.patBody("org " + System.nanoTime(), scopes, System.currentTimeMillis() / 1000 + 3600)), 201).json();
        String secret = created.get("token").asText();
        SECRETS.remember(secret);
        return secret;
    }

    private static JsonNode active(String secret) {
        JsonNode answer = realm.introspect(secret);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        return answer;
    }

    @Test
    void theOrganizationScopeCarriesTheUsersMembershipsAsTheyAreNow() {
        String withOrganization = create(List.of("files.read", "organization"));
        String without = create(List.of("files.read"));

        JsonNode before = active(withOrganization);
        assertTrue(Arrays.asList(before.get("scope").asText().split(" ")).contains("organization"), before.toString());
        assertFalse(before.toString().contains("acme"), "not a member yet: " + before);

        expect(kc.adminPost(name + "/organizations/" + organizationId + "/members", alice), 201);
        JsonNode member = active(withOrganization);
        assertTrue(member.has("organization") && member.get("organization").toString().contains("acme"), member.toString());
        JsonNode other = active(without);
        assertFalse(other.has("organization"), "a PAT without the scope names no organization: " + other);

        expect(kc.adminDelete(name + "/organizations/" + organizationId + "/members/" + alice), 204);
        JsonNode left = active(withOrganization);
        assertFalse(left.toString().contains("acme"), "left the organization: " + left);
    }
}
