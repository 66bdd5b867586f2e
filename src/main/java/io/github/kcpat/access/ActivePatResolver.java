package io.github.kcpat.access;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.scope.PatClient;
import io.github.kcpat.token.PatClaims;
import io.github.kcpat.token.TokenHasher;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Decides whether a presented secret is a PAT that may be used right now: it exists in this realm, has not expired,
 * its user exists and is enabled, and the realm still offers PATs. Every refusal is written to the event with its
 * reason; the secret never is.
 */
public final class ActivePatResolver {

    private final KeycloakSession session;
    private final PersonalAccessTokenProvider tokens;

    public ActivePatResolver(KeycloakSession session) {
        this.session = session;
        this.tokens = session.getProvider(PersonalAccessTokenProvider.class);
    }

    /** The active PAT, or null after recording on the event why it is not. */
    public ActivePat resolve(String secret, EventBuilder event) {
        RealmModel realm = session.getContext().getRealm();
        event.detail(Details.TOKEN_TYPE, "personal_access_token");
        // malformed secrets and wrong checksums are answered without hashing or a look-up
        String hash = tokens.isWellFormed(secret) ? TokenHasher.hash(secret) : null;
        PersonalAccessToken pat = hash == null ? null : tokens.findBySecretHash(realm, hash);
        if (pat == null) {
            return refuse(event, Errors.INVALID_TOKEN, "Unknown or malformed personal access token");
        }
        return check(realm, pat, hash, event);
    }

    /** The PAT a derived (exchanged) token names, if that PAT may be used right now; else null, with the reason. */
    public ActivePat resolveById(String id, EventBuilder event) {
        RealmModel realm = session.getContext().getRealm();
        PersonalAccessToken pat = id == null ? null : tokens.getById(realm, id);
        if (pat == null) {
            return refuse(event, Errors.INVALID_TOKEN, "The personal access token this token was exchanged from is gone");
        }
        return check(realm, pat, null, event);
    }

    private ActivePat check(RealmModel realm, PersonalAccessToken pat, String secretHash, EventBuilder event) {
        event.detail(Details.TOKEN_ID, pat.id()).detail(PatClaims.PAT_ID, pat.id());
        UserModel user = session.users().getUserById(realm, pat.userId());
        if (user == null) {
            return refuse(event, Errors.USER_NOT_FOUND, "The token's user no longer exists");
        }
        event.user(user);
        long now = Time.currentTime();
        PatPolicy policy = PatPolicy.of(realm);
        Long expiresAt = policy.effectiveExpiry(pat);
        if (expiresAt != null && now >= expiresAt) {
            return refuse(event, Errors.INVALID_TOKEN, pat.isExpiredAt(now) ? "Personal access token expired"
                    : "Personal access token is past the realm's longest allowed lifetime");
        }
        if (policy.unusedTooLong(pat, now)) {
            return refuse(event, Errors.INVALID_TOKEN, "Personal access token unused for longer than the realm allows");
        }
        if (!user.isEnabled()) {
            return refuse(event, Errors.USER_DISABLED, "The token's user is disabled");
        }
        PatClient client = PatClient.of(realm);
        if (client == null) {
            return refuse(event, Errors.CLIENT_DISABLED, "Personal access tokens are not enabled in this realm");
        }
        // Keycloak's revocation ("not before", of the realm or of the PAT client) reaches PATs created before it
        if (pat.createdAt() < realm.getNotBefore() || pat.createdAt() < client.model().getNotBefore()) {
            return refuse(event, Errors.INVALID_TOKEN, "Personal access token created before the realm's or client's not-before time");
        }
        return new ActivePat(pat, user, client, expiresAt, secretHash);
    }

    /** Notes the use of the token, when it was presented itself, with its secret (at a bounded write rate). */
    public void recordUse(ActivePat active) {
        if (active.presented()) {
            tokens.recordUse(active.token(), active.secretHash(), Time.currentTime(),
                    session.getContext().getConnection().getRemoteAddr());
        }
    }

    private static ActivePat refuse(EventBuilder event, String error, String reason) {
        event.detail(Details.REASON, reason).error(error);
        return null;
    }
}
