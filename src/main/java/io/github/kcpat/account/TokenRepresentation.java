package io.github.kcpat.account;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.common.util.Time;

/**
 * A token as the self-service API shows it. {@code token}, the secret, is present only in the create response.
 * Times are Unix seconds; {@code expiresAt} and {@code lastUsedAt} are null for "never". {@code expiresAt} is when the
 * token stops working under the realm's current policy; {@code expiryCutByPolicy} says the policy cut it short of
 * what the token was created with. {@code previousSecretExpiresAt} is when a secret the token replaced (asked for with
 * an overlap) stops working, or null when none works any more.
 */
record TokenRepresentation(
        String id,
        String name,
        List<String> scopes,
        String hint,
        long createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long expiresAt,
        boolean expiryCutByPolicy,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long lastUsedAt,
        boolean selfRotate,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long previousSecretExpiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    /** The token as it applies now: {@code expiresAt} is its expiry cut by the realm's policy, if the policy cuts it. */
    static TokenRepresentation of(PersonalAccessToken pat, PatPolicy policy) {
        return of(pat, policy, null);
    }

    static TokenRepresentation of(IssuedToken issued, PatPolicy policy) {
        return of(issued.token(), policy, issued.secret());
    }

    private static TokenRepresentation of(PersonalAccessToken pat, PatPolicy policy, String secret) {
        Long effective = policy.effectiveExpiry(pat);
        return new TokenRepresentation(pat.id(), pat.name(), pat.scopes(), pat.hint(), pat.createdAt(), effective,
                !java.util.Objects.equals(effective, pat.expiresAt()), pat.lastUsedAt(), pat.selfRotate(),
                policy.previousSecretLiveUntil(pat, Time.currentTime()), secret);
    }

    @Override
    public String toString() {
        return "TokenRepresentation[" + id + "]";
    }
}
