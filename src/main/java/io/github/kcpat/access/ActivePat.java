package io.github.kcpat.access;

import java.util.List;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.scope.PatClient;
import org.keycloak.models.UserModel;

/**
 * A PAT that may be used right now, with the user it acts for and the realm's PAT client.
 *
 * @param expiresAt when it stops working under the realm's current policy (Unix seconds), or null for never
 * @param secretHash the hash of the secret it was presented with, computed once when it was resolved; null when it was
 *        reached through a token exchanged from it, which carries no secret
 * @param secretIssuedAt when the secret presented (or the one the exchanged token came from) was issued: the token's
 *        creation time, or an earlier one for a replaced secret still in its overlap
 * @param secretGeneration the number of that secret among the token's secrets
 * @param scopes the token's scopes that count in its claims under the realm's current policy: those that need no
 *        approval, or were approved ({@link io.github.kcpat.policy.PatPolicy#grantedScopes})
 */
public record ActivePat(PersonalAccessToken token, UserModel user, PatClient client, Long expiresAt, String secretHash,
                        long secretIssuedAt, int secretGeneration, List<String> scopes) {

    public ActivePat {
        scopes = List.copyOf(scopes);
    }

    /** An active PAT whose scopes all count. */
    public ActivePat(PersonalAccessToken token, UserModel user, PatClient client, Long expiresAt, String secretHash,
                     long secretIssuedAt, int secretGeneration) {
        this(token, user, client, expiresAt, secretHash, secretIssuedAt, secretGeneration, token.scopes());
    }

    /** True when the secret is one the token replaced, still working until its overlap ends. */
    public boolean previousSecret() {
        return secretGeneration != token.secretGeneration() || secretIssuedAt != token.createdAt();
    }

    /** True when the PAT itself was presented (not a token exchanged from it). */
    public boolean presented() {
        return secretHash != null;
    }
}
