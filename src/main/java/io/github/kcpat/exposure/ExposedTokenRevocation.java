package io.github.kcpat.exposure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.model.ExposureReport;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Handles one value reported as exposed, after the report was answered: if it is a live token of the realm it was
 * reported in, the token is deleted, recorded as a {@code REMOVE_CREDENTIAL} event of its owner
 * ({@code pat_action=revoked_exposed}, with the reporter's address) and its owner is e-mailed (verified addresses only;
 * the mail names the token, never a secret). Anything else leaves no trace but the report's removal.
 */
final class ExposedTokenRevocation {

    private static final Logger LOG = Logger.getLogger(ExposedTokenRevocation.class);

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
        session.getContext().setRealm(realm);
        if (!tokens.delete(realm, token.id())) {
            return;
        }
        UserModel owner = session.users().getUserById(realm, token.userId());
        if (owner == null) {
            return;
        }
        new PatAuditEvents(session, realm).record(PatAuditEvents.Action.REVOKED_EXPOSED, owner, token, null,
                report.reportedFrom());
        mailAfterCommit(realm, owner, token, report.reportedFrom());
        LOG.debugf("Personal access token %s revoked in realm %s: reported as exposed", token.id(), realm.getName());
    }

    /**
     * The mail goes out once the revocation is committed, in a transaction of its own: no row stays locked while a
     * mail server answers, and a mail that fails does not undo the revocation.
     */
    private void mailAfterCommit(RealmModel realm, UserModel owner, PersonalAccessToken token, String reporter) {
        if (owner.getEmail() == null || owner.getEmail().isBlank() || !owner.isEmailVerified()) {
            return;
        }
        String realmId = realm.getId();
        String ownerId = owner.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, mailing -> {
                        RealmModel mailRealm = mailing.realms().getRealm(realmId);
                        if (mailRealm == null) {
                            return;
                        }
                        mailing.getContext().setRealm(mailRealm);
                        UserModel mailOwner = mailing.users().getUserById(mailRealm, ownerId);
                        if (mailOwner != null) {
                            mail(mailing, mailRealm, mailOwner, token, reporter);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("Could not e-mail user %s that a token was revoked as exposed: %s", ownerId, e.toString());
                }
            }

            @Override
            protected void rollbackImpl() {
                // not revoked: nothing to tell
            }
        });
    }

    private static void mail(KeycloakSession session, RealmModel realm, UserModel owner, PersonalAccessToken token,
            String reporter) {
        Map<String, Object> attributes = new HashMap<>(Map.of("tokenName", token.name(), "tokenHint", token.hint(),
                "reportedFrom", reporter == null ? "" : reporter));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(owner)
                    .send("patExposedSubject", List.of(), "pat-exposed.ftl", attributes);
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("Could not e-mail user %s in realm %s that a token was revoked as exposed: %s", owner.getId(),
                    realm.getName(), e.getMessage());
        }
    }
}
