package io.github.kcpat.exchange;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.kcpat.access.ActivePat;
import io.github.kcpat.access.ActivePatResolver;
import io.github.kcpat.access.PatAccessTokens;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.CorsErrorResponseException;

/**
 * Exchanges a PAT ({@code subject_token}, of type access token) for a signed JWT access token that carries what the
 * PAT's introspection would answer, for resource servers that only verify JWTs. Only a confidential client with
 * Keycloak's "Standard token exchange" switched on may exchange; the new token has at most the PAT's scopes and lives
 * no longer than the realm's access token lifespan nor the PAT's remaining life.
 */
final class PatTokenExchangeProvider implements TokenExchangeProvider {

    /** The client switch Keycloak's own standard token exchange reads. */
    static final String EXCHANGE_ENABLED = "standard.token.exchange.enabled";

    private final KeycloakSession session;

    PatTokenExchangeProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public boolean supports(TokenExchangeContext context) {
        String subject = context.getParams().getSubjectToken();
        return subject != null && session.getProvider(PersonalAccessTokenProvider.class).isPersonalAccessToken(subject);
    }

    @Override
    public Response exchange(TokenExchangeContext context) {
        EventBuilder event = context.getEvent();
        TokenExchangeContext.Params params = context.getParams();
        ClientModel client = context.getClient();
        if (client == null || client.isPublicClient() || !Boolean.parseBoolean(client.getAttribute(EXCHANGE_ENABLED))) {
            throw error(context, Errors.NOT_ALLOWED, "unauthorized_client",
                    "This client may not exchange personal access tokens", Response.Status.BAD_REQUEST);
        }
        if (!OAuth2Constants.ACCESS_TOKEN_TYPE.equals(params.getSubjectTokenType())) {
            throw error(context, Errors.INVALID_REQUEST, "invalid_request",
                    "A personal access token is a subject_token of type " + OAuth2Constants.ACCESS_TOKEN_TYPE,
                    Response.Status.BAD_REQUEST);
        }
        String requestedType = params.getRequestedTokenType();
        if (requestedType != null && !OAuth2Constants.ACCESS_TOKEN_TYPE.equals(requestedType)) {
            throw error(context, Errors.INVALID_REQUEST, "invalid_request",
                    "A personal access token is exchanged for an access token only", Response.Status.BAD_REQUEST);
        }
        if (params.getActorToken() != null || (params.getResource() != null && !params.getResource().isEmpty())) {
            throw error(context, Errors.INVALID_REQUEST, "invalid_request",
                    "actor_token and resource are not supported for personal access tokens", Response.Status.BAD_REQUEST);
        }

        ActivePatResolver resolver = new ActivePatResolver(session);
        ActivePat active = resolver.resolve(params.getSubjectToken(), event);
        if (active == null) {
            throw new CorsErrorResponseException(context.getCors(), "invalid_request", "Invalid subject token",
                    Response.Status.BAD_REQUEST);
        }
        String scope = scope(context, active);
        resolver.recordUse(active);
        AccessTokenResponse response = new PatAccessTokens(session).exchange(active, scope, event);
        List<String> audience = audienceOf(response);
        requireAudience(context, audience, params.getAudience());
        event.detail(Details.AUDIENCE, String.join(" ", audience))
                .detail(Details.SCOPE, response.getScope())
                .success();
        return context.getCors().add(Response.ok(response, MediaType.APPLICATION_JSON_TYPE));
    }

    /** The scopes asked for, which must all be the PAT's; none asked for means all of the PAT's. */
    private String scope(TokenExchangeContext context, ActivePat active) {
        String requested = context.getParams().getScope();
        if (requested == null || requested.isBlank()) {
            return String.join(" ", active.token().scopes());
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        List<String> beyond = asked.stream().filter(s -> !active.token().scopes().contains(s)).toList();
        if (!beyond.isEmpty()) {
            throw error(context, Errors.INVALID_REQUEST, "invalid_scope",
                    "The personal access token does not carry: " + String.join(" ", beyond), Response.Status.BAD_REQUEST);
        }
        return String.join(" ", asked);
    }

    private void requireAudience(TokenExchangeContext context, List<String> audience, List<String> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return;
        }
        List<String> missing = wanted.stream().filter(a -> !audience.contains(a)).toList();
        if (!missing.isEmpty()) {
            throw error(context, Errors.INVALID_REQUEST, "invalid_target",
                    "The personal access token's scopes do not reach: " + String.join(" ", missing),
                    Response.Status.BAD_REQUEST);
        }
    }

    private static List<String> audienceOf(AccessTokenResponse response) {
        try {
            AccessToken token = TokenVerifier.create(response.getToken(), AccessToken.class).getToken();
            return token.getAudience() == null ? List.of() : List.of(token.getAudience());
        } catch (VerificationException e) {
            throw new IllegalStateException("The token just issued cannot be read", e);
        }
    }

    private static CorsErrorResponseException error(TokenExchangeContext context, String eventError, String error,
                                                    String description, Response.Status status) {
        context.getEvent().detail(Details.REASON, description).error(eventError);
        return new CorsErrorResponseException(context.getCors(), error, description, status);
    }

    @Override
    public void close() {
    }
}
