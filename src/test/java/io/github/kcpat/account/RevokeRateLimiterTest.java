package io.github.kcpat.account;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevokeRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void letsTheLimitThroughPerAddressAndWindowThenSaysWhenToComeBack() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(3, 60, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire("10.0.0.1"));
        }
        assertEquals(60, limiter.acquire("10.0.0.1"));
        assertEquals(0, limiter.acquire("10.0.0.2"), "another address has its own budget");
        now.addAndGet(45);
        assertEquals(15, limiter.acquire("10.0.0.1"));
        now.addAndGet(15);
        assertEquals(0, limiter.acquire("10.0.0.1"), "a new window");
    }

    @Test
    void zeroMeansNoLimit() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(0, 60, now::get);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, limiter.acquire("10.0.0.1"));
        }
    }

    @Test
    void holdsABoundedNumberOfAddresses() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(1, 60, now::get);
        limiter.acquire("first");
        assertTrue(limiter.acquire("first") > 0);
        // an attacker floods new addresses to push their own window out, while calling on from their own address
        for (int i = 0; i < 3 * RevokeRateLimiter.MAX_ADDRESSES; i++) {
            limiter.acquire("addr-" + i);
            if (i % 100 == 0) {
                assertTrue(limiter.acquire("first") > 0, "still limited after " + i + " addresses");
            }
        }
        assertTrue(limiter.addresses() <= RevokeRateLimiter.MAX_ADDRESSES, "no memory beyond the bound");
        assertTrue(limiter.acquire("first") > 0, "a flood of one-off addresses does not reset an address that keeps calling");
        now.addAndGet(60);
        assertEquals(0, limiter.acquire("first"), "its window still ends on time");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RevokeRateLimiter(-1, 60, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RevokeRateLimiter(1, 0, now::get));
    }
}
