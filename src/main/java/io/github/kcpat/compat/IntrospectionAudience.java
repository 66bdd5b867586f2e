package io.github.kcpat.compat;

import java.util.Arrays;

/**
 * Keycloak's audience rule for introspection (CVE-2026-37979, in Keycloak since 26.6.2), for the servers whose own
 * introspection lacks it: the introspecting client must be in the token's audience, unless the client's attribute
 * {@value #OPT_OUT} is {@code true}. A PAT lives for months, so it follows the rule on every line, whatever the
 * server does for JWTs. (The server-wide opt-out Keycloak added with the rule exists only where the rule does.)
 */
public final class IntrospectionAudience {

    /** Keycloak's own per-client opt-out attribute. */
    public static final String OPT_OUT = "allow.token.introspection.without.audience.check";

    private IntrospectionAudience() {
    }

    /**
     * @param clientId the introspecting client
     * @param optOut the client's {@value #OPT_OUT} attribute, or null
     * @param audience the token's audience, or null when it has none
     */
    public static boolean allows(String clientId, String optOut, String[] audience) {
        if (audience != null && clientId != null && Arrays.asList(audience).contains(clientId)) {
            return true;
        }
        return Boolean.parseBoolean(optOut);
    }
}
