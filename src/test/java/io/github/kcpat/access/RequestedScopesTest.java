package io.github.kcpat.access;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ProtocolMapperModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The common case worked out as Keycloak does; everything that could involve an organization left to Keycloak. */
class RequestedScopesTest {

    private static ClientScopeModel scope(String name, String... mappers) {
        return (ClientScopeModel) Proxy.newProxyInstance(ClientScopeModel.class.getClassLoader(),
                new Class<?>[]{ClientScopeModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getProtocolMappersStream" -> Stream.of(mappers).map(type -> {
                        ProtocolMapperModel mapper = new ProtocolMapperModel();
                        mapper.setProtocolMapper(type);
                        return mapper;
                    });
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClientModel client(Map<String, ClientScopeModel> defaults, Map<String, ClientScopeModel> optional) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[]{ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getClientScopes" -> (Boolean) args[0] ? defaults : optional;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "client";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private final ClientScopeModel basic = scope("basic", "oidc-sub-mapper");
    private final ClientScopeModel roles = scope("roles", "oidc-usermodel-realm-role-mapper");
    private final ClientScopeModel read = scope("api.read", "oidc-audience-mapper");
    private final ClientScopeModel write = scope("api.write");

    @Test
    void theDefaultScopesTheClientAndTheNamedOptionalOnes() {
        ClientModel client = client(Map.of("basic", basic, "roles", roles), Map.of("api.read", read, "api.write", write));
        assertEquals(Set.of(basic, roles, client, read), RequestedScopes.of(client, "api.read"));
        assertEquals(Set.of(basic, roles, client, read, write), RequestedScopes.of(client, "api.read  api.write api.read"));
        assertEquals(Set.of(basic, roles, client), RequestedScopes.of(client, null));
        assertEquals(Set.of(basic, roles, client), RequestedScopes.of(client, ""));
    }

    @Test
    void leavesToKeycloakWhatCouldBeAnOrganizations() {
        ClientScopeModel organization = scope("organization", RequestedScopes.ORGANIZATION_MAPPER);
        ClientModel client = client(Map.of("basic", basic), Map.of("api.read", read, "organization", organization));
        assertNull(RequestedScopes.of(client, "api.read organization"), "an optional scope with the membership mapper");
        assertNull(RequestedScopes.of(client, "organization:acme"), "an organization's alias");
        assertNull(RequestedScopes.of(client, "api.read gone"), "a name the client does not offer");
        ClientModel orgByDefault = client(Map.of("basic", basic, "organization", organization), Map.of("api.read", read));
        assertNull(RequestedScopes.of(orgByDefault, "api.read"), "a default scope with the membership mapper");
    }
}
