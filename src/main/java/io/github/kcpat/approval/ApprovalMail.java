package io.github.kcpat.approval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.ScopeRequest;
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
 * The mail to a token's owner about a decision on one of its scopes (approved, denied, lapsed), sent once the decision
 * is committed, in a transaction of its own: no row stays locked while a mail server answers, and a mail that fails
 * undoes nothing. Verified addresses only; it names the token, its hint and the scope, never a secret.
 */
final class ApprovalMail {

    private static final Logger LOG = Logger.getLogger(ApprovalMail.class);

    private final KeycloakSession session;

    ApprovalMail(KeycloakSession session) {
        this.session = session;
    }

    void decisionAfterCommit(RealmModel realm, UserModel owner, PersonalAccessToken token, ScopeRequest decided) {
        if (!hasVerifiedAddress(owner)) {
            return;
        }
        String realmId = realm.getId();
        String ownerId = owner.getId();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tokenName", token.name());
        attributes.put("tokenHint", token.hint());
        attributes.put("scope", decided.scope());
        attributes.put("outcome", decided.lapsed() ? "lapsed" : decided.state());
        attributes.put("decisionReason", decided.decisionReason() == null ? "" : decided.decisionReason());
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
                            send(mailing, mailRealm, mailOwner, "patScopeDecisionSubject", "pat-scope-decision.ftl",
                                    attributes);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("Could not e-mail user %s about a scope of personal access token %s: %s", ownerId,
                            token.id(), e.toString());
                }
            }

            @Override
            protected void rollbackImpl() {
                // nothing was decided: nothing to tell
            }
        });
    }

    static boolean hasVerifiedAddress(UserModel user) {
        return user.isEnabled() && user.getEmail() != null && !user.getEmail().isBlank() && user.isEmailVerified();
    }

    /** Sends at once, in the caller's transaction; false when the mail could not be sent. */
    static boolean send(KeycloakSession session, RealmModel realm, UserModel to, String subject, String template,
                        Map<String, Object> attributes) {
        try {
            // Keycloak adds its own attributes to the map it is given
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(to)
                    .send(subject, List.of(), template, new HashMap<>(attributes));
            return true;
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("Could not e-mail user %s in realm %s (%s): %s", to.getId(), realm.getName(), template, e.getMessage());
            return false;
        }
    }
}
