package io.github.kcpat.rest;

import java.util.Arrays;

import io.github.kcpat.policy.PatPolicy;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who may mint a secret at the self-service API (create or regenerate): a person who signed in moments ago, through a
 * client the realm allows for it (GitHub's "sudo mode"). So an access token that some other application of the realm
 * received for the user, an offline session's token, or a token of a sign-in long past cannot mint PATs. A stale
 * sign-in is answered like RFC 9470's step-up challenge, with the {@code max_age} to ask for at the next sign-in.
 */
final class FreshSignInRule {

    static final String STEP_UP = "insufficient_user_authentication";

    private FreshSignInRule() {
    }

    static void require(AccountCaller caller, PatPolicy policy, String realmName, long nowSeconds) {
        String client = caller.token().getIssuedFor();
        if (client == null || !policy.creationClients().contains(client)) {
            throw new PatApiException(Response.Status.FORBIDDEN, "client_not_allowed",
                    "Personal access tokens can be created only after signing in through "
                            + (policy.creationClients().isEmpty() ? "an allowed application (none is allowed in this realm)"
                            : String.join(", ", policy.creationClients()))
                            + "; an admin adds clients to the realm policy's creationClients");
        }
        if (isOffline(caller)) {
            throw new PatApiException(Response.Status.FORBIDDEN, "offline_token_not_allowed",
                    "A token of an offline session cannot create personal access tokens; sign in again");
        }
        Long authTime = authTime(caller);
        if (authTime == null || nowSeconds - authTime > policy.maxAuthAgeSeconds()) {
            throw PatApiException.stepUp(realmName, policy.maxAuthAgeSeconds(),
                    "Sign in again to create or regenerate a personal access token: this realm requires a sign-in in the last "
                            + policy.maxAuthAgeSeconds() + " seconds");
        }
    }

    private static boolean isOffline(AccountCaller caller) {
        if (caller.session() != null && caller.session().isOffline()) {
            return true;
        }
        String scope = caller.token().getScope();
        return scope != null && Arrays.asList(scope.split(" ")).contains(OAuth2Constants.OFFLINE_ACCESS);
    }

    /**
     * The sign-in time the token states, or else its session's: the time of the session's last real authentication
     * (a forced re-authentication updates it), or for sessions without that note (the password grant), the session's
     * start. Null when it is not known, as for tokens without a stored session.
     */
    private static Long authTime(AccountCaller caller) {
        if (caller.token().getAuth_time() != null) {
            return caller.token().getAuth_time();
        }
        UserSessionModel session = caller.session();
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
