package io.github.kcpat.account;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * At most {@code limit} requests per client address per window of {@code windowSeconds}, on this node. The windows
 * live in a Caffeine cache (the one the server ships) bounded to {@value #MAX_ADDRESSES} addresses, each dropped when
 * its window ends. Past the bound, Caffeine keeps the addresses seen most often: a flood of new addresses, each seen
 * once, does not push out (and so does not reset) the window of an address that keeps calling.
 */
final class RevokeRateLimiter {

    static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final long windowSeconds;
    private final LongSupplier clock;
    private final Cache<String, Window> windows;

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
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfter(new WindowEnd(TimeUnit.SECONDS.toNanos(windowSeconds)))
                .ticker(() -> TimeUnit.SECONDS.toNanos(clock.getAsLong()))
                .executor(Runnable::run)
                .build();
    }

    /** 0 when the request may go ahead (and is counted); else the seconds until it may be tried again. */
    long acquire(String address) {
        if (limit == 0) {
            return 0;
        }
        long now = clock.getAsLong();
        Window window = windows.asMap().compute(address == null ? "" : address, (key, w) ->
                w == null || now - w.start() >= windowSeconds ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (window.count() <= limit) {
            return 0;
        }
        return Math.max(1, window.start() + windowSeconds - now);
    }

    int limit() {
        return limit;
    }

    /** Addresses held now (tests). */
    long addresses() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    /** A window ends {@code windowSeconds} after its first request, however many follow. */
    private record WindowEnd(long windowNanos) implements Expiry<String, Window> {

        @Override
        public long expireAfterCreate(String key, Window value, long currentTime) {
            return windowNanos;
        }

        @Override
        public long expireAfterUpdate(String key, Window value, long currentTime, long currentDuration) {
            return value.count() == 1 ? windowNanos : currentDuration;
        }

        @Override
        public long expireAfterRead(String key, Window value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
