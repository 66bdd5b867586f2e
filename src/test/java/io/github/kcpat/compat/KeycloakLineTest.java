package io.github.kcpat.compat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeycloakLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"26.4.7", "26.5.6", "26.7.0", "26.7.3"})
    void theTestedVersionsAreSupported(String version) {
        assertTrue(new KeycloakLine(version).supported());
    }

    @ParameterizedTest
    @ValueSource(strings = {"26.5.0", "26.4.0", "26.6.2", "26.7.4", "26.8.0", "25.0.6", "999.0.0-SNAPSHOT", "", "unknown"})
    void anyOtherVersionIsNot(String version) {
        assertFalse(new KeycloakLine(version).supported());
        assertFalse(new KeycloakLine(null).supported());
    }

    @Test
    void theAudienceRuleArrivedIn26_7() {
        assertTrue(new KeycloakLine("26.7.3").hasIntrospectionAudienceRule());
        assertFalse(new KeycloakLine("26.5.6").hasIntrospectionAudienceRule());
        assertFalse(new KeycloakLine("26.4.7").hasIntrospectionAudienceRule());
    }

    @Test
    void theRefusalNamesTheVersionAndEverySupportedOne() {
        String refusal = new KeycloakLine("26.5.0").refusal();
        assertTrue(refusal.contains("26.5.0"));
        KeycloakLine.SUPPORTED.forEach(v -> assertTrue(refusal.contains(v), v));
        assertFalse(refusal.contains("\n"), "one line");
    }
}
