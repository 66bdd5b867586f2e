package io.github.kcpat.access;

import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
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
import org.keycloak.services.Urls;
import org.keycloak.services.managers.UserSessionManager;
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

    public PatAccessTokens(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The claims of a PAT as introspection shows them: {@code base} holds what identifies the token. */
    public record IntrospectionView(AccessToken base, AccessToken claims) {
    }

    public IntrospectionView introspectionView(ActivePat active) {
        Context context = open(active, String.join(" ", active.token().scopes()));
        AccessToken base = new AccessToken();
        base.id(active.token().id());
        base.type(TokenUtil.TOKEN_TYPE_BEARER);
        base.subject(active.user().getId());
        base.iat(active.token().createdAt());
        if (active.expiresAt() != null) {
            base.exp(active.expiresAt());
        }
        base.issuedFor(active.client().model().getClientId());
        base.issuer(issuer());
        base.setScope(context.clientSession().getScopeString());
        AccessToken claims = tokenManager.transformIntrospectionAccessToken(session, base, base, context.userSession(),
                context.clientSession());
        return new IntrospectionView(base, claims);
    }

    /**
     * A signed access token for the PAT, as the token endpoint issues it, with the scopes asked for (a subset of the
     * PAT's) and a lifetime no longer than the realm's access token lifespan nor the PAT's remaining life.
     */
    public AccessTokenResponse exchange(ActivePat active, String scope, EventBuilder event) {
        Context context = open(active, scope);
        TokenManager.AccessTokenResponseBuilder builder = tokenManager
                .responseBuilder(realm, active.client().model(), event, session, context.userSession(), context.clientSession())
                .generateAccessToken();
        AccessToken token = builder.getAccessToken();
        long exp = (long) Time.currentTime() + realm.getAccessTokenLifespan();
        if (active.expiresAt() != null) {
            exp = Math.min(exp, active.expiresAt());
        }
        token.exp(exp);
        token.setSessionId(null);
        token.getOtherClaims().put("pat_id", active.token().id());
        AccessTokenResponse response = builder.build();
        response.setExpiresIn(exp - Time.currentTime());
        response.setOtherClaims(OAuth2Constants.ISSUED_TOKEN_TYPE, OAuth2Constants.ACCESS_TOKEN_TYPE);
        response.setSessionState(null);
        return response;
    }

    private record Context(UserSessionModel userSession, ClientSessionContext clientSession) {
    }

    private Context open(ActivePat active, String scopeParameter) {
        UserModel user = active.user();
        ClientModel client = active.client().model();
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(KeycloakModelUtils.generateId(),
                realm, user, user.getUsername(), session.getContext().getConnection().getRemoteAddr(), AUTH_METHOD,
                false, null, null, UserSessionModel.SessionPersistenceState.TRANSIENT);
        AuthenticatedClientSessionModel clientSession = session.sessions().createClientSession(realm, client, userSession);
        clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        clientSession.setNote(OIDCLoginProtocol.ISSUER, issuer());
        clientSession.setNote(OIDCLoginProtocol.SCOPE_PARAM, scopeParameter);
        return new Context(userSession,
                DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession, scopeParameter, session));
    }

    private String issuer() {
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }
}
