package io.github.kcpat.access;

import org.keycloak.representations.AccessToken;

/**
 * How a token exchanged from a PAT is marked, and recognised. It names its PAT ({@code pat_id}) and its type is not
 * {@code Bearer}: Keycloak's own bearer authentication (Admin and Account REST APIs, client registration, userinfo,
 * this extension's APIs) accepts only {@code Bearer} and {@code DPoP} tokens, so a derived token reaches resource
 * servers and nothing that manages Keycloak, whatever roles it carries and whatever its client's scope allows.
 */
public final class DerivedTokens {

    public static final String PAT_ID_CLAIM = "pat_id";
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

    static void mark(AccessToken token, String patId) {
        token.type(TOKEN_TYPE);
        token.setSessionId(null);
        token.getOtherClaims().put(PAT_ID_CLAIM, patId);
    }
}
