package io.github.kcpat.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;

/**
 * Keycloak's own computation of introspection claims, {@code TokenManager.transformIntrospectionAccessToken}: since
 * 26.6 it takes the token and the "small" token it fills, before it took the token alone. Which form the server has
 * is {@link ServerCapabilities#introspectionClaims()}; the method is resolved once.
 */
public final class IntrospectionClaims {

    private static final ServerCapabilities.ClaimsForm FORM = ServerCapabilities.current().introspectionClaims();
    private static final MethodHandle METHOD_HANDLE = switch (FORM) {
        case TOKEN_AND_SMALL_TOKEN -> find(ServerCapabilities.TOKEN_AND_SMALL_TOKEN);
        case TOKEN_ONLY -> find(ServerCapabilities.TOKEN_ONLY);
        case MISSING -> null;
    };

    private IntrospectionClaims() {
    }

    public static AccessToken compute(TokenManager tokenManager, KeycloakSession session, AccessToken base,
                                      UserSessionModel userSession, ClientSessionContext context) {
        try {
            if (METHOD_HANDLE != null && FORM == ServerCapabilities.ClaimsForm.TOKEN_AND_SMALL_TOKEN) {
                return (AccessToken) METHOD_HANDLE.invoke(tokenManager, session, base, base, userSession, context);
            }
            if (METHOD_HANDLE != null) {
                return (AccessToken) METHOD_HANDLE.invoke(tokenManager, session, base, userSession, context);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("This Keycloak has no TokenManager." + ServerCapabilities.CLAIMS_METHOD);
    }

    private static MethodHandle find(MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(TokenManager.class, ServerCapabilities.CLAIMS_METHOD, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
