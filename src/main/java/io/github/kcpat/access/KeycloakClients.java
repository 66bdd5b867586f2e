package io.github.kcpat.access;

import java.util.Set;

import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;

/**
 * Keycloak's own clients of a realm ({@code account}, {@code realm-management}, {@code broker}, the consoles, and the
 * master realm's {@code <realm>-realm} clients): a token derived from a PAT never names them, and they never exchange
 * a PAT.
 */
public final class KeycloakClients {

    private static final Set<String> OWN = Set.of(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID, Constants.ACCOUNT_CONSOLE_CLIENT_ID,
            Constants.REALM_MANAGEMENT_CLIENT_ID, Constants.BROKER_SERVICE_CLIENT_ID, Constants.ADMIN_CLI_CLIENT_ID,
            Constants.ADMIN_CONSOLE_CLIENT_ID);

    private KeycloakClients() {
    }

    public static boolean isOwn(RealmModel realm, String clientId) {
        if (clientId == null || OWN.contains(clientId)) {
            return true;
        }
        if (clientId.endsWith("-realm") && Config.getAdminRealm().equals(realm.getName())) {
            return true;
        }
        ClientModel client = realm.getClientByClientId(clientId);
        return client != null && Boolean.parseBoolean(client.getAttribute("realm_client"));
    }
}
