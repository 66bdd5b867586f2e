package io.github.kcpat.account;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.ScopeRequest;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.common.util.Time;

/**
 * A token as the self-service API shows it. {@code token}, the secret, is present only in the create response.
 * Times are Unix seconds; {@code expiresAt} and {@code lastUsedAt} are null for "never". {@code expiresAt} is when the
 * token stops working under the realm's current policy; {@code expiryCutByPolicy} says the policy cut it short of
 * what the token was created with. {@code previousSecretExpiresAt} is when a secret the token replaced (asked for with
 * an overlap) stops working, or null when none works any more. {@code scopes} are the scopes asked for;
 * {@code scopeApprovals} has one entry per scope that needs (or needed, when asked) an approver, with its state: only
 * the scopes that need none, or were approved, are in the token's claims. {@code lastUsedVia} says how the token was
 * last used ({@code introspection}, {@code exchange} or {@code self}) and {@code lastUsedBy} the clientId of the client
 * that used it (the introspecting resource server or the exchanging client; null at {@code self}, where the holder
 * presented the token itself); both null for never, or for a use recorded by an older release. The address is the
 * admin API's only: at introspection it is the resource server's, an address inside the operator's network.
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
        @JsonInclude(JsonInclude.Include.ALWAYS) String lastUsedBy,
        @JsonInclude(JsonInclude.Include.ALWAYS) String lastUsedVia,
        boolean selfRotate,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long previousSecretExpiresAt,
        List<ScopeApprovalRepresentation> scopeApprovals,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    /**
     * The token as it applies now: {@code expiresAt} is its expiry cut by the realm's policy, if the policy cuts it.
     *
     * @param requests the token's scope requests
     */
    static TokenRepresentation of(PersonalAccessToken pat, PatPolicy policy, List<ScopeRequest> requests) {
        return of(pat, policy, requests, null);
    }

    static TokenRepresentation of(IssuedToken issued, PatPolicy policy, List<ScopeRequest> requests) {
        return of(issued.token(), policy, requests, issued.secret());
    }

    private static TokenRepresentation of(PersonalAccessToken pat, PatPolicy policy, List<ScopeRequest> requests,
                                          String secret) {
        Long effective = policy.effectiveExpiry(pat);
        return new TokenRepresentation(pat.id(), pat.name(), pat.scopes(), pat.hint(), pat.createdAt(), effective,
                !java.util.Objects.equals(effective, pat.expiresAt()), pat.lastUsedAt(), pat.lastUsedClient(),
                pat.lastUsedVia() == null ? null : pat.lastUsedVia().apiName(), pat.selfRotate(),
                policy.previousSecretLiveUntil(pat, Time.currentTime()),
                requests.stream().map(ScopeApprovalRepresentation::of).toList(), secret);
    }

    @Override
    public String toString() {
        return "TokenRepresentation[" + id + "]";
    }
}
