package io.github.kcpat.metrics;

/**
 * Why a presented PAT is not active, as the introspection metric's {@code reason} label says it: a fixed set, so a
 * dashboard can group by it. The event of the same request says it in words.
 */
public enum InactiveReason {
    /** No such token in the realm, a malformed or mistyped value, or a token whose user is gone. */
    UNKNOWN,
    /** Past the expiry its owner chose. */
    EXPIRED,
    /** Ended by a revocation that left the row (Keycloak's not-before of the realm or client, the PAT it was exchanged from deleted). */
    REVOKED,
    /** The token's user is disabled. */
    DISABLED_USER,
    /** The introspecting client is not in the token's audience. */
    AUDIENCE,
    /** The realm's policy ends it: past the longest lifetime, unused too long, or PATs not enabled in the realm. */
    POLICY,
    /** A secret the token replaced, presented after its overlap but within the grace for requests under way. */
    REPLACED,
    /** A secret the token replaced, presented well after its overlap: the token is revoked as probably leaked. */
    REUSED;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public String label() {
        return label;
    }
}
