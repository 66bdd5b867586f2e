package io.github.kcpat.model;

import java.util.List;

/**
 * A stored personal access token, as the rest of the extension sees it. It never holds the secret:
 * only the secret's hash is stored, and this view does not even carry that.
 *
 * @param hint a short, non-secret reminder of the token (prefix and last characters)
 * @param createdAt Unix seconds
 * @param expiresAt Unix seconds, or null for a token that does not expire
 * @param lastUsedAt Unix seconds, or null for a token never used; updated at a bounded rate
 * @param lastUsedIp the address the last recorded use came from, or null: the caller's, which at introspection is the
 *        resource server's and at exchange the exchanging client's, not the token user's ({@link TokenUse})
 * @param lastUsedClient the {@code clientId} of the client of the last recorded use (the introspecting or exchanging
 *        client), or null: at {@code /self}, for a token never used, or for a use recorded by an older release
 * @param lastUsedVia how the token was last used, or null for never or for a use recorded by an older release
 * @param remindedDays the smallest expiry-reminder threshold already sent, or null
 * @param selfRotate whether the token may rotate its own secret (its owner's choice at creation)
 * @param previousSecretUntil until when the secret this token replaced last still works (Unix seconds), as its
 *        replacement asked; null or a time in the past means none does any more. The realm's policy may cut it shorter
 *        ({@link io.github.kcpat.policy.PatPolicy#previousSecretEnd})
 * @param secretGeneration the number of the current secret: 0 at creation, one more at each replacement; the
 *        current secret was issued at {@code createdAt}, which is also when the previous one was replaced
 * @param pendingScopes the scopes among {@code scopes} that wait for an approval: they are not in the token's claims
 *        while the realm's policy asks approval for them ({@link io.github.kcpat.policy.PatPolicy#grantedScopes})
 */
public record PersonalAccessToken(
        String id,
        String realmId,
        String userId,
        String name,
        List<String> scopes,
        String hint,
        long createdAt,
        Long expiresAt,
        Long lastUsedAt,
        String lastUsedIp,
        String lastUsedClient,
        TokenUse.Via lastUsedVia,
        Integer remindedDays,
        boolean selfRotate,
        Long previousSecretUntil,
        int secretGeneration,
        List<String> pendingScopes) {

    public PersonalAccessToken {
        scopes = List.copyOf(scopes);
        pendingScopes = pendingScopes == null ? List.of() : List.copyOf(pendingScopes);
    }

    /** A token with no scope waiting for approval. */
    public PersonalAccessToken(String id, String realmId, String userId, String name, List<String> scopes, String hint,
                               long createdAt, Long expiresAt, Long lastUsedAt, String lastUsedIp, Integer remindedDays,
                               boolean selfRotate, Long previousSecretUntil, int secretGeneration) {
        this(id, realmId, userId, name, scopes, hint, createdAt, expiresAt, lastUsedAt, lastUsedIp, null, null, remindedDays,
                selfRotate, previousSecretUntil, secretGeneration, List.of());
    }

    /** A token with no replaced secret still working. */
    public PersonalAccessToken(String id, String realmId, String userId, String name, List<String> scopes, String hint,
                               long createdAt, Long expiresAt, Long lastUsedAt, String lastUsedIp, Integer remindedDays,
                               boolean selfRotate) {
        this(id, realmId, userId, name, scopes, hint, createdAt, expiresAt, lastUsedAt, lastUsedIp, remindedDays, selfRotate,
                null, 0);
    }

    /** The same token, its use noted. */
    public PersonalAccessToken usedAt(long nowSeconds, TokenUse use) {
        return new PersonalAccessToken(id, realmId, userId, name, scopes, hint, createdAt, expiresAt, nowSeconds,
                use.address(), use.clientId(), use.via(), remindedDays, selfRotate, previousSecretUntil, secretGeneration,
                pendingScopes);
    }

    public boolean isExpiredAt(long nowSeconds) {
        return expiresAt != null && nowSeconds >= expiresAt;
    }

    /** The time of the last use, or of creation for a token never used. */
    public long lastActivityAt() {
        return lastUsedAt != null ? lastUsedAt : createdAt;
    }
}
