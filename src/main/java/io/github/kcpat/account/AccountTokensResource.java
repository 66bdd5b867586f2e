package io.github.kcpat.account;

import java.io.InputStream;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.kcpat.access.FreshSignInRule;
import io.github.kcpat.access.Refusal;
import io.github.kcpat.approval.ScopeApprovals;
import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.compat.LineStatus;
import io.github.kcpat.http.ApiCall;
import io.github.kcpat.http.ApiPath;
import io.github.kcpat.http.NoStore;
import io.github.kcpat.http.PatApiException;
import io.github.kcpat.http.RequestBody;
import io.github.kcpat.issuance.CreateTokenRequest;
import io.github.kcpat.issuance.SecretReplacementRequest;
import io.github.kcpat.issuance.TokenIssuer;
import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.ScopeRequest;
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
 * deletes their own tokens. Another user's token, or an unknown id, is answered 404 alike. Every method authenticates
 * the caller first ({@link AccountBearerAuthenticator}), inside {@link ApiCall} so that a lost database is a clear
 * 503; but revoke by value, where holding the secret is the proof, and {@code /self}, where the token is the bearer.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AccountTokensResource {

    private static final Logger LOG = Logger.getLogger(AccountTokensResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AccountBearerAuthenticator authenticator;
    private final RevokeRateLimiter revokeLimiter;

    AccountTokensResource(KeycloakSession session, RevokeRateLimiter revokeLimiter) {
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
        RevokeRateLimiter.Verdict verdict = revokeLimiter.acquire(session.getContext().getConnection().getRemoteAddr());
        if (!verdict.allowed()) {
            PatMetrics.get().revokeReport(realm, "rate_limited");
            PatApiException limited = new PatApiException(Response.Status.TOO_MANY_REQUESTS, "too_many_requests",
                    revokeLimiter.explain(verdict));
            throw ApiCall.counted(session, new PatApiException(Response.fromResponse(limited.getResponse())
                    .header("Retry-After", Long.toString(verdict.retryAfterSeconds())).build(), limited.getMessage()));
        }
        return ApiCall.run(session, () -> {
            ExposedTokenReport report;
            try {
                report = ExposedTokenReport.parse(RequestBody.readJson(session, body));
            } catch (RuntimeException notAReport) {
                PatMetrics.get().revokeReport(realm, "rejected");
                throw notAReport;
            }
            report.accept(session, realm);
            PatMetrics.get().revokeReport(realm, "accepted");
            return Response.status(Response.Status.ACCEPTED).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("received", report.received())).build();
        });
    }

    @GET
    public List<TokenRepresentation> list() {
        return ApiCall.run(session, () -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            PatPolicy policy = PatPolicy.of(realm);
            List<PersonalAccessToken> held = tokens().list(realm, caller.user()).toList();
            Map<String, List<ScopeRequest>> requests = new ScopeApprovals(session, realm).requestsByToken(held);
            return held.stream()
                    .map(t -> TokenRepresentation.of(t, policy, requests.getOrDefault(t.id(), List.of())))
                    .toList();
        });
    }

    @POST
    public Response create(InputStream body) {
        return ApiCall.run(session, () -> {
            AccountCaller caller = authenticator.authenticate();
            PatClient client = requirePatClient();
            PatPolicy policy = PatPolicy.of(realm);
            FreshSignInRule.require(caller.token(), caller.session(), policy, Time.currentTime());
            CreateTokenRequest request = CreateTokenRequest.parse(RequestBody.readJson(session, body), Time.currentTime());
            IssuedToken issued = new TokenIssuer(session, policy).issue(client, caller.user(), request, caller.user());
            LOG.debugf("Personal access token %s created for user %s in realm %s", issued.token().id(),
                    caller.user().getId(), realm.getName());
            return NoStore.of(Response.created(location(issued.token())).entity(TokenRepresentation.of(issued, policy,
                    tokens().scopeRequestsOf(issued.token().id()))));
        });
    }

    /**
     * The realm's policy, so that the console offers only what the realm allows, and the Keycloak line's status, so
     * that it warns while PATs run on an untested line by the admin's option.
     */
    @GET
    @Path("policy")
    public Map<String, Object> policy() {
        return ApiCall.run(session, () -> {
            authenticator.authenticate();
            requirePatClient();
            PolicyAttributes.Reading reading = PolicyAttributes.read(realm);
            return PolicyRepresentation.of(reading.policy(), PolicyWarnings.of(realm, reading))
                    .withKeycloakLine(LineStatus.current()).forAccount();
        });
    }

    /**
     * A new secret for the token, shown once; the old one stops working at once, or after the overlap the optional
     * body asks for ({@code {"overlapSeconds": n}}, within the realm's limit).
     */
    @POST
    @Path("{id}/regenerate")
    public Response regenerate(@PathParam("id") String id, InputStream body) {
        return ApiCall.run(session, () -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            PatPolicy policy = PatPolicy.of(realm);
            FreshSignInRule.require(caller.token(), caller.session(), policy, Time.currentTime());
            PersonalAccessToken token = ownToken(caller, id);
            SecretReplacementRequest request = SecretReplacementRequest.parse(RequestBody.readOptionalJson(session, body));
            IssuedToken issued = new TokenIssuer(session, policy).regenerate(token, caller.user(), caller.user(), request);
            return NoStore.of(Response.ok(TokenRepresentation.of(issued, policy, tokens().scopeRequestsOf(token.id()))));
        });
    }

    @GET
    @Path("scopes")
    public List<ScopeRepresentation> scopes() {
        return ApiCall.run(session, () -> {
            AccountCaller caller = authenticator.authenticate();
            ScopeTexts texts = ScopeTexts.of(session, realm, caller.user());
            return requirePatClient().selectableScopes().values().stream()
                    .map(scope -> ScopeRepresentation.of(scope, texts))
                    .sorted(Comparator.comparing(ScopeRepresentation::name))
                    .toList();
        });
    }

    @GET
    @Path("{id}")
    public TokenRepresentation get(@PathParam("id") String id) {
        return ApiCall.run(session, () -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            PersonalAccessToken token = ownToken(caller, id);
            return TokenRepresentation.of(token, PatPolicy.of(realm), tokens().scopeRequestsOf(token.id()));
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return ApiCall.run(session, () -> {
            AccountCaller caller = authenticator.authenticate();
            requirePatClient();
            PersonalAccessToken token = ownToken(caller, id);
            new TokenIssuer(session, PatPolicy.of(realm)).delete(token, caller.user(), caller.user(),
                    PatAuditEvents.Action.DELETED);
            LOG.debugf("Personal access token %s deleted by user %s in realm %s", id, caller.user().getId(), realm.getName());
            return Response.noContent().build();
        });
    }

    /** The caller's token with that id; another user's and an unknown id are answered 404 alike. */
    private PersonalAccessToken ownToken(AccountCaller caller, String id) {
        PersonalAccessToken token = tokens().get(realm, caller.user(), id);
        if (token == null) {
            throw Refusal.noSuchToken();
        }
        return token;
    }

    private PersonalAccessTokenProvider tokens() {
        return session.getProvider(PersonalAccessTokenProvider.class);
    }

    private PatClient requirePatClient() {
        PatClient client = PatClient.of(realm);
        if (client == null) {
            throw Refusal.notFound("not_enabled", "Personal access tokens are not enabled in this realm (it has no enabled '"
                    + PatClient.CLIENT_ID + "' client)");
        }
        return client;
    }

    private URI location(PersonalAccessToken token) {
        return UriBuilder.fromUri(session.getContext().getUri().getBaseUri())
                .path("realms").path(realm.getName()).path(ApiPath.SEGMENT).path(token.id())
                .build();
    }
}
