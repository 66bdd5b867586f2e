package io.github.kcpat.approval;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kcpat.policy.PatPolicy;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The caller of the requests API as an approver: who they are, and the scopes of the realm's policy they may approve
 * ({@link ApproverRule}). A caller from another realm (a master admin) is no member of this realm's groups.
 *
 * @param user the caller
 * @param scopes the scopes they may approve; empty for none
 */
public record Approver(UserModel user, List<String> scopes) {

    /**
     * @param ofThisRealm whether the caller is a user of the realm asked about (not of the master realm)
     * @param managesUsers whether the caller holds {@code manage-users} for the realm (the admin permission check)
     */
    public static Approver of(UserModel user, boolean ofThisRealm, PatPolicy policy, boolean managesUsers) {
        Set<String> groupPaths = user == null || !ofThisRealm ? Set.of()
                : user.getGroupsStream().limit(1_000).map(KeycloakModelUtils::buildGroupPath).collect(Collectors.toSet());
        return new Approver(user, ApproverRule.approvableScopes(policy, groupPaths, managesUsers));
    }

    public boolean mayApprove(String scope) {
        return scopes.contains(scope);
    }

    public boolean approvesNothing() {
        return scopes.isEmpty();
    }
}
