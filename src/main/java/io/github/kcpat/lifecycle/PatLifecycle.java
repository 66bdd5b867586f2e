package io.github.kcpat.lifecycle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.kcpat.approval.ApproverDigest;
import io.github.kcpat.approval.ScopeDecisions;
import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.metrics.RevocationCause;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.policy.PatPolicy;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The daily care of a realm's tokens: revoke those unused for longer than the policy allows, and e-mail each owner
 * whose tokens expire within 7 days, and again within 1 day, once per token and threshold, through the realm's e-mail
 * theme (template {@code pat-expiry.ftl}), unless the realm's policy turns reminders off. Scope requests nobody decided
 * within the policy's {@code approvalLapseDays} lapse as denials ({@link ScopeDecisions#lapse}), and each approver
 * with requests waiting is mailed their list, at most once a day ({@link ApproverDigest}).
 */
public final class PatLifecycle {

    private static final Logger LOG = Logger.getLogger(PatLifecycle.class);
    static final int[] REMINDER_DAYS = {1, 7};
    private static final long DAY = 86_400;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * @param scopeRequestsLapsed scope requests nobody decided in time, lapsed as denials
     * @param approversMailed approvers mailed the list of what waits for them
     */
    public record Outcome(int remindersSent, int revoked, int orphansRemoved, int scopeRequestsLapsed,
                          int approversMailed) {
    }

    /** The most scope requests one run lets lapse in a realm; the rest lapse on the next run. */
    static final int MAX_LAPSED_PER_RUN = 1_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PersonalAccessTokenProvider tokens;

    public PatLifecycle(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.tokens = session.getProvider(PersonalAccessTokenProvider.class);
    }

    public Outcome run() {
        int orphans = removeOrphans();
        PatMetrics.get().revoked(session, realm, RevocationCause.OWNER_REMOVED, orphans);
        int revoked = revokeUnused();
        PatPolicy policy = PatPolicy.of(realm);
        int lapsed = new ScopeDecisions(session, realm).lapse(policy, MAX_LAPSED_PER_RUN);
        int approversMailed = new ApproverDigest(session, realm).run(policy);
        int sent = 0;
        if (!policy.expiryRemindersEnabled()) {
            return new Outcome(sent, revoked, orphans, lapsed, approversMailed);
        }
        // the nearest threshold first: a token already reminded at 1 day is not reminded at 7 afterwards
        for (int days : REMINDER_DAYS) {
            sent += remind(days);
        }
        // a mail sent is sent, whatever becomes of the transaction
        PatMetrics.get().remindersSent(realm, sent);
        return new Outcome(sent, revoked, orphans, lapsed, approversMailed);
    }

    /**
     * Deletes the tokens of users who are gone without Keycloak telling (a user federation provider removed, rows
     * deleted behind Keycloak's back). Such tokens already stop working; this clears them away.
     */
    private int removeOrphans() {
        int removed = 0;
        for (String userId : tokens.ownerIds(realm).toList()) {
            if (session.users().getUserById(realm, userId) == null) {
                removed += tokens.removeAllOfUser(realm, userId);
                LOG.debugf("Personal access tokens of the vanished user %s removed in realm %s", userId, realm.getName());
            }
        }
        return removed;
    }

    private int revokeUnused() {
        PatPolicy policy = PatPolicy.of(realm);
        if (policy.unusedRevokeDays() <= 0) {
            return 0;
        }
        long now = Time.currentTime();
        List<PersonalAccessToken> unused = tokens.unusedSince(realm, now - policy.unusedRevokeDays() * DAY).toList();
        PatAuditEvents events = new PatAuditEvents(session, realm);
        for (PersonalAccessToken token : unused) {
            tokens.delete(realm, token.id());
            UserModel owner = session.users().getUserById(realm, token.userId());
            if (owner != null) {
                events.record(PatAuditEvents.Action.REVOKED_UNUSED, owner, token, null);
            }
            LOG.debugf("Personal access token %s revoked in realm %s: unused for %d days", token.id(), realm.getName(),
                    policy.unusedRevokeDays());
        }
        return unused.size();
    }

    private int remind(int days) {
        long now = Time.currentTime();
        Map<String, List<PersonalAccessToken>> byOwner = tokens.expiringBetween(realm, now, now + days * DAY, days)
                .collect(Collectors.groupingBy(PersonalAccessToken::userId, LinkedHashMap::new, Collectors.toList()));
        int sent = 0;
        for (Map.Entry<String, List<PersonalAccessToken>> entry : byOwner.entrySet()) {
            UserModel owner = session.users().getUserById(realm, entry.getKey());
            // only to an address the user has shown to be theirs
            if (owner == null || !owner.isEnabled() || owner.getEmail() == null || owner.getEmail().isBlank()
                    || !owner.isEmailVerified()) {
                continue;
            }
            if (send(owner, entry.getValue(), days)) {
                entry.getValue().forEach(token -> tokens.setRemindedDays(token.id(), days));
                sent++;
            }
        }
        return sent;
    }

    private boolean send(UserModel owner, List<PersonalAccessToken> expiring, int days) {
        List<Map<String, String>> listed = new ArrayList<>();
        for (PersonalAccessToken token : expiring) {
            listed.add(Map.of("name", token.name(), "expiresAt", DATE.format(Instant.ofEpochSecond(token.expiresAt()))));
        }
        // Keycloak adds its own attributes to this map
        Map<String, Object> attributes = new HashMap<>(Map.of("tokens", listed, "days", days, "tokenCount", listed.size()));
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(owner)
                    .send(days == 1 ? "patExpirySubjectOneDay" : "patExpirySubject", List.of(Integer.toString(days)),
                            "pat-expiry.ftl", attributes);
            return true;
        } catch (EmailException e) {
            LOG.warnf(e, "Could not e-mail the expiry reminder to user %s in realm %s", owner.getId(), realm.getName());
            return false;
        }
    }
}
