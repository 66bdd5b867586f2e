package io.github.kcpat.access;

import java.util.Arrays;

import io.github.kcpat.policy.PatPolicy;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who may mint a secret at the self-service API (create or regenerate): a person who signed in moments ago, through a
 * client the realm allows for it (GitHub's "sudo mode"). So an access token that some other application of the realm
 * received for the user, an offline session's token, or a token of a sign-in long past cannot mint PATs. A stale
 * sign-in is answered like RFC 9470's step-up challenge, with the {@code max_age} to ask for at the next sign-in.
 */
public final class FreshSignInRule {

    private FreshSignInRule() {
    }

    /**
     * Refuses unless the caller's token comes from an allowed client, is not an offline session's, and states a
     * sign-in no older than the policy allows.
     *
     * @param token the caller's access token
     * @param userSession the token's session, or null when it has none stored
     */
    public static void require(AccessToken token, UserSessionModel userSession, PatPolicy policy, long nowSeconds) {
        String client = token.getIssuedFor();
        if (client == null || !policy.creationClients().contains(client)) {
            throw Refusal.forbidden("client_not_allowed",
                    "Personal access tokens can be created only after signing in through "
                            + (policy.creationClients().isEmpty() ? "an allowed application (none is allowed in this realm)"
                            : String.join(", ", policy.creationClients()))
                            + "; an admin adds clients to the realm policy's creationClients");
        }
        if (isOffline(token, userSession)) {
            throw Refusal.forbidden("offline_token_not_allowed",
                    "A token of an offline session cannot create personal access tokens; sign in again");
        }
        Long authTime = authTime(token, userSession);
        if (authTime == null || nowSeconds - authTime > policy.maxAuthAgeSeconds()) {
            throw Refusal.stepUp(policy.maxAuthAgeSeconds(),
                    "Sign in again to create or regenerate a personal access token: this realm requires a sign-in in the last "
                            + policy.maxAuthAgeSeconds() + " seconds");
        }
    }

    private static boolean isOffline(AccessToken token, UserSessionModel userSession) {
        if (userSession != null && userSession.isOffline()) {
            return true;
        }
        String scope = token.getScope();
        return scope != null && Arrays.asList(scope.split(" ")).contains(OAuth2Constants.OFFLINE_ACCESS);
    }

    /**
     * The sign-in time the token states, or else its session's: the time of the session's last real authentication
     * (a forced re-authentication updates it), or for sessions without that note (the password grant), the session's
     * start. Null when it is not known, as for tokens without a stored session.
     */
    private static Long authTime(AccessToken token, UserSessionModel session) {
        if (token.getAuth_time() != null) {
            return token.getAuth_time();
        }
        if (session == null || session.getPersistenceState() == UserSessionModel.SessionPersistenceState.TRANSIENT) {
            return null;
        }
        String note = session.getNote(AuthenticationManager.AUTH_TIME);
        try {
            return note == null ? (long) session.getStarted() : Long.parseLong(note);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
