package io.github.kcpat.signals;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.kcpat.policy.PatPolicy;
import org.junit.jupiter.api.Test;

class PolicyCutsTest {

    private static PatPolicy policy(boolean expiryRequired, int maxLifetimeDays, int maxOverlapSeconds) {
        return new PatPolicy(expiryRequired, maxLifetimeDays, 30, 50, 0, List.of("account-console"), 300, true,
                maxOverlapSeconds);
    }

    @Test
    void onlyAChangeThatCanEndSomethingNowIsLookedAt() {
        PatPolicy base = policy(false, 365, 86_400);
        assertTrue(PolicyCuts.tightens(base, policy(true, 365, 86_400)), "expiry now required");
        assertTrue(PolicyCuts.tightens(base, policy(false, 30, 86_400)), "shorter longest lifetime");
        assertTrue(PolicyCuts.tightens(policy(false, 0, 86_400), policy(false, 400, 86_400)), "a limit where none was");
        assertTrue(PolicyCuts.tightens(base, policy(false, 365, 0)), "shorter longest overlap");
        assertFalse(PolicyCuts.tightens(base, base));
        assertFalse(PolicyCuts.tightens(base, policy(false, 0, 86_400)), "no limit any more");
        assertFalse(PolicyCuts.tightens(base, policy(false, 400, 90_000)), "longer limits");
        assertFalse(PolicyCuts.tightens(policy(true, 365, 86_400), base), "expiry no longer required");
    }

    @Test
    void anEndIsTheChangesWhenItWasLaterAndIsNowPast() {
        assertTrue(PolicyCuts.endsNow(null, 1000L, 1000));
        assertTrue(PolicyCuts.endsNow(2000L, 500L, 1000));
        assertFalse(PolicyCuts.endsNow(900L, 500L, 1000), "it had ended already");
        assertFalse(PolicyCuts.endsNow(2000L, 1500L, 1000), "it ends later: the clock's");
        assertFalse(PolicyCuts.endsNow(null, null, 1000));
    }
}
