package io.github.kcpat.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.kcpat.scope.PatClient;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Turns PATs on in a realm in one step, safe by default: creates the {@code personal-access-tokens} client, or brings
 * an existing one to the safe settings, and answers every change it made, so nothing an admin chose is changed
 * silently. What it never does: remove the admin's own scopes or mappers, or touch other clients.
 */
public final class PatSetup {

    /** A client role that keeps the PAT client's role list non-empty, hence in Keycloak's cache. */
    public static final String ROLE_CACHE_ANCHOR = "role-cache-anchor";

    private PatSetup() {
    }

    /** @return the changes made, each a plain sentence; empty when the realm was already set up */
    public static List<String> apply(RealmModel realm, boolean accountTheme) {
        List<String> changes = new ArrayList<>();
        ClientModel client = realm.getClientByClientId(PatClient.CLIENT_ID);
        if (client == null) {
            client = realm.addClient(PatClient.CLIENT_ID);
            client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            client.setName("Personal access tokens");
            client.setDescription("Holds the scopes users may choose for personal access tokens");
            changes.add("Created the client '" + PatClient.CLIENT_ID + "'.");
            // the realm's harmless default scopes (subject, roles): without 'roles' a token would carry no role
            ClientModel created = client;
            realm.getClientScopesStream()
                    .filter(scope -> BuiltInScopes.HARMLESS_DEFAULTS.contains(scope.getName()))
                    .filter(scope -> !created.getClientScopes(true).containsKey(scope.getName()))
                    .forEach(scope -> created.addClientScope(scope, true));
        }
        if (!client.isEnabled()) {
            client.setEnabled(true);
            changes.add("Enabled the client.");
        }
        if (client.isFullScopeAllowed()) {
            client.setFullScopeAllowed(false);
            changes.add("Turned 'Full scope allowed' off: a token carries only the roles its scopes map.");
        }
        if (client.isPublicClient()) {
            client.setPublicClient(false);
            changes.add("Made the client confidential.");
        }
        if (client.isStandardFlowEnabled()) {
            client.setStandardFlowEnabled(false);
            changes.add("Turned the standard flow off: nobody signs in through this client.");
        }
        if (client.isImplicitFlowEnabled()) {
            client.setImplicitFlowEnabled(false);
            changes.add("Turned the implicit flow off.");
        }
        if (client.isDirectAccessGrantsEnabled()) {
            client.setDirectAccessGrantsEnabled(false);
            changes.add("Turned direct access grants off.");
        }
        if (client.isServiceAccountsEnabled()) {
            client.setServiceAccountsEnabled(false);
            changes.add("Turned service accounts off (bot tokens are made for other clients' service accounts).");
        }
        if ("true".equals(client.getAttribute("oauth2.device.authorization.grant.enabled"))) {
            client.setAttribute("oauth2.device.authorization.grant.enabled", "false");
            changes.add("Turned the device authorization grant off.");
        }
        if (client.getRolesStream().findAny().isEmpty()) {
            client.addRole(ROLE_CACHE_ANCHOR).setDescription("Assigned to nobody, grants nothing. Keycloak caches a"
                    + " client's list of roles only when it is not empty: with this role, PAT introspection finds the"
                    + " client's roles in the cache instead of asking the database on every request.");
            changes.add("Added the client role '" + ROLE_CACHE_ANCHOR + "' (assigned to nobody) so that Keycloak caches"
                    + " the client's roles and introspection needs no database query for them.");
        }
        for (boolean defaultScope : new boolean[] {true, false}) {
            for (Map.Entry<String, ClientScopeModel> scope : client.getClientScopes(defaultScope).entrySet()) {
                if (BuiltInScopes.UNWANTED.contains(scope.getKey()) || BuiltInScopes.SIGN_IN_LEVEL.equals(scope.getKey())) {
                    client.removeClientScope(scope.getValue());
                    changes.add("Removed Keycloak's built-in " + (defaultScope ? "default" : "optional") + " scope '"
                            + scope.getKey() + "' from the client.");
                }
            }
        }
        if (accountTheme && !SetupHealth.THEME.equals(realm.getAccountTheme())) {
            changes.add("Set the realm's account theme to '" + SetupHealth.THEME + "' (it was '"
                    + (realm.getAccountTheme() == null ? "the default" : realm.getAccountTheme()) + "').");
            realm.setAccountTheme(SetupHealth.THEME);
        }
        return changes;
    }
}
