package io.github.kcpat.compat;

import java.util.List;

import org.keycloak.common.Version;

/**
 * The Keycloak version this extension runs on, and what differs between the supported versions. Only the versions
 * the test suite runs on are supported; on any other the extension switches its PAT paths off (see {@link #gate()}).
 */
public final class KeycloakLine {

    public static final List<String> SUPPORTED = List.of("26.4.7", "26.5.6", "26.7.0", "26.7.3");

    private static final KeycloakLine CURRENT = new KeycloakLine(Version.VERSION);

    private final String version;

    KeycloakLine(String version) {
        this.version = version == null ? "unknown" : version.trim();
    }

    public static KeycloakLine current() {
        return CURRENT;
    }

    public String version() {
        return version;
    }

    public boolean supported() {
        return SUPPORTED.contains(version);
    }

    /**
     * Keycloak 26.7 added the introspection audience rule (the introspecting client must be in the token's audience)
     * and the richer introspection claims API; 26.4 and 26.5 have neither.
     */
    public boolean hasIntrospectionAudienceRule() {
        return version.startsWith("26.7.");
    }

    /** The one line the server logs at start on an unsupported version. */
    public String refusal() {
        return "Personal access tokens are switched off: this is Keycloak " + version
                + ", and the extension supports Keycloak " + String.join(", ", SUPPORTED)
                + ". Run it on one of those; Keycloak itself keeps working.";
    }
}
