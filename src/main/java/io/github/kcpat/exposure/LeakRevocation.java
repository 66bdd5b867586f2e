package io.github.kcpat.exposure;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Revokes a token that is probably leaked, in the session's transaction: the token (every secret of it) is deleted,
 * recorded as a {@code REMOVE_CREDENTIAL} event of its owner with the address the leak was seen from, and the owner is
 * e-mailed once that is committed (verified addresses only; the mail names the token, never a secret).
 */
public final class LeakRevocation {

    /** How the leak was seen, with the event's {@code pat_action} and the mail that tells the owner. */
    public enum Cause {
        /** Reported to revoke by value. */
        REPORTED(PatAuditEvents.Action.REVOKED_EXPOSED, "patExposedSubject", "pat-exposed.ftl"),
        /** A secret the token replaced was presented after its overlap had ended. */
        REUSED(PatAuditEvents.Action.REVOKED_REUSED, "patReusedSubject", "pat-reused.ftl");

        private final PatAuditEvents.Action action;
        private final String subject;
        private final String template;

        Cause(PatAuditEvents.Action action, String subject, String template) {
            this.action = action;
            this.subject = subject;
            this.template = template;
        }
    }

    private static final Logger LOG = Logger.getLogger(LeakRevocation.class);

    private final KeycloakSession session;

    public LeakRevocation(KeycloakSession session) {
        this.session = session;
    }

    /**
     * @param seenFrom the address the leaked value came from (the reporter's, or the one that presented it), or null
     * @return false when the token was already gone (another request revoked it first)
     */
    public boolean revoke(RealmModel realm, PersonalAccessToken token, Cause cause, String seenFrom) {
        session.getContext().setRealm(realm);
        if (!session.getProvider(PersonalAccessTokenProvider.class).delete(realm, token.id())) {
            return false;
        }
        UserModel owner = session.users().getUserById(realm, token.userId());
        if (owner != null) {
            new PatAuditEvents(session, realm).record(cause.action, owner, token, null, seenFrom);
            new OwnerMail(session).afterCommit(realm, owner, token, cause.subject, cause.template, seenFrom);
        }
        LOG.debugf("Personal access token %s revoked in realm %s as probably leaked (%s)", token.id(), realm.getName(),
                cause.name().toLowerCase());
        return true;
    }
}
