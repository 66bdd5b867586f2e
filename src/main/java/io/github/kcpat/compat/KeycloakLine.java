package io.github.kcpat.compat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.common.Version;

/**
 * The Keycloak line (major.minor) this extension runs on. A line is a promise of the test suite: every patch release
 * of a known line is supported, and what differs inside a line or between lines is found by what the running server
 * has ({@link ServerCapabilities}), never by its version. On a line this release does not know, PATs stay off unless
 * the admin opts in ({@link PatGate}).
 */
public final class KeycloakLine {

    /** The lines the test suite runs on, oldest first. */
    public static final List<String> KNOWN = List.of("26.4", "26.5", "26.6", "26.7");

    /**
     * For tests only: a line to report instead of the running server's, so that the gate's test can show an unknown
     * line on a distribution that is a known one. Passed to Keycloak's JVM as {@code -Dkcpat.test.keycloak-line=26.8}.
     */
    static final String TEST_OVERRIDE = "kcpat.test.keycloak-line";

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.\\-].*)?$");
    private static final KeycloakLine CURRENT = new KeycloakLine(System.getProperty(TEST_OVERRIDE, Version.VERSION));

    private final String version;
    private final String line;

    KeycloakLine(String version) {
        this.version = version == null || version.isBlank() ? "unknown" : version.trim();
        Matcher matcher = MAJOR_MINOR.matcher(this.version);
        this.line = matcher.matches() ? Integer.parseInt(matcher.group(1)) + "." + Integer.parseInt(matcher.group(2)) : null;
    }

    public static KeycloakLine current() {
        return CURRENT;
    }

    /** The version as the server reports it (or the test override). */
    public String version() {
        return version;
    }

    /** Major.minor, such as {@code 26.7}; null when the version has no such form. */
    public String line() {
        return line;
    }

    public boolean known() {
        return line != null && KNOWN.contains(line);
    }

    /** The one ERROR line the server logs at every start on an unknown line, when the admin has not opted in. */
    public String refusal() {
        return "Personal access tokens are switched off: this is Keycloak " + version + ", a line this release of the"
                + " extension is not tested on (tested: " + String.join(", ", KNOWN) + "). Install a release tested on it,"
                + " or start Keycloak with --spi-realm-restapi-extension--personal-access-tokens--" + PatGate.OPTION
                + "=true to run it at your own risk; Keycloak itself keeps working.";
    }

    /** The one WARN line the server logs at every start on an unknown line the admin has opted in to. */
    public String untestedWarning() {
        return "Personal access tokens are on at the admin's own risk: this is Keycloak " + version + ", a line this"
                + " release of the extension is not tested on (tested: " + String.join(", ", KNOWN) + "), and "
                + PatGate.OPTION + " is true. Install a release tested on it as soon as there is one.";
    }
}
