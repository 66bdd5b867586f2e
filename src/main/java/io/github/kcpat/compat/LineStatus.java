package io.github.kcpat.compat;

import java.util.List;

/**
 * What the consoles are told of the Keycloak line this server runs on, decided by {@link PatGate} alone: the version
 * (or the test override), whether its line is one the test suite runs on, those lines, and whether PATs are on. PATs on
 * an untested line are on only by the admin's {@code allow-untested-keycloak-line}; the consoles then warn on every PAT
 * page. As JSON: {@code {"version": "26.8.0", "tested": false, "testedLines": ["26.4", …], "patsOn": true}}.
 */
public record LineStatus(String version, boolean tested, List<String> testedLines, boolean patsOn) {

    /** The running server's. */
    public static LineStatus current() {
        return of(KeycloakLine.current(), PatGate.allowUntested());
    }

    static LineStatus of(KeycloakLine line, boolean allowUntested) {
        return new LineStatus(line.version(), line.known(), KeycloakLine.KNOWN, PatGate.decide(line, allowUntested));
    }
}
