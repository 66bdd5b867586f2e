package io.github.kcpat.exchange;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.kcpat.access.ActivePat;
import io.github.kcpat.access.ActivePatResolver;
import io.github.kcpat.access.DerivedTokenLiveness;
import io.github.kcpat.access.ExchangeGrant;
import io.github.kcpat.access.PatAccessTokens;
import io.github.kcpat.access.Refusal;
import io.github.kcpat.compat.PatGate;
import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
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
 * Exchanges a PAT ({@code subject_token}, of type access token), or a token already exchanged from one, for a signed
 * JWT access token that carries what the PAT's introspection would answer, for resource servers that only verify
 * JWTs. Only a confidential client with Keycloak's "Standard token exchange" switched on, and in the subject token's
 * audience, may exchange ({@link ExchangeGrant}); the new token has at most the subject's scopes and audience, never
 * outlives the PAT nor the token it was exchanged from, and reaches no Keycloak API ({@link io.github.kcpat.access.DerivedTokens}).
 */
final class PatTokenExchangeProvider implements TokenExchangeProvider {

    /** The client switch Keycloak's own standard token exchange reads. */
    static final String EXCHANGE_ENABLED = "standard.token.exchange.enabled";
    /** RFC 8693 and Keycloak parameters this provider does not support: asking for them is an error, never ignored. */
    private static final List<String> UNSUPPORTED = List.of(OAuth2Constants.REQUESTED_SUBJECT, OAuth2Constants.SUBJECT_ISSUER,
            OAuth2Constants.ACTOR_TOKEN, OAuth2Constants.ACTOR_TOKEN_TYPE, "resource", "requested_issuer");

    private final KeycloakSession session;

    PatTokenExchangeProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public boolean supports(TokenExchangeContext context) {
        String subject = context.getParams().getSubjectToken();
        if (subject == null || !PatGate.on()) {
            return false;
        }
        return session.getProvider(PersonalAccessTokenProvider.class).isPersonalAccessToken(subject)
                || DerivedTokenLiveness.claimsIfDerived(subject) != null;
    }

    @Override
    public Response exchange(TokenExchangeContext context) {
        EventBuilder event = context.getEvent();
        TokenExchangeContext.Params params = context.getParams();
        ClientModel client = context.getClient();
        if (client == null || client.isPublicClient() || !Boolean.parseBoolean(client.getAttribute(EXCHANGE_ENABLED))) {
            throw error(context, Errors.NOT_ALLOWED, "unauthorized_client",
                    "This client may not exchange personal access tokens: it must be confidential and have 'Standard token"
                            + " exchange' on (Clients -> the client -> Settings -> Capability config; client attribute "
                            + EXCHANGE_ENABLED + "=true)", Response.Status.BAD_REQUEST);
        }
        for (String parameter : UNSUPPORTED) {
            String value = context.getFormParams().getFirst(parameter);
            if (value != null && !value.isBlank()) {
                throw error(context, Errors.INVALID_REQUEST, "invalid_request",
                        "The parameter " + parameter + " is not supported for personal access tokens", Response.Status.BAD_REQUEST);
            }
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

        Subject subject = subject(context, params.getSubjectToken());
        String scope = scope(context, subject.scopes());
        ExchangeGrant grant;
        try {
            grant = ExchangeGrant.decide(context.getRealm(), client.getClientId(), subject.audience(),
                    params.getAudience(), subject.notAfter());
        } catch (Refusal refusal) {
            throw error(context, Errors.NOT_ALLOWED, refusal.error(), refusal.getMessage(),
                    refusal.kind() == Refusal.Kind.FORBIDDEN ? Response.Status.FORBIDDEN : Response.Status.BAD_REQUEST);
        }
        new ActivePatResolver(session).recordExchange(subject.active(), client);
        AccessTokenResponse response = new PatAccessTokens(session).exchange(subject.active(), scope, grant, event);
        event.detail(Details.AUDIENCE, String.join(" ", grant.audience()))
                .detail(Details.SCOPE, response.getScope())
                .success();
        PatMetrics.get().exchanged(context.getRealm(), true, null);
        // the token endpoint marks every answer no-store itself
        return context.getCors().add(Response.ok(response, MediaType.APPLICATION_JSON_TYPE));
    }

    /**
     * What is being exchanged: a PAT (the audience and scopes its introspection shows, its expiry) or a token exchanged
     * from one (its own audience, scopes and expiry, and its PAT still active).
     */
    private record Subject(ActivePat active, Set<String> audience, Set<String> scopes, Long notAfter) {
    }

    private Subject subject(TokenExchangeContext context, String subjectToken) {
        EventBuilder event = context.getEvent();
        ActivePatResolver resolver = new ActivePatResolver(session);
        if (session.getProvider(PersonalAccessTokenProvider.class).isPersonalAccessToken(subjectToken)) {
            ActivePat active = resolver.resolve(subjectToken, event);
            if (active == null) {
                throw invalidSubject(context);
            }
            AccessToken claims = new PatAccessTokens(session).introspectionView(active).claims();
            Set<String> audience = claims.getAudience() == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(claims.getAudience()));
            return new Subject(active, audience, new LinkedHashSet<>(active.scopes()), active.expiresAt());
        }
        AccessToken derived = new DerivedSubject(session).verify(subjectToken, event);
        ActivePat active = derived == null ? null : new DerivedTokenLiveness(session).activePatOf(derived, event);
        if (active == null) {
            throw invalidSubject(context);
        }
        Set<String> audience = derived.getAudience() == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(derived.getAudience()));
        Set<String> scopes = derived.getScope() == null || derived.getScope().isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(derived.getScope().trim().split("\\s+")));
        scopes.retainAll(active.scopes());
        Long notAfter = active.expiresAt() == null ? derived.getExp() : Math.min(active.expiresAt(), derived.getExp());
        return new Subject(active, audience, scopes, notAfter);
    }

    /** The scopes asked for, which must all be the subject's; none asked for means all of the subject's. */
    private String scope(TokenExchangeContext context, Set<String> available) {
        String requested = context.getParams().getScope();
        if (requested == null || requested.isBlank()) {
            return String.join(" ", available);
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        List<String> beyond = asked.stream().filter(s -> !available.contains(s)).toList();
        if (!beyond.isEmpty()) {
            throw error(context, Errors.INVALID_REQUEST, "invalid_scope",
                    "The subject token does not carry: " + String.join(" ", beyond), Response.Status.BAD_REQUEST);
        }
        return String.join(" ", asked);
    }

    private static CorsErrorResponseException invalidSubject(TokenExchangeContext context) {
        PatMetrics.get().exchanged(context.getRealm(), false, "invalid_subject");
        return new CorsErrorResponseException(context.getCors(), "invalid_request", "Invalid subject token",
                Response.Status.BAD_REQUEST);
    }

    private static CorsErrorResponseException error(TokenExchangeContext context, String eventError, String error,
                                                    String description, Response.Status status) {
        context.getEvent().detail(Details.REASON, description).error(eventError);
        PatMetrics.get().exchanged(context.getRealm(), false, error);
        return new CorsErrorResponseException(context.getCors(), error, description, status);
    }

    /** Keycloak 26.4 and 26.5 ask an exchange provider for its version: this one is a standard (V2) exchange. */
    public int getVersion() {
        return 2;
    }

    @Override
    public void close() {
    }
}
