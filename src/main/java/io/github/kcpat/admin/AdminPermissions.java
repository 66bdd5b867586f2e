package io.github.kcpat.admin;

import io.github.kcpat.http.PatApiException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Every admin permission the admin API asks for, by name, always through Keycloak's admin permission evaluator (so
 * fine-grained admin permissions on users and clients are respected). Each sub-resource locator calls, as its first
 * statement, the check that every method behind it needs, and each method the check it needs beyond that (none when
 * the locator's is all it needs), so no check is made twice; a refusal is a JSON 403 that names the role needed. The checks on a
 * single owner ({@link #mayView(UserModel)}, {@link #requireMayManage(UserModel)}) follow the look-up of that owner.
 */
final class AdminPermissions {

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    AdminPermissions(RealmModel realm, AdminPermissionEvaluator auth) {
        this.realm = realm;
        this.auth = auth;
    }

    /** Reading tokens: view-users, or with fine-grained permissions the right to query users. */
    void requireMayViewTokens() {
        if (!auth.users().canView() && !auth.users().canQuery()) {
            throw PatApiException.forbidden("view-users is required to see personal access tokens");
        }
    }

    /** True when this admin may view every user, so no token needs a check of its owner. */
    boolean mayViewEveryone() {
        return auth.users().canView();
    }

    /** Changing tokens: manage-users, or with fine-grained permissions the right to query users (each owner after). */
    void requireMayManageTokens() {
        if (!auth.users().canManage() && !(realm.isAdminPermissionsEnabled() && auth.users().canQuery())) {
            throw PatApiException.forbidden("manage-users is required to change personal access tokens");
        }
    }

    /** Whether this admin holds manage-users over every user of the realm: the default approver of scope requests. */
    boolean mayManageEveryUser() {
        return auth.users().canManage();
    }

    /** Revoking every token of the realm: manage-users over every user. */
    void requireMayManageEveryone() {
        if (!auth.users().canManage()) {
            throw PatApiException.forbidden("manage-users is required to revoke personal access tokens");
        }
    }

    /** A bot token: manage-users and manage-clients (with fine-grained permissions, each client and user after). */
    void requireMayMintBotTokens() {
        requireMayManageTokens();
        if (!auth.clients().canManage() && !(realm.isAdminPermissionsEnabled() && auth.clients().canList())) {
            throw PatApiException.forbidden("manage-clients is required to create tokens for a service account");
        }
    }

    /** What every tab of the admin console's PAT page may show (the Keycloak line's status): view-users or view-realm. */
    void requireMayViewAnyTab() {
        if (!auth.users().canView() && !auth.users().canQuery() && !auth.realm().canViewRealm()) {
            throw PatApiException.forbidden("view-users or view-realm is required to see the personal access tokens page");
        }
    }

    void requireMayViewPolicy() {
        if (!auth.realm().canViewRealm()) {
            throw PatApiException.forbidden("view-realm is required to see the personal access token policy");
        }
    }

    void requireMayChangePolicy() {
        if (!auth.realm().canManageRealm()) {
            throw PatApiException.forbidden("manage-realm is required to change the personal access token policy");
        }
    }

    void requireMayViewSetup() {
        if (!auth.realm().canViewRealm()) {
            throw PatApiException.forbidden("view-realm is required to see the personal access token setup");
        }
    }

    void requireMaySetUp() {
        if (!auth.realm().canManageRealm() || !auth.clients().canManage()) {
            throw PatApiException.forbidden("manage-realm and manage-clients are required to set up personal access tokens");
        }
    }

    void requireMayRunLifecycle() {
        if (!auth.realm().canManageRealm()) {
            throw PatApiException.forbidden("manage-realm is required to run the personal access token lifecycle");
        }
    }

    /** Whether this admin may see this user (and so learn that the user or their token exists). */
    boolean mayView(UserModel user) {
        return user != null && auth.users().canView(user);
    }

    void requireMayManage(UserModel owner) {
        if (owner == null || !auth.users().canManage(owner)) {
            throw PatApiException.forbidden("manage-users is required to change personal access tokens");
        }
    }

    /** Revoking one user's tokens: the same words as for the whole realm. */
    void requireMayRevokeTokensOf(UserModel user) {
        if (!auth.users().canManage(user)) {
            throw PatApiException.forbidden("manage-users is required to revoke personal access tokens");
        }
    }

    AdminPermissionEvaluator evaluator() {
        return auth;
    }

    /** The admin making the request. */
    UserModel actor() {
        return auth.adminAuth().getUser();
    }
}
