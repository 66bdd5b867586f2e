package io.github.kcpat.exposure;

import io.github.kcpat.model.ExposureReport;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Handles one value reported as exposed, after the report was answered: if it is a secret of a live token of the realm
 * it was reported in (its current one, or one it replaced and still remembers), the token is revoked as leaked
 * ({@link LeakRevocation}, {@code pat_action=revoked_exposed}, with the reporter's address). Anything else leaves no
 * trace but the report's removal.
 */
final class ExposedTokenRevocation {

    private final KeycloakSession session;

    ExposedTokenRevocation(KeycloakSession session) {
        this.session = session;
    }

    /** In the session's transaction: the report is taken off the queue and its token, if live, revoked. */
    void handle(String reportId) {
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        ExposureReport report = tokens.takeExposureReport(reportId);
        if (report == null) {
            return; // another node took it
        }
        RealmModel realm = session.realms().getRealm(report.realmId());
        PersonalAccessToken token = tokens.findInAnyRealmBySecretHash(report.valueHash());
        if (realm == null || token == null || !token.realmId().equals(realm.getId())) {
            return;
        }
        new LeakRevocation(session).revoke(realm, token, LeakRevocation.Cause.REPORTED, report.reportedFrom());
    }
}
