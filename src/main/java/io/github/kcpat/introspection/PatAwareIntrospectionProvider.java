package io.github.kcpat.introspection;

import io.github.kcpat.model.PersonalAccessTokenProvider;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.ModelException;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;

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

    private boolean audienceAllows(EventBuilder event, AccessToken base, AccessToken claims) {
        this.eventBuilder = event;
        this.token = base;
        this.transformedToken = claims;
        return verifyAudience();
    }
}
