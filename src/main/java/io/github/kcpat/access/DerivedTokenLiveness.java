package io.github.kcpat.access;

import io.github.kcpat.policy.PatPolicy;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;

/**
 * The one rule for tokens exchanged from a PAT, wherever Keycloak is asked about one (introspection under any hint,
 * exchange): such a token is worth something only while its PAT is active and still has the secret it was exchanged
 * from, and while every scope of its PAT's that it carries still counts. Keycloak's own checks (signature, expiry, not-before, user) apply on top, never instead.
 */
public final class DerivedTokenLiveness {

    private final KeycloakSession session;

    public DerivedTokenLiveness(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The claims of a text that is a JWT saying it was exchanged from a PAT, read without verifying anything (only to
     * decide which rule applies); null for anything else.
     */
    public static AccessToken claimsIfDerived(String text) {
        if (text == null || text.chars().filter(c -> c == '.').count() != 2) {
            return null;
        }
        try {
            AccessToken claims = TokenVerifier.create(text, AccessToken.class).getToken();
            return claims != null && DerivedTokens.isDerived(claims) ? claims : null;
        } catch (VerificationException | RuntimeException e) {
            return null;
        }
    }

    /** The active PAT the derived token belongs to, or null (with the reason on the event) when it is dead. */
    public ActivePat activePatOf(AccessToken derived, EventBuilder event) {
        ActivePat active = new ActivePatResolver(session).resolveById(DerivedTokens.patId(derived),
                DerivedTokens.secretIssuedAt(derived), DerivedTokens.secretGeneration(derived), event);
        if (active == null) {
            return null;
        }
        if (!DerivedTokens.belongsTo(derived, active)) {
            event.detail(Details.REASON, InactiveTokenReason.EXCHANGED_BEFORE_REPLACED.describe())
                    .error(InactiveTokenReason.EXCHANGED_BEFORE_REPLACED.error());
            return null;
        }
        if (!holdsItsScopes(derived, active)) {
            event.detail(Details.REASON, InactiveTokenReason.EXCHANGED_SCOPE_GONE.describe())
                    .error(InactiveTokenReason.EXCHANGED_SCOPE_GONE.error());
            return null;
        }
        return active;
    }

    /**
     * A token exchanged while its PAT held a scope that was then denied (or that a policy change made wait for an
     * approver) is worth nothing any more: every scope it carries that is its PAT's, or that needs approval, must
     * still count for the PAT.
     */
    private boolean holdsItsScopes(AccessToken derived, ActivePat active) {
        if (derived.getScope() == null || derived.getScope().isBlank()) {
            return true;
        }
        PatPolicy policy = PatPolicy.of(session.getContext().getRealm());
        for (String scope : derived.getScope().trim().split("\\s+")) {
            boolean counted = active.token().scopes().contains(scope) || policy.needsApproval(scope);
            if (counted && !active.scopes().contains(scope)) {
                return false;
            }
        }
        return true;
    }
}
