package io.github.kcpat.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.github.kcpat.account.RevokeRateLimiter.Scope;
import io.github.kcpat.account.RevokeRateLimiter.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevokeRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void letsTheLimitThroughPerAddressAndWindowThenSaysWhenToComeBack() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(3, 60, now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("10.0.0.1").allowed());
        }
        assertEquals(new Verdict(60, Scope.ADDRESS), limiter.acquire("10.0.0.1"));
        assertTrue(limiter.acquire("10.0.0.2").allowed(), "another address has its own budget");
        now.addAndGet(45);
        assertEquals(new Verdict(15, Scope.ADDRESS), limiter.acquire("10.0.0.1"));
        now.addAndGet(15);
        assertTrue(limiter.acquire("10.0.0.1").allowed(), "a new window");
    }

    @Test
    void zeroMeansNoLimit() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(0, 60, now::get);
        for (int i = 0; i < 1000; i++) {
            assertTrue(limiter.acquire("10.0.0.1").allowed());
        }
        assertEquals(0, limiter.addresses(), "nothing held when there is no limit");
    }

    /**
     * The attack of issue #28: a limited address floods the node from 100,000 new addresses (IPv4 in a few hundred /24s,
     * IPv6 each in a /64 of its own) over most of its window, calling on from its own address all along.
     */
    @Test
    void aLimitedAddressStaysLimitedForItsWholeWindowThroughAFloodOf100000NewAddresses() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(3, 60, now::get);
        long start = now.get();
        String limited = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire(limited).allowed());
        }
        assertFalse(limiter.acquire(limited).allowed());
        int refusedAsFull = 0;
        int countedByNetwork = 0;
        for (int i = 0; i < 100_000; i++) {
            if (i % 2_000 == 1_999) {
                now.incrementAndGet(); // the flood spans 50 of the window's 60 seconds
            }
            Verdict verdict = limiter.acquire(floodAddress(i));
            refusedAsFull += verdict.scope() == Scope.FULL ? 1 : 0;
            countedByNetwork += verdict.scope() == Scope.NETWORK ? 1 : 0;
            if (i % 100 == 0) {
                assertEquals(new Verdict(start + 60 - now.get(), Scope.ADDRESS), limiter.acquire(limited),
                        "still limited, to the end of its own window, after " + i + " new addresses");
                assertTrue(limiter.addresses() <= RevokeRateLimiter.MAX_ADDRESSES, "address table within its bound");
                assertTrue(limiter.networks() <= RevokeRateLimiter.MAX_NETWORKS, "network table within its bound");
            }
        }
        assertEquals(RevokeRateLimiter.MAX_ADDRESSES, limiter.addresses(), "the address table filled up");
        assertEquals(RevokeRateLimiter.MAX_NETWORKS, limiter.networks(), "the network table filled up");
        assertTrue(countedByNetwork > 0, "past the address table, addresses were counted with their network");
        assertTrue(refusedAsFull > 0, "past both tables, new addresses were refused");
        assertEquals(Scope.FULL, limiter.acquire("198.51.100.1").scope(), "a new address is refused while both are full");

        now.set(start + 59);
        assertFalse(limiter.acquire(limited).allowed(), "limited to the last second of its window");
        now.set(start + 60);
        assertTrue(limiter.acquire(limited).allowed(), "free as soon as its window ends");
    }

    /** Half IPv4 (256 per /24), half IPv6 (each its own /64), all distinct and none in 203.0.113.0/24. */
    private static String floodAddress(int i) {
        return i % 2 == 0
                ? "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff)
                : String.format("2001:db8:%x:%x::1", i >> 16, i & 0xffff);
    }

    @Test
    void pastTheAddressTableAddressesAreCountedWithTheirNetworkAndLimitedTogether() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(2, 60, now::get, 1, 10);
        assertTrue(limiter.acquire("192.0.2.1").allowed());
        assertTrue(limiter.acquire("198.51.100.1").allowed(), "the first address of its /24 in the network table");
        now.addAndGet(10);
        assertTrue(limiter.acquire("198.51.100.2").allowed(), "its neighbour shares the network's budget");
        assertEquals(new Verdict(50, Scope.NETWORK), limiter.acquire("198.51.100.3"));
        assertEquals(new Verdict(50, Scope.NETWORK), limiter.acquire("198.51.100.1"));
        assertTrue(limiter.acquire("198.51.101.1").allowed(), "another /24 has its own budget");
        assertTrue(limiter.acquire("2001:db8:1:2::a").allowed());
        assertTrue(limiter.acquire("2001:db8:1:2:ffff::b").allowed(), "the same /64");
        assertEquals(Scope.NETWORK, limiter.acquire("2001:db8:1:2::c").scope());
        assertEquals(1, limiter.addresses());
        assertEquals(3, limiter.networks());
    }

    @Test
    void whenBothTablesAreFullANewAddressIsRefusedUntilTheFirstWindowEnds() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(5, 60, now::get, 2, 1);
        assertTrue(limiter.acquire("192.0.2.1").allowed());
        now.addAndGet(5);
        assertTrue(limiter.acquire("192.0.2.2").allowed());
        assertTrue(limiter.acquire("198.51.100.1").allowed(), "into the network table");
        now.addAndGet(5);
        assertEquals(new Verdict(50, Scope.FULL), limiter.acquire("203.0.113.1"), "fails closed, until 192.0.2.1's window ends");
        assertTrue(limiter.acquire("192.0.2.1").allowed(), "an address already held goes on being counted");
        assertTrue(limiter.acquire("198.51.100.77").allowed(), "so does a network already held");
        now.addAndGet(50);
        assertTrue(limiter.acquire("203.0.113.1").allowed(), "a window ended: its place is free again");
        assertEquals(2, limiter.addresses());
    }

    @Test
    void endedWindowsLeaveTheTables() {
        RevokeRateLimiter limiter = new RevokeRateLimiter(1, 60, now::get, 100, 100);
        for (int i = 0; i < 150; i++) {
            limiter.acquire("10.0." + i + ".1");
        }
        assertEquals(100, limiter.addresses());
        assertEquals(50, limiter.networks());
        now.addAndGet(60);
        assertTrue(limiter.acquire("192.0.2.1").allowed());
        assertEquals(1, limiter.addresses(), "every ended window was forgotten");
        assertEquals(0, limiter.networks());
    }

    @Test
    void theBoundsHoldUnderConcurrentNewAddresses() throws Exception {
        RevokeRateLimiter limiter = new RevokeRateLimiter(1, 60, now::get, 500, 300);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        limiter.acquire("10." + thread + "." + (i >> 4) + "." + (i & 0xf));
                        limiter.acquire(String.format("2001:db8:%x:%x::1", thread, i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(500, limiter.addresses());
        assertEquals(300, limiter.networks());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RevokeRateLimiter(-1, 60, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RevokeRateLimiter(1, 0, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RevokeRateLimiter(1, 60, now::get, 0, 1));
    }
}
