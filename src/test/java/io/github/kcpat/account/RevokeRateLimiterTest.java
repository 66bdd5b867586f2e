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
        for (int i = 0; i < RevokeRateLimiter.MAX_ADDRESSES + 10; i++) {
            limiter.acquire("addr-" + i);
        }
        // the flood reset the table: no memory was kept for it beyond the bound
        assertEquals(0, limiter.acquire("first"));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RevokeRateLimiter(-1, 60, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RevokeRateLimiter(1, 0, now::get));
    }
}
