package io.github.kcpat.account;

import io.github.kcpat.access.DerivedTokens;
import io.github.kcpat.http.PatApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.Auth;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Authenticates a caller the way Keycloak's Account REST API does: a signed access token of the realm, with the
 * {@code account} audience and the {@code manage-account} role. A personal access token is not a signed access
 * token, so it is refused here: a leaked PAT cannot mint, list or delete PATs; nor can a token exchanged from one.
 */
final class AccountBearerAuthenticator {

    private final KeycloakSession session;

    AccountBearerAuthenticator(KeycloakSession session) {
        this.session = session;
    }

    AccountCaller authenticate() {
        RealmModel realm = session.getContext().getRealm();
        AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        } catch (WebApplicationException e) {
            result = null;
        }
        if (result == null) {
            throw PatApiException.unauthorized(realm.getName(), "A valid bearer access token is required");
        }
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        if (account == null || !account.isEnabled()) {
            throw new PatApiException(Response.Status.FORBIDDEN, "access_denied", "Account management is not enabled in this realm");
        }
        if (DerivedTokens.isDerived(result.getToken())) {
            throw PatApiException.unauthorized(realm.getName(),
                    "A token exchanged from a personal access token cannot manage personal access tokens");
        }
        AccessToken token = withAccountClaims(result);
        if (!token.hasAudience(account.getClientId())) {
            throw PatApiException.unauthorized(realm.getName(), "The access token is not meant for account management");
        }
        if (result.getUser().getServiceAccountClientLink() != null) {
            throw new PatApiException(Response.Status.FORBIDDEN, "access_denied",
                    "Service accounts cannot manage personal access tokens here");
        }
        Auth auth = new Auth(realm, token, result.getUser(), account, result.getSession(), false);
        if (!auth.hasClientRole(account, AccountRoles.MANAGE_ACCOUNT)) {
            throw new PatApiException(Response.Status.FORBIDDEN, "access_denied",
                    "The manage-account role is required to manage personal access tokens");
        }
        return new AccountCaller(result.getUser(), result.getToken(), result.getSession());
    }

    /** Lightweight access tokens carry no audience or roles; Keycloak's account API re-computes them the same way. */
    private AccessToken withAccountClaims(AuthResult result) {
        AccessToken token = result.getToken();
        if (token.getAudience() != null && token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID) != null) {
            return token;
        }
        AccessTokenIntrospectionProvider<?> provider = (AccessTokenIntrospectionProvider<?>) session.getProvider(
                TokenIntrospectionProvider.class, AccessTokenIntrospectionProviderFactory.ACCESS_TOKEN_TYPE);
        return provider.transformAccessToken(token, result.getSession());
    }
}
