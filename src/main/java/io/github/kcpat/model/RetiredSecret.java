package io.github.kcpat.model;

/**
 * A secret that a regenerate or rotation replaced, as the store remembers it (by hash only).
 *
 * @param secretCreatedAt when that secret was issued (Unix seconds): what tokens exchanged from it name
 * @param liveUntil until when it works at most (the overlap asked for, or the moment a later replacement ended it); the
 *        realm's policy may cut it shorter ({@link io.github.kcpat.policy.PatPolicy#previousSecretEnd})
 * @param secretGeneration its number among the token's secrets, which tokens exchanged from it name too
 * @param replacedAt when it was replaced (Unix seconds); null for secrets replaced before that was kept
 * @param selfRotated true when the token replaced it itself ({@code /self/rotate}): its holder made the new secret, so
 *        a second holder using it after its end means the token forked; false when the owner or an admin replaced it,
 *        to lock out whoever still holds it
 */
public record RetiredSecret(String tokenId, String realmId, long secretCreatedAt, long liveUntil, int secretGeneration,
                            Long replacedAt, boolean selfRotated) {
}
