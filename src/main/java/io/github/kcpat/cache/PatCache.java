package io.github.kcpat.cache;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.TokenUse;

/**
 * What introspection needs of the PATs in use, kept in memory on this node and keyed by the hash of the secret, so
 * that a known, live token is answered without a database round trip.
 * <ul>
 * <li>Bounded: at most {@code maxEntries}, held in a Caffeine cache (the one the server ships), which keeps the tokens
 * used most often and lets a token read once leave first; an entry lives at most {@code lifetimeSeconds} after it was
 * read from the database.</li>
 * <li>Only tokens found in the database enter it: unknown secrets, however well formed, never do, so they can neither
 * fill it nor push live entries out.</li>
 * <li>Invalidation (by token, user or realm) removes entries at once and makes any look-up that was under way while it
 * happened discard what it read ({@link #generation()}), so a row read just before a change cannot come back after it.</li>
 * <li>A read can also be older than the look-up: where the database answers from a snapshot taken when the request's
 * transaction first read anything (MariaDB's and MySQL's repeatable read), a request that began before a change may
 * read the row after the change was invalidated. So what an invalidation names stays barred from the cache for
 * {@value #STALE_READ_WINDOW_SECONDS} seconds: such a read answers its one request, as if it had come a moment earlier,
 * but is never kept.</li>
 * </ul>
 * Thread-safe; one per node.
 */
public final class PatCache {

    /** How long what an invalidation names is barred from the cache: longer than any request's transaction. */
    static final long STALE_READ_WINDOW_SECONDS = 30;
    /** Past this many recent invalidations, nothing is kept for a window (bounded memory under mass revocation). */
    static final int MAX_RECENT_INVALIDATIONS = 10_000;

    private final int maxEntries;
    private final long lifetimeSeconds;
    private final LongSupplier clock;
    private final Cache<String, Entry> entries;
    private long generation;
    private final Deque<Invalidation> recent = new ArrayDeque<>();
    private long keepNothingUntil = Long.MIN_VALUE;

    private record Entry(PersonalAccessToken token, long loadedAt) {
    }

    private record Invalidation(Predicate<PersonalAccessToken> which, long at) {
    }

    /**
     * @param maxEntries at most this many tokens; 0 turns the cache off (every look-up reads the database)
     * @param lifetimeSeconds an entry is read again from the database after this long
     * @param clock the time in seconds
     */
    public PatCache(int maxEntries, long lifetimeSeconds, LongSupplier clock) {
        if (maxEntries < 0 || lifetimeSeconds < 0) {
            throw new IllegalArgumentException("The cache's size and lifetime must not be negative");
        }
        this.maxEntries = maxEntries;
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = clock;
        // maintenance (eviction) on the calling thread: the bound holds when put returns, with no thread of its own
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new ReadFromDatabase(TimeUnit.SECONDS.toNanos(lifetimeSeconds)))
                .ticker(() -> TimeUnit.SECONDS.toNanos(clock.getAsLong()))
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public boolean enabled() {
        return maxEntries > 0 && lifetimeSeconds > 0;
    }

    /** The token with that secret hash, when this node has read it recently and nothing changed it since; else null. */
    public PersonalAccessToken get(String secretHash) {
        Entry entry = entries.getIfPresent(secretHash);
        return entry == null ? null : entry.token();
    }

    /** Take this before reading the database and hand it to {@link #put}. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Keeps a token read from the database, unless something was invalidated since {@code generationBeforeRead}: then
     * what was read may already be stale, and the next look-up reads again.
     */
    public synchronized void put(String secretHash, PersonalAccessToken token, long generationBeforeRead) {
        if (!enabled() || token == null || generation != generationBeforeRead) {
            return;
        }
        long now = clock.getAsLong();
        forgetOldInvalidations(now);
        if (now < keepNothingUntil || recent.stream().anyMatch(invalidation -> invalidation.which().test(token))) {
            return; // possibly read from a snapshot older than the change
        }
        entries.put(secretHash, new Entry(token, now));
    }

    /** An entry ends {@code lifetime} after it was read from the database; noting a use does not make it younger. */
    private record ReadFromDatabase(long lifetimeNanos) implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return lifetimeNanos;
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    private void forgetOldInvalidations(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst().at() > STALE_READ_WINDOW_SECONDS) {
            recent.removeFirst();
        }
    }

    /**
     * Whether a use of the token at {@code now} is to be written: true at most once per {@code interval} seconds per
     * token on this node, with neither a read nor a write of the database in between. The entry then holds the new
     * last-use time. Without an entry, the token's own last-use time decides.
     */
    public synchronized boolean claimUse(String secretHash, PersonalAccessToken token, long now, long interval, TokenUse use) {
        Entry entry = entries.asMap().get(secretHash); // not a look-up of a presented secret: no hit or miss
        PersonalAccessToken known = entry != null && entry.token().id().equals(token.id()) ? entry.token() : token;
        Long last = known.lastUsedAt();
        if (last != null && now - last < interval) {
            return false;
        }
        if (entry != null && entry.token().id().equals(token.id())) {
            entries.asMap().replace(secretHash, entry, new Entry(entry.token().usedAt(now, use), entry.loadedAt()));
        }
        return true;
    }

    public void invalidateToken(String tokenId) {
        invalidate(token -> token.id().equals(tokenId));
    }

    public void invalidateUser(String userId) {
        invalidate(token -> token.userId().equals(userId));
    }

    public void invalidateRealm(String realmId) {
        invalidate(token -> token.realmId().equals(realmId));
    }

    public void invalidateAll() {
        invalidate(token -> true);
    }

    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    /** Look-ups answered from memory, since the node started. */
    public long hits() {
        return entries.stats().hitCount();
    }

    /** Look-ups that had to read the database (nothing kept, or kept too long). */
    public long misses() {
        return entries.stats().missCount();
    }

    /** Entries that left for room or age; an invalidation is no eviction. */
    public long evictions() {
        return entries.stats().evictionCount();
    }

    private synchronized void invalidate(Predicate<PersonalAccessToken> which) {
        generation++;
        long now = clock.getAsLong();
        forgetOldInvalidations(now);
        recent.addLast(new Invalidation(which, now));
        if (recent.size() > MAX_RECENT_INVALIDATIONS) {
            recent.clear();
            keepNothingUntil = now + STALE_READ_WINDOW_SECONDS;
        }
        entries.asMap().values().removeIf(entry -> which.test(entry.token()));
    }
}
