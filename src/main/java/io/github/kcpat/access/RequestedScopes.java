package io.github.kcpat.access;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.protocol.oidc.TokenManager;

/**
 * The client scopes of an access token of the PAT client for a scope parameter, as Keycloak's
 * {@code TokenManager.getRequestedClientScopes} answers them, for the common case only: the client's default scopes,
 * the client itself and the optional scopes named. Keycloak, since 26.6, first looks for an organization scope in the
 * parameter, through the client scopes of the client that sent the request (for an introspection, the resource
 * server's, every one of them read from the realm cache): about 4 % of a PAT introspection's CPU time in the profile,
 * which finds nothing unless a scope is an organization's. Where one could be, this answers null and the caller asks
 * Keycloak: a name with a {@code :} (an organization's alias), a name that is not an optional scope of the client, or
 * a scope with the organization membership mapper.
 */
public final class RequestedScopes {

    static final String ORGANIZATION_MAPPER = "oidc-organization-membership-mapper";

    private RequestedScopes() {
    }

    /** The scopes, or null when Keycloak must work them out. */
    public static Set<ClientScopeModel> of(ClientModel client, String scopeParameter) {
        Set<ClientScopeModel> scopes = new HashSet<>();
        for (ClientScopeModel scope : client.getClientScopes(true).values()) {
            if (isOrganizations(scope)) {
                return null;
            }
            scopes.add(scope);
        }
        scopes.add(client);
        if (scopeParameter == null) {
            return scopes;
        }
        Map<String, ClientScopeModel> optional = client.getClientScopes(false);
        for (Iterator<String> names = TokenManager.parseScopeParameter(scopeParameter).iterator(); names.hasNext(); ) {
            String name = names.next();
            if (name.isBlank()) {
                continue; // two spaces in a row: no scope, for Keycloak too
            }
            ClientScopeModel scope = name.indexOf(':') >= 0 ? null : optional.get(name);
            if (scope == null || isOrganizations(scope)) {
                return null;
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private static boolean isOrganizations(ClientScopeModel scope) {
        return scope.getProtocolMappersStream().anyMatch(mapper -> ORGANIZATION_MAPPER.equals(mapper.getProtocolMapper()));
    }
}
