package io.github.kcpat.issuance;

import io.github.kcpat.access.Refusal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional body of a regenerate or rotation: left out it means "at once", anything unclear is refused. */
class SecretReplacementRequestTest {

    @Test
    void noBodyOrAnEmptyOneEndsTheOldSecretAtOnce() {
        assertEquals(0, SecretReplacementRequest.parse(null).overlapSeconds());
        assertEquals(0, SecretReplacementRequest.parse("").overlapSeconds());
        assertEquals(0, SecretReplacementRequest.parse("  ").overlapSeconds());
        assertEquals(0, SecretReplacementRequest.parse("{}").overlapSeconds());
        assertEquals(0, SecretReplacementRequest.parse("{\"overlapSeconds\": null}").overlapSeconds());
    }

    @Test
    void aWholeNumberOfSecondsIsTaken() {
        assertEquals(3600, SecretReplacementRequest.parse("{\"overlapSeconds\": 3600}").overlapSeconds());
        assertEquals(0, SecretReplacementRequest.parse("{\"overlapSeconds\": 0}").overlapSeconds());
    }

    @Test
    void everythingElseIsAClearRefusal() {
        for (String body : new String[] {"{\"overlapSeconds\": -1}", "{\"overlapSeconds\": \"3600\"}",
                "{\"overlapSeconds\": 1.5}", "{\"overlapSeconds\": 99999999999999999999999}", "{\"overlap\": 60}",
                "{\"overlapSeconds\": 60, \"extra\": 1}", "[60]", "60", "{not json", "\"text\""}) {
            Refusal refusal = assertThrows(Refusal.class, () -> SecretReplacementRequest.parse(body), body);
            assertEquals("invalid_request", refusal.error(), body);
            assertTrue(refusal.getMessage() == null || !refusal.getMessage().isBlank());
        }
    }
}
