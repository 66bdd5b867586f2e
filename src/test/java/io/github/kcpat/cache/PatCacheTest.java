package io.github.kcpat.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.TokenUse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private static PersonalAccessToken token(String id, String realm, String user, Long lastUsedAt) {
        return new PersonalAccessToken(id, realm, user, "name " + id, List.of("api.read"), "kcpat_...abcd", 900_000L,
                null, lastUsedAt, null, null, false);
    }

    private PatCache cache(int max, long lifetime) {
        return new PatCache(max, lifetime, now::get);
    }

    @Test
    void keepsWhatWasReadAndAnswersItUntilItsLifetimeEnds() {
        PatCache cache = cache(10, 60);
        PersonalAccessToken t = token("t1", "r", "u", null);
        cache.put("h1", t, cache.generation());
        assertSame(t, cache.get("h1"));
        now.addAndGet(59);
        assertSame(t, cache.get("h1"));
        now.addAndGet(1);
        assertNull(cache.get("h1"), "read again from the database once its lifetime is over");
        assertEquals(0, cache.size());
    }

    @Test
    void neverHoldsMoreThanItsBoundAndKeepsTheTokensInUse() {
        PatCache cache = cache(3, 60);
        for (int i = 0; i < 3; i++) {
            cache.put("h" + i, token("t" + i, "r", "u", null), cache.generation());
        }
        // h0 is a token in use; every other one is read once and never again (a scan of many tokens)
        for (int i = 3; i < 1000; i++) {
            if (i % 10 == 0) {
                assertTrue(cache.get("h0") != null, "the token in use is still held after " + i + " others");
            }
            cache.put("h" + i, token("t" + i, "r", "u", null), cache.generation());
            assertTrue(cache.size() <= 3);
        }
        assertEquals(3, cache.size());
        assertTrue(cache.get("h0") != null);
        assertTrue(cache.evictions() >= 997 - 3, "what left for room is counted");
    }

    @Test
    void unknownSecretsNeverEnterNorPushLiveTokensOut() {
        PatCache cache = cache(2, 60);
        PersonalAccessToken live = token("t1", "r", "u", null);
        cache.put("live", live, cache.generation());
        for (int i = 0; i < 10_000; i++) {
            cache.put("unknown" + i, null, cache.generation()); // a look-up that found nothing
        }
        assertEquals(1, cache.size());
        assertSame(live, cache.get("live"));
    }

    @Test
    void aRowReadWhileAnInvalidationHappenedIsNotKept() {
        PatCache cache = cache(10, 60);
        long before = cache.generation();
        cache.invalidateToken("t1"); // the token changed while its old row was being read
        cache.put("h1", token("t1", "r", "u", null), before);
        assertNull(cache.get("h1"));
        now.addAndGet(PatCache.STALE_READ_WINDOW_SECONDS + 1);
        cache.put("h1", token("t1", "r", "u", null), cache.generation());
        assertTrue(cache.get("h1") != null);
    }

    /**
     * MariaDB's repeatable read: a request whose transaction began before a change reads the old row after the change
     * was invalidated, with a generation taken after it. It answers that one request, but is not kept.
     */
    @Test
    void aRowFromASnapshotOlderThanAnInvalidationIsNotKept() {
        PatCache cache = cache(10, 600);
        cache.invalidateToken("t1");
        cache.invalidateUser("u2");
        cache.invalidateRealm("r3");
        long after = cache.generation();
        cache.put("h1", token("t1", "r", "u", null), after);
        cache.put("h2", token("t2", "r", "u2", null), after);
        cache.put("h3", token("t3", "r3", "u", null), after);
        assertEquals(0, cache.size(), "nothing an invalidation named is kept within the window");
        cache.put("h4", token("t4", "r", "u", null), after);
        assertTrue(cache.get("h4") != null, "what no invalidation named is kept");
        now.addAndGet(PatCache.STALE_READ_WINDOW_SECONDS + 1);
        cache.put("h1", token("t1", "r", "u", null), cache.generation());
        assertTrue(cache.get("h1") != null, "kept again once the window is over");
    }

    @Test
    void aFloodOfInvalidationsKeepsNothingForAWhileAndBoundsMemory() {
        PatCache cache = cache(10, 600);
        for (int i = 0; i <= PatCache.MAX_RECENT_INVALIDATIONS; i++) {
            cache.invalidateToken("gone" + i);
        }
        cache.put("h", token("t", "r", "u", null), cache.generation());
        assertNull(cache.get("h"));
        now.addAndGet(PatCache.STALE_READ_WINDOW_SECONDS + 1);
        cache.put("h", token("t", "r", "u", null), cache.generation());
        assertTrue(cache.get("h") != null);
    }

    @Test
    void invalidatesByTokenByUserByRealmAndAll() {
        PatCache cache = cache(10, 60);
        cache.put("a", token("t-a", "r1", "u1", null), cache.generation());
        cache.put("b", token("t-b", "r1", "u1", null), cache.generation());
        cache.put("c", token("t-c", "r1", "u2", null), cache.generation());
        cache.put("d", token("t-d", "r2", "u3", null), cache.generation());
        cache.put("e", token("t-e", "r2", "u4", null), cache.generation());

        cache.invalidateToken("t-a");
        assertNull(cache.get("a"));
        assertEquals(4, cache.size());
        cache.invalidateUser("u1");
        assertNull(cache.get("b"));
        assertTrue(cache.get("c") != null);
        cache.invalidateRealm("r2");
        assertNull(cache.get("d"));
        assertNull(cache.get("e"));
        assertEquals(1, cache.size());
        cache.invalidateAll();
        assertEquals(0, cache.size());
    }

    @Test
    void aUseIsWrittenAtMostOncePerIntervalWithoutReadingTheDatabase() {
        PatCache cache = cache(10, 600);
        PersonalAccessToken t = token("t1", "r", "u", null);
        cache.put("h1", t, cache.generation());
        TokenUse byOrders = TokenUse.introspection("orders-api", "10.0.0.1");
        assertTrue(cache.claimUse("h1", cache.get("h1"), now.get(), 60, byOrders), "never used: written");
        assertEquals(now.get(), cache.get("h1").lastUsedAt());
        assertEquals("10.0.0.1", cache.get("h1").lastUsedIp());
        assertEquals("orders-api", cache.get("h1").lastUsedClient(), "the entry names the client of the use it holds");
        assertEquals(TokenUse.Via.INTROSPECTION, cache.get("h1").lastUsedVia());
        for (int i = 0; i < 59; i++) {
            now.incrementAndGet();
            assertFalse(cache.claimUse("h1", cache.get("h1"), now.get(), 60, byOrders));
        }
        // a caller holding the token as it was read (never used) is still held to the interval
        assertFalse(cache.claimUse("h1", t, now.get(), 60, byOrders));
        now.incrementAndGet();
        assertTrue(cache.claimUse("h1", cache.get("h1"), now.get(), 60, TokenUse.self("10.0.0.2")),
                "a minute later: written again");
        assertEquals(TokenUse.Via.SELF, cache.get("h1").lastUsedVia());
        assertEquals(null, cache.get("h1").lastUsedClient(), "the holder at /self is no client");
    }

    @Test
    void withoutAnEntryTheTokensOwnLastUseDecides() {
        PatCache cache = cache(0, 60);
        assertFalse(cache.enabled());
        assertFalse(cache.claimUse("h", token("t", "r", "u", now.get() - 10), now.get(), 60, TokenUse.self(null)));
        assertTrue(cache.claimUse("h", token("t", "r", "u", now.get() - 60), now.get(), 60, TokenUse.self(null)));
        cache.put("h", token("t", "r", "u", null), cache.generation());
        assertEquals(0, cache.size(), "a cache of size 0 keeps nothing");
    }

    @Test
    void refusesNegativeBounds() {
        assertThrows(IllegalArgumentException.class, () -> cache(-1, 60));
        assertThrows(IllegalArgumentException.class, () -> cache(10, -1));
    }

    @Test
    void clusterMessagesInvalidateWhatTheyNameAndAnythingElseEmptiesTheCache() {
        PatCache cache = cache(10, 60);
        cache.put("a", token("t-a", "r1", "u1", null), cache.generation());
        cache.put("b", token("t-b", "r1", "u2", null), cache.generation());
        cache.put("c", token("t-c", "r2", "u3", null), cache.generation());
        PatCacheInvalidations.apply(cache, "token:t-a");
        assertNull(cache.get("a"));
        PatCacheInvalidations.apply(cache, null); // not one of ours
        assertEquals(2, cache.size());
        PatCacheInvalidations.apply(cache, "user:u2");
        assertNull(cache.get("b"));
        PatCacheInvalidations.apply(cache, "realm:r2");
        assertEquals(0, cache.size());
        cache.put("z", token("t-z", "r9", "u9", null), cache.generation());
        assertEquals(1, cache.size());
        PatCacheInvalidations.apply(cache, "something new");
        assertEquals(0, cache.size());
    }
}
