package io.github.kcpat.introspection;

import io.github.kcpat.access.DerivedTokenLiveness;
import io.github.kcpat.access.DerivedTokens;
import io.github.kcpat.access.InactiveTokenReason;
import io.github.kcpat.access.PatAccessTokens;
import io.github.kcpat.compat.IntrospectionAudience;
import io.github.kcpat.compat.ServerCapabilities;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.token.PatClaims;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.util.TokenUtil;

/**
 * Keycloak's access-token introspection, extended to PATs. It stays an {@link AccessTokenIntrospectionProvider}
 * because Keycloak's own account API casts the {@code access_token} provider to that class, and so that PATs are
 * held to Keycloak's own audience rule ({@link #verifyAudience()}).
 */
final class PatAwareIntrospectionProvider extends AccessTokenIntrospectionProvider<AccessToken> {

    PatAwareIntrospectionProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public Response introspect(String token, EventBuilder event) {
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        if (tokens.isPersonalAccessToken(token)) {
            try {
                return new PatIntrospection(session, (base, claims) -> audienceAllows(event, base, claims)).introspect(token, event);
            } catch (PersistenceException | ModelException e) {
                event.detail(Details.REASON, "Personal access token store unavailable").error(Errors.INVALID_REQUEST);
                throw new ErrorResponseException("temporarily_unavailable",
                        "Personal access tokens cannot be checked right now; try again shortly", Response.Status.SERVICE_UNAVAILABLE);
            }
        }
        return super.introspect(token, event);
    }

    /**
     * A token exchanged from a PAT passes Keycloak's own checks (signature, expiry, not-before, user, audience) and,
     * besides, its PAT must still be active: revoking, regenerating or expiring the PAT ends every token derived from it.
     */
    @Override
    protected boolean introspectionChecks(String tokenStr) {
        if (!super.introspectionChecks(tokenStr)) {
            return false;
        }
        if (!DerivedTokens.isDerived(token)) {
            return true;
        }
        return new DerivedTokenLiveness(session).activePatOf(token, eventBuilder) != null;
    }

    /**
     * The answer shows a token exchanged from a PAT as it was issued: its own (narrowed) audience, its PAT, never
     * Keycloak's own clients. (Keycloak computes the answer here on every supported version.)
     */
    @Override
    public AccessToken transformAccessToken(AccessToken token, UserSessionModel userSession) {
        AccessToken claims = super.transformAccessToken(token, userSession);
        if (claims == null || !DerivedTokens.isDerived(token)) {
            return claims;
        }
        claims.audience(token.getAudience());
        PatAccessTokens.stripKeycloakClients(realm, claims);
        PatAccessTokens.withoutSignIn(claims);
        claims.type(TokenUtil.TOKEN_TYPE_BEARER);
        claims.getOtherClaims().put(PatClaims.PAT_ID, DerivedTokens.patId(token));
        return claims;
    }

    /**
     * Keycloak's audience rule for introspection: where the server has it (26.6.2 and later) its own, as it applies
     * it to JWTs; where not, the same rule from this extension, so a PAT is held to it on every line.
     */
    private boolean audienceAllows(EventBuilder event, AccessToken base, AccessToken claims) {
        if (ServerCapabilities.current().introspectionAudienceRule()) {
            this.eventBuilder = event;
            this.token = base;
            this.transformedToken = claims;
            return verifyAudience();
        }
        ClientModel client = session.getContext().getClient();
        String[] audience = base.getAudience() != null ? base.getAudience() : claims.getAudience();
        if (IntrospectionAudience.allows(client.getClientId(), client.getAttribute(IntrospectionAudience.OPT_OUT), audience)) {
            return true;
        }
        event.detail(Details.REASON, InactiveTokenReason.AUDIENCE.describe(client.getClientId()))
                .error(InactiveTokenReason.AUDIENCE.error());
        return false;
    }
}
