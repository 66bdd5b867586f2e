package io.github.kcpat.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Set;

import org.keycloak.common.Profile;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.util.DefaultClientSessionContext;

/**
 * Keycloak's client session context for a given set of client scopes,
 * {@code DefaultClientSessionContext.fromClientSessionAndClientScopes}: since 26.5 it also takes the restricted scopes
 * (none here), before it did not. The method is resolved once. Where the server has neither form, or resolves scopes
 * through the authorization request (the preview feature of parameterized, formerly dynamic, scopes), the caller
 * lets Keycloak work the scopes out from the scope parameter instead.
 */
public final class ScopedClientSessionContext {

    private static final MethodHandle WITH_RESTRICTED = find(MethodType.methodType(DefaultClientSessionContext.class,
            AuthenticatedClientSessionModel.class, Set.class, Set.class, KeycloakSession.class));
    private static final MethodHandle WITHOUT_RESTRICTED = WITH_RESTRICTED != null ? null : find(MethodType.methodType(
            DefaultClientSessionContext.class, AuthenticatedClientSessionModel.class, Set.class, KeycloakSession.class));

    private ScopedClientSessionContext() {
    }

    /** True when scopes may be given to Keycloak as a set: one of the two forms, and no parameterized scopes. */
    public static boolean available() {
        return (WITH_RESTRICTED != null || WITHOUT_RESTRICTED != null) && !Parameterized.ON;
    }

    public static ClientSessionContext of(AuthenticatedClientSessionModel clientSession, Set<?> scopes, KeycloakSession session) {
        try {
            if (WITH_RESTRICTED != null) {
                return (ClientSessionContext) WITH_RESTRICTED.invoke(clientSession, scopes, null, session);
            }
            return (ClientSessionContext) WITHOUT_RESTRICTED.invoke(clientSession, scopes, session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The preview feature that resolves scopes through the authorization request, by either of its names. */
    private static final class Parameterized {
        static final boolean ON = Arrays.stream(Profile.Feature.values())
                .filter(f -> f.name().equals("PARAMETERIZED_SCOPES") || f.name().equals("DYNAMIC_SCOPES"))
                .anyMatch(Profile::isFeatureEnabled);
    }

    private static MethodHandle find(MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(DefaultClientSessionContext.class, "fromClientSessionAndClientScopes", type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
