package io.github.kcpat.token;



/**
 * The names this extension adds to what Keycloak writes: the claims of an introspection answer and of a token
 * exchanged from a PAT, and the detail of its events. One place, so that what resource servers, auditors and the
 * extension's own checks read is spelled once.
 */
public final class PatClaims {

    /** The PAT's id: in an introspection answer, in a token exchanged from it, and in every event about it. */
    public static final String PAT_ID = "pat_id";
    /** In a token exchanged from a PAT: when the PAT's secret was issued; a later secret ends the exchanged token. */
    public static final String PAT_SECRET_ISSUED = "pat_secret_iat";
    /**
     * In a token exchanged from a PAT: the number of the secret it was exchanged from among the PAT's secrets, which
     * tells two secrets issued in the same second apart.
     */
    public static final String PAT_SECRET_GENERATION = "pat_secret_gen";
    /** The {@code typ} of a token exchanged from a PAT: not {@code Bearer}, so Keycloak's own APIs refuse it. */
    public static final String DERIVED_TOKEN_TYPE = "PAT";

    private PatClaims() {
    }
}
