package io.github.kcpat.approval;

import java.util.List;
import java.util.Set;

import io.github.kcpat.policy.ApprovalScope;
import io.github.kcpat.policy.PatPolicy;

/**
 * Who approves which scope, as a pure rule: a scope with an approver group is approved by that group's direct members
 * (a subgroup's members are not); a scope without one by those who manage the realm's users ({@code manage-users}).
 * Nobody approves a request of their own token: that is {@link ScopeDecisions}' to refuse, request by request.
 */
public final class ApproverRule {

    private ApproverRule() {
    }

    /**
     * @param groupPaths the paths of the groups the caller is a direct member of (in the realm of the request)
     * @param managesUsers whether the caller holds {@code manage-users} for the realm
     */
    public static boolean mayApprove(ApprovalScope scope, Set<String> groupPaths, boolean managesUsers) {
        if (scope == null) {
            return false;
        }
        return scope.approverGroup() == null ? managesUsers : groupPaths.contains(scope.approverGroup());
    }

    /** The scopes of the policy that the caller may approve, in the policy's order. */
    public static List<String> approvableScopes(PatPolicy policy, Set<String> groupPaths, boolean managesUsers) {
        return policy.approvalScopeNames().stream()
                .filter(name -> mayApprove(policy.approvalScope(name), groupPaths, managesUsers))
                .toList();
    }
}
