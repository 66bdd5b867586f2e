package io.github.kcpat.access;

import io.github.kcpat.model.PersonalAccessToken;
import org.keycloak.representations.AccessToken;

/**
 * How a token exchanged from a PAT is marked, and recognised. It names its PAT ({@code pat_id}) and its type is not
 * {@code Bearer}: Keycloak's own bearer authentication (Admin and Account REST APIs, client registration, userinfo,
 * this extension's APIs) accepts only {@code Bearer} and {@code DPoP} tokens, so a derived token reaches resource
 * servers and nothing that manages Keycloak, whatever roles it carries and whatever its client's scope allows.
 */
public final class DerivedTokens {

    public static final String PAT_ID_CLAIM = "pat_id";
    /** When the PAT's secret was issued, as the PAT said at the exchange: a later secret ends the derived token. */
    static final String PAT_SECRET_ISSUED_CLAIM = "pat_secret_iat";
    public static final String TOKEN_TYPE = "PAT";

    private DerivedTokens() {
    }

    public static boolean isDerived(AccessToken token) {
        return token.getOtherClaims().containsKey(PAT_ID_CLAIM) || TOKEN_TYPE.equalsIgnoreCase(token.getType());
    }

    /** The id of the PAT the token was exchanged from, or null for any other token. */
    public static String patId(AccessToken token) {
        Object id = token.getOtherClaims().get(PAT_ID_CLAIM);
        return id instanceof String text ? text : null;
    }

    static void mark(AccessToken token, PersonalAccessToken pat) {
        token.type(TOKEN_TYPE);
        token.setSessionId(null);
        token.getOtherClaims().put(PAT_ID_CLAIM, pat.id());
        token.getOtherClaims().put(PAT_SECRET_ISSUED_CLAIM, pat.createdAt());
    }

    /**
     * Whether the derived token is still the active PAT's: the same user, and exchanged from the secret the PAT has
     * now. Regenerating or rotating the PAT (which always moves its creation time forward) ends it, even within the
     * same second.
     */
    public static boolean belongsTo(AccessToken derived, ActivePat active) {
        Object issued = derived.getOtherClaims().get(PAT_SECRET_ISSUED_CLAIM);
        return active.user().getId().equals(derived.getSubject()) && issued instanceof Number number
                && number.longValue() == active.token().createdAt();
    }
}
