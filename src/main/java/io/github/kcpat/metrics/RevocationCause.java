package io.github.kcpat.metrics;

/** Why tokens were revoked, as the revocation metric's {@code cause} label says it. */
public enum RevocationCause {
    /** The owner deleted it (account console or API). */
    USER,
    /** An admin revoked it (one token, a user's, or the realm's). */
    ADMIN,
    /** The realm policy's unused-token rule revoked it. */
    UNUSED,
    /** Someone reported its value (revoke by value, or a secret scanner). */
    LEAK_REPORT,
    /** A secret it had replaced was presented after its overlap. */
    REUSE,
    /** Its user was removed (by Keycloak or, found by the daily lifecycle, behind Keycloak's back). */
    OWNER_REMOVED;

    public String label() {
        return name().toLowerCase();
    }
}
