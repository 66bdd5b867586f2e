package io.github.kcpat.compat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeycloakLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"26.4.0", "26.4.7", "26.5.0", "26.5.6", "26.6.0", "26.6.4", "26.7.0", "26.7.5", "26.7.12",
            "26.7.6-SNAPSHOT", "26.6"})
    void everyPatchOfAKnownLineIsKnown(String version) {
        assertTrue(new KeycloakLine(version).known(), version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"26.8.0", "26.8", "27.0.1", "26.3.5", "25.0.6", "999.0.0-SNAPSHOT", "", "unknown", "26", "x.y.z"})
    void anyOtherLineIsNot(String version) {
        assertFalse(new KeycloakLine(version).known(), version);
        assertFalse(new KeycloakLine(null).known());
    }

    @Test
    void theLineIsMajorDotMinor() {
        assertEquals("26.7", new KeycloakLine("26.7.5").line());
        assertEquals("26.10", new KeycloakLine("26.10.1").line());
        assertEquals("27.0", new KeycloakLine("27.0.0-SNAPSHOT").line());
        assertNull(new KeycloakLine("nightly").line());
        assertFalse(new KeycloakLine("26.70.1").known(), "26.70 is not 26.7");
    }

    @Test
    void theStartLinesNameTheVersionEveryKnownLineAndTheOption() {
        KeycloakLine line = new KeycloakLine("26.8.0");
        for (String text : new String[] {line.refusal(), line.untestedWarning()}) {
            assertTrue(text.contains("26.8.0"), text);
            KeycloakLine.KNOWN.forEach(known -> assertTrue(text.contains(known), known));
            assertTrue(text.contains(PatGate.OPTION), text);
            assertFalse(text.contains("\n"), "one line");
        }
    }

    @Test
    void theGateIsOnForAKnownLineAndForAnUnknownOneOnlyWithTheOption() {
        assertTrue(PatGate.decide(new KeycloakLine("26.7.5"), false));
        assertTrue(PatGate.decide(new KeycloakLine("26.4.7"), true));
        assertFalse(PatGate.decide(new KeycloakLine("26.8.0"), false));
        assertTrue(PatGate.decide(new KeycloakLine("26.8.0"), true));
        assertFalse(PatGate.decide(new KeycloakLine(null), false));
    }

    @Test
    void theConsolesAreToldTheLineWhetherItIsTestedAndWhetherPatsAreOn() {
        assertEquals(new LineStatus("26.7.5", true, KeycloakLine.KNOWN, true),
                LineStatus.of(new KeycloakLine("26.7.5"), false));
        assertEquals(new LineStatus("26.8.0", false, KeycloakLine.KNOWN, false),
                LineStatus.of(new KeycloakLine("26.8.0"), false));
        assertEquals(new LineStatus("26.8.0", false, KeycloakLine.KNOWN, true),
                LineStatus.of(new KeycloakLine("26.8.0"), true), "on an untested line by the admin's option");
    }
}
