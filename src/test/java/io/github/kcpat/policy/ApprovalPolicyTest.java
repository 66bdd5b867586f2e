package io.github.kcpat.policy;

import java.util.List;
import java.util.Map;

import io.github.kcpat.model.PersonalAccessToken;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy's approval scopes: validation, storage, and which of a token's scopes count in its claims. */
class ApprovalPolicyTest {

    private static PatPolicy withApprovals(List<ApprovalScope> scopes, int lapseDays) {
        PatPolicy d = PatPolicy.DEFAULT;
        return new PatPolicy(d.expiryRequired(), d.maxLifetimeDays(), d.defaultLifetimeDays(), d.maxTokensPerUser(),
                d.unusedRevokeDays(), d.creationClients(), d.maxAuthAgeSeconds(), d.expiryRemindersEnabled(),
                d.maxRotationOverlapSeconds(), scopes, lapseDays);
    }

    private static PersonalAccessToken token(List<String> scopes, List<String> pending) {
        return new PersonalAccessToken("id", "realm", "user", "name", scopes, "hint", 1L, null, null, null, null, null, null,
                false, null, 0, pending);
    }

    @Test
    void theDefaultAsksNoApprovalAndLapsesAfterAWeek() {
        assertEquals(List.of(), PatPolicy.DEFAULT.approvalScopes());
        assertEquals(7, PatPolicy.DEFAULT.approvalLapseDays());
        assertFalse(PatPolicy.DEFAULT.needsApproval("orders.write"));
    }

    @Test
    void aSoundListHasNoProblems() {
        PatPolicy policy = withApprovals(List.of(new ApprovalScope("orders.write", null),
                new ApprovalScope("billing.pay", "/security-team")), 90);
        assertEquals(List.of(), policy.problems());
        assertTrue(policy.needsApproval("billing.pay"));
        assertFalse(policy.needsApproval("files.read"));
        assertEquals(List.of("orders.write", "billing.pay"), policy.approvalScopeNames());
    }

    @Test
    void eachMistakeIsNamed() {
        assertEquals(List.of("approvalLapseDays must be between 1 and 90"), withApprovals(List.of(), 0).problems());
        assertEquals(List.of("approvalLapseDays must be between 1 and 90"), withApprovals(List.of(), 91).problems());
        assertEquals(List.of("approvalScopes lists the scope 'orders.write' twice"), withApprovals(List.of(
                new ApprovalScope("orders.write", null), new ApprovalScope("orders.write", "/a")), 7).problems());
        assertEquals(1, withApprovals(List.of(new ApprovalScope(" spaced name", null)), 7).problems().size());
        assertEquals(1, withApprovals(java.util.Arrays.asList((ApprovalScope) null), 7).problems().size());
        assertEquals(1, withApprovals(List.of(new ApprovalScope("*", null)), 7).problems().size());
        assertTrue(withApprovals(List.of(new ApprovalScope("orders.write", "security-team")), 7).problems().get(0)
                .contains("group path"));
    }

    @Test
    void roundTripsThroughAttributes() {
        PatPolicy policy = withApprovals(List.of(new ApprovalScope("orders.write", null),
                new ApprovalScope("billing.pay", "/org/security team")), 14);
        Map<String, String> attributes = policy.toAttributes();
        PolicyAttributes.Reading read = PolicyAttributes.read(attributes::get);
        assertEquals(policy, read.policy());
        assertEquals(List.of(), read.warnings());
    }

    @Test
    void anUnreadableListKeepsEveryWaitingScopeWaiting() {
        PolicyAttributes.Reading read = PolicyAttributes.read(name -> name.equals("approvalScopes") ? "[{\"scope\": 3" : null);
        assertEquals(1, read.warnings().size());
        PersonalAccessToken token = token(List.of("files.read", "orders.write"), List.of("orders.write"));
        assertEquals(List.of("files.read"), read.policy().grantedScopes(token));
        assertEquals(List.of(), PolicyRepresentation.of(read.policy(), List.of()).approvalScopes(),
                "the admin is shown no scope, and the warning");
    }

    @Test
    void pendingScopesAreLeftOutOfTheClaimsWhileThePolicyAsksApprovalForThem() {
        PersonalAccessToken token = token(List.of("files.read", "orders.write", "billing.pay"), List.of("orders.write"));
        PatPolicy asks = withApprovals(List.of(new ApprovalScope("orders.write", null)), 7);
        assertEquals(List.of("files.read", "billing.pay"), asks.grantedScopes(token));
        // the policy no longer asks approval for it: the scope counts again
        assertEquals(token.scopes(), PatPolicy.DEFAULT.grantedScopes(token));
        // approved: no longer pending
        assertEquals(token.scopes(), asks.grantedScopes(token(token.scopes(), List.of())));
    }

    @Test
    void aRequestLapsesAfterThePolicysDays() {
        assertEquals(1_000 + 3 * 86_400L, withApprovals(List.of(), 3).approvalLapsesAt(1_000));
    }

    @Test
    void theSelfServiceViewNamesTheScopesOnly() {
        PatPolicy policy = withApprovals(List.of(new ApprovalScope("billing.pay", "/security-team")), 7);
        Map<String, Object> view = PolicyRepresentation.of(policy, List.of()).forAccount();
        assertEquals(List.of("billing.pay"), view.get("approvalScopes"));
        assertFalse(view.toString().contains("security-team"));
        assertEquals(7, view.get("approvalLapseDays"));
    }
}
