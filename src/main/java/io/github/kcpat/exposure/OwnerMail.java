package io.github.kcpat.exposure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.model.PersonalAccessToken;
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
 * A mail to a token's owner about something seen of the token (a leak, a replaced secret used), sent once the change
 * that prompted it is committed, in a transaction of its own: no row stays locked while a mail server answers, and a
 * mail that fails undoes nothing. Verified addresses only; the mail names the token and its hint, never a secret.
 */
final class OwnerMail {

    private static final Logger LOG = Logger.getLogger(OwnerMail.class);

    private final KeycloakSession session;

    OwnerMail(KeycloakSession session) {
        this.session = session;
    }

    /** @param seenFrom the address to name in the mail, or null */
    void afterCommit(RealmModel realm, UserModel owner, PersonalAccessToken token, String subject, String template,
                     String seenFrom) {
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
                            send(mailing, mailRealm, mailOwner, token, subject, template, seenFrom);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("Could not e-mail user %s about personal access token %s: %s", ownerId, token.id(), e.toString());
                }
            }

            @Override
            protected void rollbackImpl() {
                // nothing happened: nothing to tell
            }
        });
    }

    private static void send(KeycloakSession session, RealmModel realm, UserModel owner, PersonalAccessToken token,
                             String subject, String template, String seenFrom) {
        Map<String, Object> attributes = new HashMap<>(Map.of("tokenName", token.name(), "tokenHint", token.hint(),
                "reportedFrom", seenFrom == null ? "" : seenFrom));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(owner)
                    .send(subject, List.of(), template, attributes);
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("Could not e-mail user %s in realm %s about personal access token %s: %s", owner.getId(),
                    realm.getName(), token.id(), e.getMessage());
        }
    }
}
