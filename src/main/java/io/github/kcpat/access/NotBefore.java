package io.github.kcpat.access;

/**
 * Keycloak's not-before rule, as it applies it to a JWT ({@code TokenManager.NotBeforeCheck}): a token issued in a
 * second before a not-before time is stale; one issued in that second or later is not. Realm, client and user each
 * have one (0: none); a PAT's secret is judged by when it was issued.
 */
final class NotBefore {

    private NotBefore() {
    }

    static boolean isStale(long issuedAt, long... notBefores) {
        for (long notBefore : notBefores) {
            if (issuedAt < notBefore) {
                return true;
            }
        }
        return false;
    }
}
