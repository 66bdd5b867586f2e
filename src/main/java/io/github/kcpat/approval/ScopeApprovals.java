package io.github.kcpat.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.ScopeRequest;
import io.github.kcpat.policy.PatPolicy;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Where a token's scopes that need an approver are asked for: at the token's creation, and when the realm's policy
 * starts asking approval for a scope that live tokens already hold. A bot token (a service account's, which only an
 * admin creates) needs no approval. Each request is a user event of the owner ({@code scope_requested}).
 */
public final class ScopeApprovals {

    private static final Logger LOG = Logger.getLogger(ScopeApprovals.class);
    /** Tokens read at once while a policy change is applied. */
    static final int BATCH = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PersonalAccessTokenProvider tokens;

    public ScopeApprovals(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.tokens = session.getProvider(PersonalAccessTokenProvider.class);
    }

    /**
     * Asks approval for the new token's scopes that need it; answers the token as it now is (those scopes pending).
     *
     * @param reason the requester's words for the approvers, or null
     */
    public IssuedToken onCreate(IssuedToken issued, UserModel owner, PatPolicy policy, String reason) {
        if (owner.getServiceAccountClientLink() != null) {
            return issued;
        }
        List<String> needing = issued.token().scopes().stream().filter(policy::needsApproval).toList();
        if (needing.isEmpty()) {
            return issued;
        }
        List<ScopeRequest> made = tokens.requestScopes(realm, issued.token().id(), needing, reason, Time.currentTime());
        PersonalAccessToken token = tokens.getById(realm, issued.token().id());
        record(owner, token, made);
        return new IssuedToken(token, issued.secret());
    }

    /**
     * A policy change: each scope that needs approval now and did not before is taken out of the claims of every
     * person's token that holds it, with a pending request dated now (a token whose request was approved before keeps
     * the scope). Answers how many requests were made.
     */
    public int onPolicyChange(PatPolicy before, PatPolicy after) {
        List<String> added = after.approvalScopeNames().stream().filter(s -> !before.needsApproval(s)).toList();
        int made = 0;
        long now = Time.currentTime();
        for (String scope : added) {
            String afterId = null;
            while (true) {
                List<PersonalAccessToken> batch = tokens.tokensAskingScope(realm, scope, afterId, BATCH);
                for (PersonalAccessToken token : batch) {
                    made += requestOnLiveToken(token, scope, now);
                }
                if (batch.size() < BATCH) {
                    break;
                }
                afterId = batch.get(batch.size() - 1).id();
            }
        }
        if (made > 0) {
            LOG.infof("Realm %s: %d scope requests made for live tokens after a policy change", realm.getName(), made);
        }
        return made;
    }

    private int requestOnLiveToken(PersonalAccessToken token, String scope, long now) {
        if (!token.scopes().contains(scope)) {
            return 0;
        }
        UserModel owner = session.users().getUserById(realm, token.userId());
        if (owner == null || owner.getServiceAccountClientLink() != null) {
            return 0;
        }
        List<ScopeRequest> made = tokens.requestScopes(realm, token.id(), List.of(scope), null, now);
        record(owner, token, made);
        return made.size();
    }

    private void record(UserModel owner, PersonalAccessToken token, List<ScopeRequest> made) {
        PatAuditEvents events = new PatAuditEvents(session, realm);
        for (ScopeRequest request : made) {
            events.recordScope(PatAuditEvents.Action.SCOPE_REQUESTED, owner, token, null, request.scope());
        }
    }

    /** The requests of each token, by token id (one bounded read per token; a user holds a bounded number). */
    public Map<String, List<ScopeRequest>> requestsByToken(List<PersonalAccessToken> of) {
        List<ScopeRequest> all = new ArrayList<>();
        for (PersonalAccessToken token : of) {
            all.addAll(tokens.scopeRequestsOf(token.id()));
        }
        return all.stream().collect(Collectors.groupingBy(ScopeRequest::tokenId));
    }
}
