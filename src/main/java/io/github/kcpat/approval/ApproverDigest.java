package io.github.kcpat.approval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.ScopeRequest;
import io.github.kcpat.model.ScopeRequestQuery;
import io.github.kcpat.policy.ApprovalScope;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The daily mail to each approver listing the requests that wait for them (template {@code pat-scope-requests.ftl}):
 * the members of the approver groups the policy names and, for scopes without one, the realm's users granted
 * realm-management {@code manage-users} or {@code realm-admin} directly. At most one mail a day per approver on every
 * node (a conditional update of the approver's row), verified addresses only, never an approver's own requests.
 */
public final class ApproverDigest {

    /** A little under a day, so that a daily run a few minutes early still mails; never two mails in one run's day. */
    static final long INTERVAL = 86_400 - 3_600;
    static final int MAX_APPROVERS = 500;
    static final int MAX_LISTED = 50;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PersonalAccessTokenProvider tokens;

    public ApproverDigest(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.tokens = session.getProvider(PersonalAccessTokenProvider.class);
    }

    /** Mails each approver with requests waiting for them, at most once a day; answers how many were mailed. */
    public int run(PatPolicy policy) {
        if (policy.approvalScopeNames().isEmpty()) {
            return 0;
        }
        long now = Time.currentTime();
        RoleModel manageUsers = realmManagementRole("manage-users");
        int sent = 0;
        for (UserModel user : approvers(policy, manageUsers)) {
            if (!ApprovalMail.hasVerifiedAddress(user)) {
                continue;
            }
            Approver approver = Approver.of(user, true, policy, manageUsers != null && user.hasRole(manageUsers));
            if (approver.approvesNothing()) {
                continue;
            }
            List<ScopeRequest> waiting = tokens.searchScopeRequests(realm, new ScopeRequestQuery(ScopeRequest.PENDING,
                    approver.scopes(), null, user.getId(), null, 0, MAX_LISTED));
            if (waiting.isEmpty() || !tokens.claimApproverMail(realm, user.getId(), now, INTERVAL)) {
                continue;
            }
            if (ApprovalMail.send(session, realm, user, "patScopeRequestsSubject", "pat-scope-requests.ftl",
                    Map.of("requests", listed(waiting), "requestCount", waiting.size()))) {
                sent++;
            }
        }
        return sent;
    }

    private List<UserModel> approvers(PatPolicy policy, RoleModel manageUsers) {
        Map<String, UserModel> found = new LinkedHashMap<>();
        boolean byRole = false;
        for (String name : policy.approvalScopeNames()) {
            ApprovalScope scope = policy.approvalScope(name);
            if (scope.approverGroup() == null) {
                byRole = true;
                continue;
            }
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, scope.approverGroup());
            if (group != null) {
                session.users().getGroupMembersStream(realm, group, 0, MAX_APPROVERS)
                        .forEach(u -> found.putIfAbsent(u.getId(), u));
            }
        }
        if (byRole) {
            Stream.of(manageUsers, realmManagementRole("realm-admin"))
                    .filter(role -> role != null)
                    .flatMap(role -> session.users().getRoleMembersStream(realm, role, 0, MAX_APPROVERS))
                    .forEach(u -> found.putIfAbsent(u.getId(), u));
        }
        return new ArrayList<>(found.values()).subList(0, Math.min(found.size(), MAX_APPROVERS));
    }

    private List<Map<String, String>> listed(List<ScopeRequest> waiting) {
        List<Map<String, String>> listed = new ArrayList<>();
        for (ScopeRequest request : waiting) {
            PersonalAccessToken token = tokens.getById(realm, request.tokenId());
            UserModel owner = session.users().getUserById(realm, request.userId());
            if (token == null || owner == null) {
                continue;
            }
            listed.add(Map.of("scope", request.scope(), "username", owner.getUsername(), "tokenName", token.name(),
                    "requestedAt", DATE.format(Instant.ofEpochSecond(request.requestedAt())),
                    "reason", request.reason() == null ? "" : request.reason()));
        }
        return listed;
    }

    private RoleModel realmManagementRole(String name) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return management == null ? null : management.getRole(name);
    }
}
