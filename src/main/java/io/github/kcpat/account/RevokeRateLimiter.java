package io.github.kcpat.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} requests per client address per window of {@code windowSeconds}, on this node. Holds at most
 * {@value #MAX_ADDRESSES} addresses: past that, windows that have ended are dropped, and if that is not enough, all are
 * (a flood of addresses then costs nothing but that reset).
 */
final class RevokeRateLimiter {

    static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final long windowSeconds;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long start, int count) {
    }

    /** @param limit requests per window and address; 0 means no limit */
    RevokeRateLimiter(int limit, long windowSeconds, LongSupplier clock) {
        if (limit < 0 || windowSeconds <= 0) {
            throw new IllegalArgumentException("The rate limit must not be negative and its window must be positive");
        }
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
    }

    /** 0 when the request may go ahead (and is counted); else the seconds until it may be tried again. */
    long acquire(String address) {
        if (limit == 0) {
            return 0;
        }
        long now = clock.getAsLong();
        if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) {
            windows.values().removeIf(w -> now - w.start() >= windowSeconds);
            if (windows.size() >= MAX_ADDRESSES) {
                windows.clear();
            }
        }
        Window window = windows.compute(address == null ? "" : address, (key, w) ->
                w == null || now - w.start() >= windowSeconds ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (window.count() <= limit) {
            return 0;
        }
        return Math.max(1, window.start() + windowSeconds - now);
    }

    int limit() {
        return limit;
    }
}
