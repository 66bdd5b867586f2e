package io.github.kcpat.model;

/**
 * A replaced secret whose end may have come, for the Shared Signals: which token it belonged to and the two moments its
 * end is decided from (the realm's policy may cut {@code liveUntil} to {@code replacedAt} plus its longest overlap).
 *
 * @param replacedAt when it was replaced; null for secrets replaced before that was kept (the token's current secret
 *        was issued then: {@code tokenCreatedAt})
 */
public record ReplacedSecretEnd(String secretHash, String tokenId, String userId, Long replacedAt, long liveUntil,
                                long tokenCreatedAt) {

    /** When it was replaced, or the best known moment. */
    public long replacedAtOrIssue() {
        return replacedAt != null ? replacedAt : tokenCreatedAt;
    }
}
