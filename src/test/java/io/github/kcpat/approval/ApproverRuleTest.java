package io.github.kcpat.approval;

import java.util.List;
import java.util.Set;

import io.github.kcpat.policy.ApprovalScope;
import io.github.kcpat.policy.PatPolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApproverRuleTest {

    private static final PatPolicy POLICY = policy(List.of(new ApprovalScope("orders.write", null),
            new ApprovalScope("billing.pay", "/security-team"), new ApprovalScope("deploy.prod", "/ops/release")));

    private static PatPolicy policy(List<ApprovalScope> scopes) {
        PatPolicy d = PatPolicy.DEFAULT;
        return new PatPolicy(d.expiryRequired(), d.maxLifetimeDays(), d.defaultLifetimeDays(), d.maxTokensPerUser(),
                d.unusedRevokeDays(), d.creationClients(), d.maxAuthAgeSeconds(), d.expiryRemindersEnabled(),
                d.maxRotationOverlapSeconds(), scopes, 7);
    }

    @Test
    void aScopeWithoutAGroupIsApprovedByThoseWhoManageUsers() {
        assertTrue(ApproverRule.mayApprove(new ApprovalScope("orders.write", null), Set.of(), true));
        assertFalse(ApproverRule.mayApprove(new ApprovalScope("orders.write", null), Set.of("/security-team"), false));
    }

    @Test
    void aScopeWithAGroupIsApprovedByItsDirectMembersOnlyNotByManageUsers() {
        ApprovalScope billing = new ApprovalScope("billing.pay", "/security-team");
        assertTrue(ApproverRule.mayApprove(billing, Set.of("/security-team"), false));
        assertFalse(ApproverRule.mayApprove(billing, Set.of(), true), "manage-users does not approve a group's scope");
        assertFalse(ApproverRule.mayApprove(billing, Set.of("/security-team/interns"), false), "a subgroup's member does not");
        assertFalse(ApproverRule.mayApprove(null, Set.of("/security-team"), true), "a scope that needs no approval");
    }

    @Test
    void theApprovableScopesFollowThePolicysOrder() {
        assertEquals(List.of("orders.write"), ApproverRule.approvableScopes(POLICY, Set.of(), true));
        assertEquals(List.of("billing.pay", "deploy.prod"),
                ApproverRule.approvableScopes(POLICY, Set.of("/security-team", "/ops/release"), false));
        assertEquals(List.of(), ApproverRule.approvableScopes(POLICY, Set.of("/ops"), false), "nothing for you");
        assertEquals(List.of(), ApproverRule.approvableScopes(PatPolicy.DEFAULT, Set.of(), true));
    }
}
