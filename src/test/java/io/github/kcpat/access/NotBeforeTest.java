package io.github.kcpat.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keycloak's not-before rule for a JWT, applied to a PAT's secret: stale only when issued in an earlier second. */
class NotBeforeTest {

    private static final long ISSUED = 1_800_000_000L;

    @Test
    void aNotBeforeInTheSecondOfIssueOrEarlierLeavesTheSecret() {
        assertFalse(NotBefore.isStale(ISSUED, ISSUED));
        assertFalse(NotBefore.isStale(ISSUED, ISSUED - 1, 0, ISSUED));
        assertFalse(NotBefore.isStale(ISSUED, 0, 0, 0), "none set");
    }

    @Test
    void aNotBeforeOfALaterSecondOfAnyOfThemEndsIt() {
        assertTrue(NotBefore.isStale(ISSUED, ISSUED + 1, 0, 0), "the realm's");
        assertTrue(NotBefore.isStale(ISSUED, 0, ISSUED + 1, 0), "the client's");
        assertTrue(NotBefore.isStale(ISSUED, 0, 0, ISSUED + 1), "the user's");
    }
}
