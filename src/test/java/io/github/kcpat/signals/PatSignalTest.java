package io.github.kcpat.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.audit.PatAuditEvents.Action;
import org.junit.jupiter.api.Test;

class PatSignalTest {

    @Test
    void aStartIsCreateAndAReplacedSecretAnUpdateByWhoeverActed() {
        assertEquals(new PatSignal("create", "user", false), PatSignal.of(Action.CREATED, false).orElseThrow());
        assertEquals(new PatSignal("create", "admin", false), PatSignal.of(Action.CREATED, true).orElseThrow());
        assertEquals(new PatSignal("update", "user", false), PatSignal.of(Action.ROTATED, false).orElseThrow());
        assertEquals(new PatSignal("update", "admin", false), PatSignal.of(Action.REGENERATED, true).orElseThrow());
    }

    @Test
    void eachEndSaysWhoEndedIt() {
        assertEquals(new PatSignal("delete", "user", false), PatSignal.of(Action.DELETED, false).orElseThrow());
        assertEquals(new PatSignal("revoke", "admin", false), PatSignal.of(Action.REVOKED, true).orElseThrow());
        assertEquals(new PatSignal("revoke", "policy", false), PatSignal.of(Action.REVOKED_UNUSED, false).orElseThrow());
        assertEquals(new PatSignal("revoke", "system", false), PatSignal.of(Action.REVOKED_REUSED, false).orElseThrow());
    }

    @Test
    void onlyAReportedExposureIsACompromise() {
        assertEquals(new PatSignal("revoke", "system", true), PatSignal.of(Action.REVOKED_EXPOSED, false).orElseThrow());
        assertEquals(new PatSignal("revoke", "system", true),
                PatSignal.of(Action.PREVIOUS_SECRET_REVOKED_EXPOSED, false).orElseThrow());
        for (Action action : Action.values()) {
            boolean compromised = PatSignal.of(action, false).map(PatSignal::compromised).orElse(false);
            assertEquals(action == Action.REVOKED_EXPOSED || action == Action.PREVIOUS_SECRET_REVOKED_EXPOSED, compromised,
                    action.name());
        }
    }

    @Test
    void aRefusedUseOfAReplacedSecretChangesNothingAndSaysNothing() {
        assertTrue(PatSignal.of(Action.REPLACED_SECRET_USED, false).isEmpty());
    }

    @Test
    void aScopeRequestSaysNothingAndItsDecisionIsAnUpdateBySomeoneElseOrThePolicy() {
        assertTrue(PatSignal.of(Action.SCOPE_REQUESTED, false).isEmpty());
        assertEquals(new PatSignal("update", "admin", false), PatSignal.of(Action.SCOPE_APPROVED, true).orElseThrow());
        assertEquals(new PatSignal("update", "admin", false), PatSignal.of(Action.SCOPE_DENIED, true).orElseThrow());
        assertEquals(new PatSignal("update", "policy", false), PatSignal.of(Action.SCOPE_LAPSED, false).orElseThrow());
    }
}
