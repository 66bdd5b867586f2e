package io.github.kcpat.access;

import java.util.Arrays;
import java.util.Set;

import io.github.kcpat.compat.IntrospectionClaims;
import io.github.kcpat.compat.ScopedClientSessionContext;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.IDToken;
import org.keycloak.services.util.DefaultClientSessionContext;
import org.keycloak.util.TokenUtil;

/**
 * What Keycloak would issue, right now, to a PAT's user through the {@code personal-access-tokens} client with the
 * PAT's scopes: the same client scopes, role scope mappings and protocol mappers as for any access token. Nothing is
 * cached and no session is stored: the user session is transient and exists only for this computation.
 */
public final class PatAccessTokens {

    static final String AUTH_METHOD = "personal-access-token";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TokenManager tokenManager = new TokenManager();
    private String issuer;

    public PatAccessTokens(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The claims of a PAT as introspection shows them: {@code base} holds what identifies the token. */
    public record IntrospectionView(AccessToken base, AccessToken claims) {
    }

    public IntrospectionView introspectionView(ActivePat active) {
        // only the scopes that need no approval, or were approved
        Context context = open(active, String.join(" ", active.scopes()));
        AccessToken base = new AccessToken();
        base.id(active.token().id());
        base.type(TokenUtil.TOKEN_TYPE_BEARER);
        base.subject(active.user().getId());
        base.iat(active.secretIssuedAt());
        if (active.expiresAt() != null) {
            base.exp(active.expiresAt());
        }
        base.issuedFor(active.client().model().getClientId());
        base.issuer(issuer());
        base.setScope(context.clientSession().getScopeString());
        AccessToken claims = IntrospectionClaims.compute(tokenManager, session, base, context.userSession(),
                context.clientSession());
        withoutSignIn(claims);
        return new IntrospectionView(base, claims);
    }

    /**
     * A signed access token for the PAT, as the token endpoint issues it, with the scopes asked for (a subset of the
     * PAT's), meant only for the granted audience, marked as derived from the PAT ({@link DerivedTokens}), and living
     * no longer than the realm's access token lifespan nor the grant's bound.
     */
    public AccessTokenResponse exchange(ActivePat active, String scope, ExchangeGrant grant, EventBuilder event) {
        Context context = open(active, scope);
        TokenManager.AccessTokenResponseBuilder builder = tokenManager
                .responseBuilder(realm, active.client().model(), event, session, context.userSession(), context.clientSession())
                .generateAccessToken();
        AccessToken token = builder.getAccessToken();
        // the lifespan counts from the token's own issue time: a second read of the clock could fall a second later
        long now = token.getIat() != null ? token.getIat() : Time.currentTime();
        long exp = now + realm.getAccessTokenLifespan();
        if (grant.notAfter() != null) {
            exp = Math.min(exp, grant.notAfter());
        }
        token.exp(exp);
        withoutSignIn(token);
        narrow(token, grant);
        DerivedTokens.mark(token, active);
        AccessTokenResponse response = builder.build();
        response.setExpiresIn(Math.max(0, exp - now));
        response.setOtherClaims(OAuth2Constants.ISSUED_TOKEN_TYPE, OAuth2Constants.ACCESS_TOKEN_TYPE);
        response.setSessionState(null);
        return response;
    }

    /** The audience cut to the grant; roles of Keycloak's own clients dropped, so the token never names them. */
    private void narrow(AccessToken token, ExchangeGrant grant) {
        String[] audience = token.getAudience() == null ? new String[0] : token.getAudience();
        token.audience(Arrays.stream(audience).filter(grant.audience()::contains).toArray(String[]::new));
        stripKeycloakClients(realm, token); // also drops an audience left empty
    }

    /**
     * Drops what would claim a sign-in: a PAT is no authentication, so neither it nor a token exchanged from it says
     * when or how strongly its user signed in ({@code acr}, {@code auth_time}), whatever scopes and mappers the client
     * has. A resource server that asks for a sign-in level (step-up) is never satisfied by one.
     */
    public static void withoutSignIn(AccessToken token) {
        token.setAcr(null);
        token.setAuth_time(null);
        token.getOtherClaims().remove(IDToken.ACR);
        token.getOtherClaims().remove(IDToken.AUTH_TIME);
    }

    /** Drops what a token says about Keycloak's own clients (audience and client roles). */
    public static void stripKeycloakClients(RealmModel realm, AccessToken token) {
        if (token.getAudience() != null) {
            String[] kept = Arrays.stream(token.getAudience()).filter(a -> !KeycloakClients.isOwn(realm, a)).toArray(String[]::new);
            token.audience(kept.length == 0 ? null : kept);
        }
        if (token.getResourceAccess() != null) {
            token.getResourceAccess().keySet().removeIf(clientId -> KeycloakClients.isOwn(realm, clientId));
        }
    }

    private record Context(UserSessionModel userSession, ClientSessionContext clientSession) {
    }

    private Context open(ActivePat active, String scopeParameter) {
        UserModel user = active.user();
        ClientModel client = active.client().model();
        // straight from the session provider: a transient session needs no device record (a User-Agent parse)
        UserSessionModel userSession = session.sessions().createUserSession(KeycloakModelUtils.generateId(),
                realm, user, user.getUsername(), session.getContext().getConnection().getRemoteAddr(), AUTH_METHOD,
                false, null, null, UserSessionModel.SessionPersistenceState.TRANSIENT);
        AuthenticatedClientSessionModel clientSession = session.sessions().createClientSession(realm, client, userSession);
        clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        clientSession.setNote(OIDCLoginProtocol.ISSUER, issuer());
        clientSession.setNote(OIDCLoginProtocol.SCOPE_PARAM, scopeParameter);
        // the scopes worked out here where that is certain to match Keycloak's answer; else by Keycloak
        Set<ClientScopeModel> scopes = ScopedClientSessionContext.available() ? RequestedScopes.of(client, scopeParameter) : null;
        return new Context(userSession, scopes != null
                ? ScopedClientSessionContext.of(clientSession, scopes, session)
                : DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession, scopeParameter, session));
    }

    private String issuer() {
        if (issuer == null) {
            issuer = RealmIssuer.of(session.getContext().getUri().getBaseUri(), realm.getName());
        }
        return issuer;
    }
}
