package io.github.kcpat.access;

import io.github.kcpat.token.PatClaims;
import org.keycloak.representations.AccessToken;

/**
 * How a token exchanged from a PAT is marked, and recognised. It names its PAT ({@code pat_id}) and its type is not
 * {@code Bearer}: Keycloak's own bearer authentication (Admin and Account REST APIs, client registration, userinfo,
 * this extension's APIs) accepts only {@code Bearer} and {@code DPoP} tokens, so a derived token reaches resource
 * servers and nothing that manages Keycloak, whatever roles it carries and whatever its client's scope allows.
 */
public final class DerivedTokens {

    private DerivedTokens() {
    }

    public static boolean isDerived(AccessToken token) {
        return token.getOtherClaims().containsKey(PatClaims.PAT_ID) || PatClaims.DERIVED_TOKEN_TYPE.equalsIgnoreCase(token.getType());
    }

    /** The id of the PAT the token was exchanged from, or null for any other token. */
    public static String patId(AccessToken token) {
        Object id = token.getOtherClaims().get(PatClaims.PAT_ID);
        return id instanceof String text ? text : null;
    }

    /** When the secret the token was exchanged from was issued, as the token says; null when it says nothing usable. */
    public static Long secretIssuedAt(AccessToken token) {
        Object issued = token.getOtherClaims().get(PatClaims.PAT_SECRET_ISSUED);
        return issued instanceof Number number ? Long.valueOf(number.longValue()) : null;
    }

    /** The number of the secret the token was exchanged from, as it says; null when it says none (older tokens). */
    public static Integer secretGeneration(AccessToken token) {
        Object generation = token.getOtherClaims().get(PatClaims.PAT_SECRET_GENERATION);
        return generation instanceof Number number ? Integer.valueOf(number.intValue()) : null;
    }

    static void mark(AccessToken token, ActivePat active) {
        token.type(PatClaims.DERIVED_TOKEN_TYPE);
        token.setSessionId(null);
        token.getOtherClaims().put(PatClaims.PAT_ID, active.token().id());
        token.getOtherClaims().put(PatClaims.PAT_SECRET_ISSUED, active.secretIssuedAt());
        token.getOtherClaims().put(PatClaims.PAT_SECRET_GENERATION, active.secretGeneration());
    }

    /**
     * Whether the derived token is still the active PAT's: it names that PAT, the same user, and was exchanged from
     * the secret the PAT was resolved with (its current one, or a replaced one in its overlap): the same issue time
     * and, when the token names it, the same secret number. Regenerating or rotating the PAT (which numbers the new
     * secret one more) ends tokens exchanged from the old secret when that secret ends, even within the same second.
     */
    public static boolean belongsTo(AccessToken derived, ActivePat active) {
        Long issued = secretIssuedAt(derived);
        Integer generation = secretGeneration(derived);
        return active.token().id().equals(patId(derived)) && active.user().getId().equals(derived.getSubject())
                && issued != null && issued == active.secretIssuedAt()
                && (generation == null || generation == active.secretGeneration());
    }
}
