package io.github.kcpat.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PatAuditEventsTest {

    @Test
    void namesKeepEverythingButCharactersBeyondTheBasicPlane() {
        assertEquals("deploy <prod> é 中文", PatAuditEvents.storable("deploy <prod> é 中文"));
        assertEquals("rocket \uFFFD name", PatAuditEvents.storable("rocket \uD83D\uDE80 name"));
    }
}
