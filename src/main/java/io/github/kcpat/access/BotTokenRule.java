package io.github.kcpat.access;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may hold a bot token's secret (minting one, or regenerating one): an admin who may manage the service account's
 * client and its user, and who holds or may grant every role the service account has, composites and groups expanded.
 * Keycloak's own rule for granting roles keeps admin roles out of reach of anyone who lacks them, so no admin obtains,
 * through a bot token, more than they could already do. A person's token is never handed to an admin: admins revoke
 * people's tokens, people regenerate them.
 */
public final class BotTokenRule {

    private BotTokenRule() {
    }

    /** The client whose service account owns the token; refuses a person's token. */
    public static ClientModel botClientOf(RealmModel realm, UserModel owner) {
        String clientId = owner.getServiceAccountClientLink();
        ClientModel client = clientId == null ? null : realm.getClientById(clientId);
        if (client == null) {
            throw forbidden("An admin cannot receive the secret of a person's token; revoke it instead, and its owner creates a new one");
        }
        return client;
    }

    public static void require(AdminPermissionEvaluator auth, ClientModel client, UserModel bot) {
        if (!auth.clients().canManage(client)) {
            throw forbidden("Managing the client '" + client.getClientId() + "' is required for its service account's tokens");
        }
        if (!auth.users().canManage(bot)) {
            throw forbidden("manage-users is required for a service account's tokens");
        }
        UserModel admin = auth.adminAuth().getUser();
        for (RoleModel role : RoleUtils.getDeepUserRoleMappings(bot)) {
            if (!admin.hasRole(role) && !auth.roles().canMapRole(role)) {
                throw forbidden("The service account holds the role '" + role.getName()
                        + "', which you neither hold nor may grant: its tokens would be stronger than you");
            }
        }
    }

    private static Refusal forbidden(String description) {
        return Refusal.forbidden("access_denied", description);
    }
}
