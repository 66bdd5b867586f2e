package io.github.kcpat.compat;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;

/**
 * Everything that differs between the Keycloak lines this extension runs on, found once at start by looking at
 * Keycloak's own classes (never by its version string), in one place, so the README's per-line table and the code
 * cannot drift apart.
 *
 * @param introspectionAudienceRule Keycloak's JWT introspection holds the introspecting client to the token's
 *        audience ({@code AccessTokenIntrospectionProvider.verifyAudience()}, since 26.6.2); where it is missing,
 *        PATs get the same rule from {@link IntrospectionAudience}
 * @param introspectionClaims which form of {@code TokenManager.transformIntrospectionAccessToken} the server has
 * @param clusterCarrier the Keycloak event class {@link ClusterCarrier} borrows exists, so the PAT cache can be
 *        invalidated on every node
 */
public record ServerCapabilities(boolean introspectionAudienceRule, ClaimsForm introspectionClaims, boolean clusterCarrier) {

    /** The forms of Keycloak's introspection-claims computation. */
    public enum ClaimsForm {
        /** {@code (session, token, smallToken, userSession, context)}: 26.6 and later */
        TOKEN_AND_SMALL_TOKEN,
        /** {@code (session, token, userSession, context)}: 26.4 and 26.5 */
        TOKEN_ONLY,
        /** neither: PAT introspection cannot compute claims */
        MISSING
    }

    static final String CLAIMS_METHOD = "transformIntrospectionAccessToken";
    static final MethodType TOKEN_AND_SMALL_TOKEN = MethodType.methodType(AccessToken.class, KeycloakSession.class,
            AccessToken.class, AccessToken.class, UserSessionModel.class, ClientSessionContext.class);
    static final MethodType TOKEN_ONLY = MethodType.methodType(AccessToken.class, KeycloakSession.class,
            AccessToken.class, UserSessionModel.class, ClientSessionContext.class);

    /** The running server's, found on first use. */
    public static ServerCapabilities current() {
        return Running.CAPABILITIES;
    }

    private static final class Running {
        static final ServerCapabilities CAPABILITIES = detect(AccessTokenIntrospectionProvider.class, TokenManager.class,
                ClusterCarrier.available());
    }

    static ServerCapabilities detect(Class<?> introspectionProvider, Class<?> tokenManager, boolean clusterCarrier) {
        return new ServerCapabilities(hasAudienceRule(introspectionProvider), claimsForm(tokenManager), clusterCarrier);
    }

    private static boolean hasAudienceRule(Class<?> introspectionProvider) {
        try {
            Method rule = introspectionProvider.getDeclaredMethod("verifyAudience");
            return rule.getReturnType() == boolean.class && !Modifier.isPrivate(rule.getModifiers())
                    && !Modifier.isStatic(rule.getModifiers());
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    private static ClaimsForm claimsForm(Class<?> tokenManager) {
        if (hasPublicMethod(tokenManager, TOKEN_AND_SMALL_TOKEN.parameterArray(), TOKEN_AND_SMALL_TOKEN.returnType())) {
            return ClaimsForm.TOKEN_AND_SMALL_TOKEN;
        }
        if (hasPublicMethod(tokenManager, TOKEN_ONLY.parameterArray(), TOKEN_ONLY.returnType())) {
            return ClaimsForm.TOKEN_ONLY;
        }
        return ClaimsForm.MISSING;
    }

    private static boolean hasPublicMethod(Class<?> type, Class<?>[] parameters, Class<?> returnType) {
        try {
            Method method = type.getMethod(CLAIMS_METHOD, parameters);
            return method.getReturnType() == returnType && !Modifier.isStatic(method.getModifiers());
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    /** One line for the server log and the server-info page. */
    public String describe() {
        return "introspection audience rule: " + (introspectionAudienceRule ? "Keycloak's" : "the extension's own")
                + "; introspection claims: " + introspectionClaims + "; cluster invalidation: "
                + (clusterCarrier ? "yes" : "no (cache off)");
    }
}
