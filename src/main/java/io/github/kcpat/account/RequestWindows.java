package io.github.kcpat.account;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One table of fixed request windows (an address's or a network's), holding at most {@code bound} keys. An entry is
 * never dropped before its window ends: the bound is kept by starting no new key while the table is full, never by
 * evicting a live one, since an evicted key that is limited would come back with a fresh budget. Counting in an open
 * window takes no lock; starting a window, and dropping the ended ones, happen only under the caller's lock (one
 * lock for all tables of a limiter), so the bound is exact under concurrency.
 */
final class RequestWindows {

    /** The requests of one key since {@code start}. */
    static final class Window {
        final long start;
        final AtomicInteger count = new AtomicInteger(1);

        private Window(long start) {
            this.start = start;
        }
    }

    private record Started(String key, Window window) {
    }

    private final int bound;
    private final long windowSeconds;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    /** Windows in the order they started; as all have the same length, the order they end in. Under the lock. */
    private final ArrayDeque<Started> started = new ArrayDeque<>();

    RequestWindows(int bound, long windowSeconds) {
        this.bound = bound;
        this.windowSeconds = windowSeconds;
    }

    /** The key's window if it is open at {@code now}, else null. Takes no lock. */
    Window open(String key, long now) {
        Window window = windows.get(key);
        return window != null && now - window.start < windowSeconds ? window : null;
    }

    /** Seconds from {@code now} until the window ends (at least 1). */
    long secondsLeft(Window window, long now) {
        return Math.max(1, window.start + windowSeconds - now);
    }

    /** Under the lock: forgets the windows that have ended. */
    void dropEnded(long now) {
        while (!started.isEmpty() && now - started.peek().window.start >= windowSeconds) {
            Started ended = started.poll();
            // a key whose window was started again since holds a newer window: it stays
            windows.remove(ended.key, ended.window);
        }
    }

    /** Under the lock: a new window for the key if it is held (its window ended) or there is room; else null. */
    Window start(String key, long now) {
        if (windows.size() >= bound && !windows.containsKey(key)) {
            return null;
        }
        Window window = new Window(now);
        windows.put(key, window);
        started.add(new Started(key, window));
        return window;
    }

    /** Under the lock, after {@link #dropEnded}: seconds until the first window ends and frees its place. */
    long secondsUntilRoom(long now) {
        Started first = started.peek();
        return first == null ? 1 : secondsLeft(first.window, now);
    }

    int size() {
        return windows.size();
    }

    int bound() {
        return bound;
    }
}
