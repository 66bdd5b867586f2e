package io.github.kcpat.compat;

import org.keycloak.Config;

/**
 * The one decision whether PATs are on on this server, asked by every part of the extension (introspection,
 * exchange, both APIs, the cache and the lifecycle task): on every known line, and on an unknown one only when the
 * admin set {@code --spi-realm-restapi-extension--personal-access-tokens--allow-untested-keycloak-line=true}.
 * Read once, from Keycloak's configuration, so that no factory depends on another's start order.
 */
public final class PatGate {

    public static final String OPTION = "allow-untested-keycloak-line";
    private static final String SPI = "realm-restapi-extension";
    private static final String PROVIDER = "personal-access-tokens";

    private static volatile Boolean allowUntested;

    private PatGate() {
    }

    public static boolean on() {
        return decide(KeycloakLine.current(), allowUntested());
    }

    static boolean decide(KeycloakLine line, boolean allowUntested) {
        return line.known() || allowUntested;
    }

    /** Whether the admin opted in to running on a line this release is not tested on. */
    public static boolean allowUntested() {
        Boolean allowed = allowUntested;
        if (allowed == null) {
            Config.Scope scope = Config.scope(SPI, PROVIDER);
            allowed = scope != null && Boolean.TRUE.equals(scope.getBoolean(OPTION, false));
            allowUntested = allowed;
        }
        return allowed;
    }

    /** The line to log at start: the refusal (ERROR), the warning (WARN), or null on a known line. */
    public static String startMessage() {
        KeycloakLine line = KeycloakLine.current();
        if (line.known()) {
            return null;
        }
        return allowUntested() ? line.untestedWarning() : line.refusal();
    }
}
