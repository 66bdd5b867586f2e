package io.github.kcpat.account;

import java.io.InputStream;
import io.github.kcpat.access.ActivePat;
import io.github.kcpat.access.ActivePatResolver;
import io.github.kcpat.access.Refusal;
import io.github.kcpat.http.ApiCall;
import io.github.kcpat.http.NoStore;
import io.github.kcpat.http.RequestBody;
import io.github.kcpat.issuance.SecretReplacementRequest;
import io.github.kcpat.issuance.TokenIssuer;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.policy.PatPolicy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/personal-access-tokens/self}: a token, presented as the bearer, reads what it is and, if its
 * owner allowed it, replaces its own secret. Nothing here tells anything about other tokens.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class SelfResource {

    private final KeycloakSession session;

    SelfResource(KeycloakSession session) {
        this.session = session;
    }

    /** The token's own id, name, scopes and times ({@code expiresAt} as it applies now, the policy's cut included). */
    @GET
    public TokenRepresentation describe() {
        return ApiCall.run(session, () -> {
            ActivePat bearer = PatBearer.authenticate(session);
            new ActivePatResolver(session).recordSelfUse(bearer);
            return TokenRepresentation.of(bearer.token(), PatPolicy.of(session.getContext().getRealm()),
                    session.getProvider(PersonalAccessTokenProvider.class).scopeRequestsOf(bearer.token().id()));
        });
    }

    /**
     * A new secret for this token, shown once; the old one stops at once, or after the overlap the optional body asks
     * for ({@code {"overlapSeconds": n}}). Same name, scopes and expiry: rotating never lengthens a token's life. Only
     * for tokens whose owner allowed it when creating them, and only with the token's current secret.
     */
    @POST
    @Path("rotate")
    public Response rotate(InputStream body) {
        return ApiCall.run(session, () -> {
            ActivePat bearer = PatBearer.authenticate(session);
            PersonalAccessToken token = bearer.token();
            if (!token.selfRotate()) {
                throw Refusal.forbidden("access_denied",
                        "This token may not rotate itself; its owner can allow that when creating a token");
            }
            if (bearer.previousSecret()) {
                throw Refusal.forbidden("access_denied",
                        "This secret was replaced and works only until its overlap ends; rotate with the current secret");
            }
            SecretReplacementRequest request = SecretReplacementRequest.parse(RequestBody.readOptionalJson(session, body));
            PatPolicy policy = PatPolicy.of(session.getContext().getRealm());
            IssuedToken issued = new TokenIssuer(session, policy).rotate(token, bearer.user(), request);
            return NoStore.of(Response.ok(TokenRepresentation.of(issued, policy,
                    session.getProvider(PersonalAccessTokenProvider.class).scopeRequestsOf(token.id()))));
        });
    }
}
