package io.github.kcpat.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What each kind of refusal says, which each API turns into its status and error. */
class RefusalTest {

    private static void assertRefusal(Refusal refusal, Refusal.Kind kind, String error, String description, int maxAge) {
        assertEquals(kind, refusal.kind());
        assertEquals(error, refusal.error());
        assertEquals(description, refusal.getMessage());
        assertEquals(maxAge, refusal.maxAge());
    }

    @Test
    void eachKindCarriesItsErrorAndDescription() {
        assertRefusal(Refusal.invalid("invalid_target", "d"), Refusal.Kind.INVALID, "invalid_target", "d", 0);
        assertRefusal(Refusal.invalidRequest("d"), Refusal.Kind.INVALID, "invalid_request", "d", 0);
        assertRefusal(Refusal.forbidden("access_denied", "d"), Refusal.Kind.FORBIDDEN, "access_denied", "d", 0);
        assertRefusal(Refusal.notFound("not_found", "d"), Refusal.Kind.NOT_FOUND, "not_found", "d", 0);
        assertRefusal(Refusal.conflict("d"), Refusal.Kind.CONFLICT, "conflict", "d", 0);
        assertRefusal(Refusal.stepUp(120, "d"), Refusal.Kind.STEP_UP, "insufficient_user_authentication", "d", 120);
    }

    @Test
    void everyTokenTheCallerMayNotSeeIsAnsweredAlike() {
        // unknown and other people's tokens alike: the answer does not tell which
        Refusal unknown = Refusal.noSuchToken();
        Refusal others = Refusal.noSuchToken();
        assertRefusal(unknown, Refusal.Kind.NOT_FOUND, "not_found", "No such personal access token", 0);
        assertEquals(unknown.getMessage(), others.getMessage());
    }

    @Test
    void itIsAnAnswerNotAFault() {
        Refusal refusal = Refusal.forbidden("access_denied", "d");
        assertEquals(0, refusal.getStackTrace().length, "no stack trace");
        refusal.addSuppressed(new IllegalStateException());
        assertEquals(0, refusal.getSuppressed().length, "nothing attached");
        assertEquals(null, refusal.getCause());
    }
}
