package io.github.kcpat.model;

/**
 * A secret that a regenerate or rotation replaced, as the store remembers it (by hash only).
 *
 * @param secretCreatedAt when that secret was issued (Unix seconds): what tokens exchanged from it name
 * @param liveUntil until when it still works (the overlap asked for); from then on, presenting it is a sign of a leak
 */
public record RetiredSecret(String tokenId, String realmId, long secretCreatedAt, long liveUntil) {

    public boolean liveAt(long nowSeconds) {
        return nowSeconds < liveUntil;
    }
}
