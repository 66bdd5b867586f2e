package io.github.kcpat.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the release says of itself matches what it is built from: CHANGELOG.md has the release notes of the version
 * being built (the release build writes them out and fails without them, see tools/release/release.mjs), and the
 * Keycloak version the README and the admin guide name for the bundled consoles is the one of the consoles'
 * package.json, for which the admin theme's older-line messages were written.
 */
class ReleaseDocsTest {

    private static final Pattern KEYCLOAK_PACKAGE = Pattern.compile("\"@keycloak/[a-z-]+\":\\s*\"([^\"]+)\"");

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }

    /** The one version of every @keycloak package both consoles pin. */
    static String consolesKeycloakVersion() throws IOException {
        Set<String> versions = new TreeSet<>();
        for (String console : new String[] {"account-ui", "admin-ui"}) {
            Matcher m = KEYCLOAK_PACKAGE.matcher(read("themes/" + console + "/package.json"));
            while (m.find()) {
                versions.add(m.group(1));
            }
        }
        assertEquals(1, versions.size(), "the consoles pin one exact version of Keycloak's packages: " + versions);
        String version = versions.iterator().next();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), "an exact version, not a range: " + version);
        return version;
    }

    private static String named(String text, Pattern pattern, String where) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), where + " names the bundled consoles' Keycloak version (" + pattern + ")");
        return m.group(1);
    }

    @Test
    void theDocsNameTheKeycloakVersionTheConsolesAreBuiltFrom() throws IOException {
        String version = consolesKeycloakVersion();
        String readme = read("README.md");
        String compatibility = readme.substring(readme.indexOf("## Compatibility and upgrades"));
        assertEquals(version, named(compatibility,
                Pattern.compile("bundled account and admin consoles are built from Keycloak (\\S+)'s npm packages"),
                "README's Compatibility and upgrades"));
        assertEquals(version, named(read("docs/admin-guide.md"),
                Pattern.compile("The console in the jar is Keycloak (\\S+)'s, on every line"), "the admin guide"));
        assertEquals(version, named(read("themes/personal-access-tokens/admin/messages/messages_en.properties"),
                Pattern.compile("# BEGIN messages of Keycloak's admin console (\\S+) that an older server lacks"),
                "the admin theme's messages (run themes/admin-ui/scripts/older-line-messages.py)"));
    }

    @Test
    void theChangelogHasTheReleaseNotesOfTheVersionBuilt() throws IOException {
        String version = System.getProperty("project.version");
        if (version == null) {
            Matcher m = Pattern.compile("<revision>([^<]+)</revision>").matcher(read("pom.xml"));
            assertTrue(m.find());
            version = m.group(1);
        }
        String release = version.replaceFirst("-SNAPSHOT$", "");
        Matcher heading = Pattern.compile("(?m)^## \\[" + Pattern.quote(release) + "\\].*$").matcher(read("CHANGELOG.md"));
        assertTrue(heading.find(), "CHANGELOG.md has a section \"## [" + release + "]\" (the release notes of " + version + ")");
        String rest = read("CHANGELOG.md").substring(heading.end());
        int next = rest.indexOf("\n## ");
        assertTrue((next < 0 ? rest : rest.substring(0, next)).strip().length() > 0,
                "CHANGELOG.md's section of " + release + " is not empty");
    }
}
