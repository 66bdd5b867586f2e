package io.github.kcpat.exposure;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Someone presented a secret that the token's owner or an admin had replaced, after its end: most likely whoever the
 * replacement was meant to lock out. The use is refused by the caller; here it is recorded as an event of the owner
 * with the address it came from, and the owner is mailed, at most once per {@value #NOTICE_INTERVAL_SECONDS} seconds
 * per token on all nodes together. The token is left alone: holding a dead secret must not be a way to end it.
 */
public final class ReplacedSecretUse {

    /** The owner hears of such uses of one token at most this often. */
    public static final long NOTICE_INTERVAL_SECONDS = 3600;

    private final KeycloakSession session;

    public ReplacedSecretUse(KeycloakSession session) {
        this.session = session;
    }

    /** In the session's transaction. @param seenFrom the address the secret came from, or null */
    public void record(RealmModel realm, PersonalAccessToken token, String seenFrom) {
        session.getContext().setRealm(realm);
        UserModel owner = session.users().getUserById(realm, token.userId());
        if (owner == null) {
            return;
        }
        new PatAuditEvents(session, realm).recordReplacedSecretUse(owner, token, seenFrom);
        if (session.getProvider(PersonalAccessTokenProvider.class)
                .claimReuseNotice(realm, token.id(), Time.currentTime(), NOTICE_INTERVAL_SECONDS)) {
            new OwnerMail(session).afterCommit(realm, owner, token, "patReplacedUsedSubject", "pat-replaced-used.ftl",
                    seenFrom);
        }
    }
}
