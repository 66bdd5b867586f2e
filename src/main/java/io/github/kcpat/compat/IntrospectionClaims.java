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
 * 26.7 it takes the token and the "small" token it fills, before it took the token alone. Resolved once.
 */
public final class IntrospectionClaims {

    private static final MethodHandle SINCE_26_7 = find(MethodType.methodType(AccessToken.class, KeycloakSession.class,
            AccessToken.class, AccessToken.class, UserSessionModel.class, ClientSessionContext.class));
    private static final MethodHandle BEFORE_26_7 = find(MethodType.methodType(AccessToken.class, KeycloakSession.class,
            AccessToken.class, UserSessionModel.class, ClientSessionContext.class));

    private IntrospectionClaims() {
    }

    public static AccessToken compute(TokenManager tokenManager, KeycloakSession session, AccessToken base,
                                      UserSessionModel userSession, ClientSessionContext context) {
        try {
            if (SINCE_26_7 != null) {
                return (AccessToken) SINCE_26_7.invoke(tokenManager, session, base, base, userSession, context);
            }
            if (BEFORE_26_7 != null) {
                return (AccessToken) BEFORE_26_7.invoke(tokenManager, session, base, userSession, context);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("This Keycloak has no TokenManager.transformIntrospectionAccessToken");
    }

    private static MethodHandle find(MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(TokenManager.class, "transformIntrospectionAccessToken", type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
