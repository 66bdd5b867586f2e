package io.github.kcpat.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenUseTest {

    @Test
    void theHolderAtSelfIsNoClient() {
        TokenUse use = new TokenUse(TokenUse.Via.SELF, "orders-api", "10.1.2.3");
        assertNull(use.clientId(), "a client named for a use at /self is dropped");
        assertEquals("10.1.2.3", use.address());
    }

    @Test
    void whatDoesNotFitTheRowIsRecordedAsUnknown() {
        TokenUse use = TokenUse.introspection("c".repeat(256), "a".repeat(65));
        assertNull(use.clientId());
        assertNull(use.address());
        assertEquals("c".repeat(255), TokenUse.exchange("c".repeat(255), null).clientId());
        assertThrows(IllegalArgumentException.class, () -> new TokenUse(null, "x", null));
    }

    @Test
    void aStoredKindReadsBackAndAnUnknownOneIsNone() {
        for (TokenUse.Via via : TokenUse.Via.values()) {
            assertEquals(via, TokenUse.Via.ofApiName(via.apiName()));
        }
        assertEquals("introspection", TokenUse.Via.INTROSPECTION.apiName());
        assertNull(TokenUse.Via.ofApiName(null), "a use recorded by an older release");
        assertNull(TokenUse.Via.ofApiName("carrier-pigeon"), "a kind a newer release wrote");
    }
}
