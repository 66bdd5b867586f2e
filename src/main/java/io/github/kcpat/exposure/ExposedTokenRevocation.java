package io.github.kcpat.exposure;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.model.ExposureReport;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.RetiredSecret;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Handles one value reported as exposed, after the report was answered, in the realm it was reported in:
 * <ul>
 * <li>a token's current secret: the token is revoked as leaked ({@link LeakRevocation}, {@code pat_action=revoked_exposed},
 * with the reporter's address);</li>
 * <li>a secret the token replaced itself ({@code /self/rotate}), still remembered: the same, since its holder made the
 * token's newer secrets;</li>
 * <li>a secret its owner or an admin replaced, still in its overlap: that secret ends now, and the token lives on with the
 * secret they made ({@code pat_action=previous_secret_revoked_exposed}; the owner is mailed);</li>
 * <li>such a secret after its end: the same as presenting it ({@link ReplacedSecretUse}), for a dead secret must not
 * end a token.</li>
 * </ul>
 * Anything else leaves no trace but the report's removal.
 */
final class ExposedTokenRevocation {

    private final KeycloakSession session;

    ExposedTokenRevocation(KeycloakSession session) {
        this.session = session;
    }

    /** In the session's transaction: the report is taken off the queue and what it names handled. */
    void handle(String reportId) {
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        ExposureReport report = tokens.takeExposureReport(reportId);
        if (report == null) {
            return; // another node took it
        }
        RealmModel realm = session.realms().getRealm(report.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        PersonalAccessToken token = tokens.findInAnyRealmBySecretHash(report.valueHash());
        if (token != null) {
            if (token.realmId().equals(realm.getId())) {
                new LeakRevocation(session).revoke(realm, token, LeakRevocation.Cause.REPORTED, report.reportedFrom());
            }
            return;
        }
        RetiredSecret retired = tokens.findRetiredSecretInAnyRealm(report.valueHash());
        PersonalAccessToken owner = retired == null || !retired.realmId().equals(realm.getId()) ? null
                : tokens.getById(realm, retired.tokenId());
        if (owner == null) {
            return;
        }
        if (retired.selfRotated()) {
            new LeakRevocation(session).revoke(realm, owner, LeakRevocation.Cause.REPORTED, report.reportedFrom());
        } else if (stillWorks(realm, owner, retired) && tokens.endRetiredSecret(realm, report.valueHash())) {
            endedPreviousSecret(realm, owner, report.reportedFrom());
        } else {
            new ReplacedSecretUse(session).record(realm, owner, report.reportedFrom());
        }
    }

    private static boolean stillWorks(RealmModel realm, PersonalAccessToken owner, RetiredSecret retired) {
        return Time.currentTime() < PatPolicy.of(realm).previousSecretEnd(owner, retired);
    }

    private void endedPreviousSecret(RealmModel realm, PersonalAccessToken token, String reportedFrom) {
        UserModel owner = session.users().getUserById(realm, token.userId());
        if (owner == null) {
            return;
        }
        new PatAuditEvents(session, realm).record(PatAuditEvents.Action.PREVIOUS_SECRET_REVOKED_EXPOSED, owner, token,
                null, reportedFrom);
        new OwnerMail(session).afterCommit(realm, owner, token, "patPreviousExposedSubject", "pat-previous-exposed.ftl",
                reportedFrom);
    }
}
