package io.github.kcpat.approval;

import java.util.List;

import io.github.kcpat.access.Refusal;
import io.github.kcpat.audit.PatAuditEvents;
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
 * Decides scope requests: an approver's approval or denial, and the lapse of those nobody decided in time. A decision
 * is made under the token's and the request's row locks, so of two approvers deciding at once the second finds it
 * decided ({@code 409}). It
 * takes effect at once on every node (the token's cache entries are dropped as for a revocation), is a user event of
 * the owner, and is mailed to the owner once committed.
 */
public final class ScopeDecisions {

    private static final Logger LOG = Logger.getLogger(ScopeDecisions.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PersonalAccessTokenProvider tokens;

    public ScopeDecisions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.tokens = session.getProvider(PersonalAccessTokenProvider.class);
    }

    /**
     * The approver's decision on one request, or the {@link Refusal} that says why not: an unknown request, or one for
     * a scope the approver may not approve, is {@code 404 not_found}; a request of the approver's own token
     * {@code 403 own_request}; a caller who approves no scope at all {@code 403 access_denied}; a scope the policy no longer asks approval for {@code 409 no_longer_needs_approval}; a
     * request decided already (or lapsed) {@code 409 already_decided}.
     *
     * @param reason the approver's words (checked by the caller), or null
     */
    public ScopeRequest decide(Approver approver, PatPolicy policy, String id, boolean approve, String reason) {
        ScopeRequest request = tokens.getScopeRequest(realm, id);
        if (request != null && request.userId().equals(approver.user().getId())) {
            throw Refusal.forbidden("own_request", "Nobody approves or denies a request of their own token");
        }
        if (approver.approvesNothing()) {
            throw Refusal.forbidden("access_denied", "You approve no scope of this realm's personal access tokens");
        }
        if (request == null) {
            throw notFound();
        }
        if (!policy.needsApproval(request.scope())) {
            if (!approver.scopes().isEmpty()) {
                throw Refusal.conflict("no_longer_needs_approval", "The realm's policy no longer asks approval for the scope '"
                        + request.scope() + "': the token holds it without one");
            }
            throw notFound();
        }
        if (!approver.mayApprove(request.scope())) {
            throw notFound();
        }
        if (!request.pending()) {
            throw alreadyDecided(request);
        }
        ScopeRequest decided = tokens.decideScopeRequest(realm, id, approve, false, approver.user().getId(), reason,
                Time.currentTime());
        if (decided == null) {
            // the token went with the request (deleted): there is nothing to decide any more
            throw tokens.getById(realm, request.tokenId()) == null ? notFound()
                    : Refusal.conflict("already_decided", "This request was decided a moment ago by another approver");
        }
        told(decided, approve ? PatAuditEvents.Action.SCOPE_APPROVED : PatAuditEvents.Action.SCOPE_DENIED,
                approver.user());
        return decided;
    }

    /**
     * Lets the realm's requests that nobody decided within the policy's time lapse, as denials; a request for a scope
     * the policy no longer asks approval for is left alone (it is moot, and the token holds the scope). At most
     * {@code max}; answers how many lapsed.
     */
    public int lapse(PatPolicy policy, int max) {
        long now = Time.currentTime();
        long before = now - policy.approvalLapseDays() * 86_400L;
        List<ScopeRequest> due = tokens.pendingScopeRequestsBefore(realm, before, max);
        int lapsed = 0;
        for (ScopeRequest request : due) {
            if (!policy.needsApproval(request.scope())) {
                continue;
            }
            ScopeRequest decided = tokens.decideScopeRequest(realm, request.id(), false, true, null, null, now);
            if (decided != null) {
                told(decided, PatAuditEvents.Action.SCOPE_LAPSED, null);
                lapsed++;
            }
        }
        if (lapsed > 0) {
            LOG.debugf("Realm %s: %d scope requests lapsed", realm.getName(), lapsed);
        }
        return lapsed;
    }

    private void told(ScopeRequest decided, PatAuditEvents.Action action, UserModel approver) {
        PersonalAccessToken token = tokens.getById(realm, decided.tokenId());
        UserModel owner = session.users().getUserById(realm, decided.userId());
        if (token == null || owner == null) {
            return;
        }
        new PatAuditEvents(session, realm).recordScope(action, owner, token, approver, decided.scope());
        new ApprovalMail(session).decisionAfterCommit(realm, owner, token, decided);
    }

    private static Refusal notFound() {
        return Refusal.notFound("not_found", "No such scope request for a scope you approve");
    }

    private static Refusal alreadyDecided(ScopeRequest request) {
        return Refusal.conflict("already_decided", "This request was already " + (request.lapsed() ? "lapsed" : request.state()));
    }
}
