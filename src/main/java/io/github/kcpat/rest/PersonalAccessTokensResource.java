package io.github.kcpat.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.policy.PolicyAttributes;
import io.github.kcpat.policy.PolicyRepresentation;
import io.github.kcpat.policy.PolicyWarnings;
import io.github.kcpat.scope.PatClient;
import io.github.kcpat.scope.ScopeTexts;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The self-service API at {@code /realms/{realm}/personal-access-tokens}: a signed-in user lists, creates, reads and
 * deletes their own tokens. Another user's token, or an unknown id, is answered 404 alike.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class PersonalAccessTokensResource {

    private static final Logger LOG = Logger.getLogger(PersonalAccessTokensResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AccountBearerAuthenticator authenticator;
    private final RevokeRateLimiter revokeLimiter;

    PersonalAccessTokensResource(KeycloakSession session, RevokeRateLimiter revokeLimiter) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.authenticator = new AccountBearerAuthenticator(session);
        this.revokeLimiter = revokeLimiter;
    }

    /** What a token may do with itself, the token as the bearer: {@link SelfResource}. */
    @Path("self")
    public SelfResource self() {
        return new SelfResource(session);
    }

    /**
     * Revokes the tokens among the values that are live in this realm: no authentication, holding the secret is the
     * proof. Always {@code 202} with the number of values received, whichever were live, so the answer is no oracle.
     */
    @POST
    @Path("revoke")
    public Response revokeExposed(InputStream body) {
        long retryAfter = revokeLimiter.acquire(session.getContext().getConnection().getRemoteAddr());
        if (retryAfter > 0) {
            PatApiException limited = new PatApiException(Response.Status.TOO_MANY_REQUESTS, "too_many_requests",
                    "At most " + revokeLimiter.limit() + " revocation requests per minute from one address; try again in "
                            + retryAfter + " seconds");
            throw new PatApiException(Response.fromResponse(limited.getResponse())
                    .header("Retry-After", Long.toString(retryAfter)).build(), limited.getMessage());
        }
        return StoreUnavailable.guard(() -> {
            ExposedTokenReport report;
            try {
                report = ExposedTokenReport.parse(RequestBody.readJson(session, body));
            } catch (InvalidTokenRequestException e) {
                throw PatApiException.invalidRequest(e.getMessage());
            }
            report.accept(session, realm);
            return Response.status(Response.Status.ACCEPTED).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(java.util.Map.of("received", report.received())).build();
        });
    }

    @GET
    public List<TokenRepresentation> list() {
        return StoreUnavailable.guard(() -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            return tokens().list(realm, caller.user()).map(t -> TokenRepresentation.of(t, PatPolicy.of(realm))).toList();
        });
    }

    @POST
    public Response create(InputStream body) {
        return StoreUnavailable.guard(() -> {
            AccountCaller caller = authenticator.authenticate();
            PatClient client = requirePatClient();
            FreshSignInRule.require(caller, PatPolicy.of(realm), realm.getName(), Time.currentTime());
            CreateTokenRequest request = parse(session, body);
            IssuedToken issued = new TokenIssuer(session).issue(client, caller.user(), request, caller.user());
            LOG.debugf("Personal access token %s created for user %s in realm %s", issued.token().id(),
                    caller.user().getId(), realm.getName());
            return NoStore.of(Response.created(location(issued.token())).entity(TokenRepresentation.of(issued, PatPolicy.of(realm))));
        });
    }

    /** The realm's policy, so that the console offers only what the realm allows. */
    @GET
    @Path("policy")
    public PolicyRepresentation policy() {
        return StoreUnavailable.guard(() -> {
            authenticator.authenticate();
            requirePatClient();
            PolicyAttributes.Reading reading = PolicyAttributes.read(realm);
            return PolicyRepresentation.of(reading.policy(), PolicyWarnings.of(realm, reading));
        });
    }

    /** A new secret for the token, shown once; the old one stops working at once. */
    @POST
    @Path("{id}/regenerate")
    public Response regenerate(@PathParam("id") String id) {
        return StoreUnavailable.guard(() -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            FreshSignInRule.require(caller, PatPolicy.of(realm), realm.getName(), Time.currentTime());
            PersonalAccessToken token = ownToken(caller, id);
            return NoStore.of(Response.ok(TokenRepresentation.of(
                    new TokenIssuer(session).regenerate(token, caller.user(), caller.user()), PatPolicy.of(realm))));
        });
    }

    static CreateTokenRequest parse(KeycloakSession session, InputStream body) {
        String json = RequestBody.readJson(session, body);
        try {
            return CreateTokenRequest.parse(json, Time.currentTime());
        } catch (InvalidTokenRequestException e) {
            throw PatApiException.invalidRequest(e.getMessage());
        }
    }

    @GET
    @Path("scopes")
    public List<ScopeRepresentation> scopes() {
        return StoreUnavailable.guard(() -> {
            AccountCaller caller = authenticator.authenticate();
            ScopeTexts texts = ScopeTexts.of(session, realm, caller.user());
            return requirePatClient().selectableScopes().values().stream()
                    .map(scope -> ScopeRepresentation.of(scope, texts))
                    .sorted(java.util.Comparator.comparing(ScopeRepresentation::name))
                    .toList();
        });
    }

    @GET
    @Path("{id}")
    public TokenRepresentation get(@PathParam("id") String id) {
        return StoreUnavailable.guard(() -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            PersonalAccessToken token = ownToken(caller, id);
            return TokenRepresentation.of(token, PatPolicy.of(realm));
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return StoreUnavailable.guard(() -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            PersonalAccessToken token = ownToken(caller, id);
            new TokenIssuer(session).delete(token, caller.user(), caller.user(), PatAuditEvents.Action.DELETED);
            LOG.debugf("Personal access token %s deleted by user %s in realm %s", id, caller.user().getId(), realm.getName());
            return Response.noContent().build();
        });
    }

    /** The caller's token with that id; another user's and an unknown id are answered 404 alike. */
    private PersonalAccessToken ownToken(AccountCaller caller, String id) {
        PersonalAccessToken token = tokens().get(realm, caller.user(), id);
        if (token == null) {
            throw PatApiException.notFound();
        }
        return token;
    }

    private PersonalAccessTokenProvider tokens() {
        return session.getProvider(PersonalAccessTokenProvider.class);
    }

    private PatClient requirePatClient() {
        PatClient client = PatClient.of(realm);
        if (client == null) {
            throw new PatApiException(Response.Status.NOT_FOUND, "not_enabled",
                    "Personal access tokens are not enabled in this realm (it has no enabled '" + PatClient.CLIENT_ID + "' client)");
        }
        return client;
    }

    private URI location(PersonalAccessToken token) {
        return UriBuilder.fromUri(session.getContext().getUri().getBaseUri())
                .path("realms").path(realm.getName()).path(PersonalAccessTokensResourceProviderFactory.ID).path(token.id())
                .build();
    }
}
