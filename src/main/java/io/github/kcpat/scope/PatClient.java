package io.github.kcpat.scope;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RealmModel;

/**
 * The realm's {@code personal-access-tokens} client, which switches PATs on for a realm and says what they may carry:
 * its optional client scopes are what a user may pick, its default client scopes always apply.
 * Admins curate both in the ordinary admin console; every answer here is read afresh from the realm.
 */
public final class PatClient {

    public static final String CLIENT_ID = "personal-access-tokens";

    private final ClientModel client;

    private PatClient(ClientModel client) {
        this.client = client;
    }

    /** The realm's PAT client, or null when the realm has none or it is disabled: PATs are off there. */
    public static PatClient of(RealmModel realm) {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        return client == null || !client.isEnabled() ? null : new PatClient(client);
    }

    /**
     * Why the realm's PAT client is set up wider than it should be, or null when it is not: with full scope allowed,
     * a PAT carries every role of its user (a realm admin's PAT carries {@code realm-management} roles) whatever
     * scopes were chosen for it.
     */
    public static String fullScopeWarning(RealmModel realm) {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        if (client == null || !client.isFullScopeAllowed()) {
            return null;
        }
        return "The '" + CLIENT_ID + "' client has 'Full scope allowed' on: every PAT carries all of its user's roles, "
                + "an admin's PATs included. Turn it off and give each selectable client scope the role scope mappings it needs.";
    }

    public ClientModel model() {
        return client;
    }

    /** Scopes a user may choose for a token, by name, in the admin's order of names. */
    public Map<String, ClientScopeModel> selectableScopes() {
        return client.getClientScopes(false);
    }

    /** The requested names that are not selectable, in request order; empty when all are. */
    public List<String> unknownScopes(Collection<String> requested) {
        Set<String> selectable = selectableScopes().keySet();
        return requested.stream().filter(name -> !selectable.contains(name)).distinct().toList();
    }
}
