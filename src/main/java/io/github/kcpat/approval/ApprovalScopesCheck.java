package io.github.kcpat.approval;

import java.util.ArrayList;
import java.util.List;

import io.github.kcpat.policy.ApprovalScope;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What is wrong with a policy's approval scopes in this realm, in words for the admin: a scope that is no client scope
 * of the realm, an approver group path that names no group. The rules that need no realm are
 * {@link PatPolicy#problems()}'.
 */
public final class ApprovalScopesCheck {

    private ApprovalScopesCheck() {
    }

    public static List<String> problems(KeycloakSession session, RealmModel realm, PatPolicy policy) {
        List<String> problems = new ArrayList<>();
        for (String name : policy.approvalScopeNames()) {
            ApprovalScope scope = policy.approvalScope(name);
            if (realm.getClientScopesStream().noneMatch(s -> name.equals(s.getName()))) {
                problems.add("approvalScopes names '" + name + "', which is no client scope of this realm");
            }
            if (scope.approverGroup() != null && findGroup(session, realm, scope.approverGroup()) == null) {
                problems.add("approverGroup '" + scope.approverGroup() + "' of '" + name + "' is no group of this realm");
            }
        }
        return problems;
    }

    private static Object findGroup(KeycloakSession session, RealmModel realm, String path) {
        try {
            return KeycloakModelUtils.findGroupByPath(session, realm, path);
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
