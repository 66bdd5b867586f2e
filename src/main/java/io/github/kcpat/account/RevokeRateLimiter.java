package io.github.kcpat.account;

import java.util.function.LongSupplier;

/**
 * At most {@code limit} requests per client address per window of {@code windowSeconds}, on this node, in bounded
 * memory, and a limited address stays limited for its whole window however many new addresses arrive:
 * <ul>
 * <li>up to {@value #MAX_ADDRESSES} addresses each have a window of their own;</li>
 * <li>while that table is full, a new address is counted with its network (IPv4 /24, IPv6 /64,
 * {@link AddressNetwork}), up to {@value #MAX_NETWORKS} networks, each with the same limit;</li>
 * <li>while both are full, a new address is refused until a window ends (fails closed): a flood can keep new
 * reporters out for a while, never let a limited one back in.</li>
 * </ul>
 * No entry is evicted before its window ends ({@link RequestWindows}). Caffeine, used elsewhere, is not used here: its
 * size bound is an eviction policy, which is exactly what must not happen to a limited address.
 */
final class RevokeRateLimiter {

    static final int MAX_ADDRESSES = 10_000;
    static final int MAX_NETWORKS = 10_000;

    /** What was counted against, and so what a refusal says. */
    enum Scope { ADDRESS, NETWORK, FULL }

    /** {@code retryAfterSeconds} is 0 when the request may go ahead (it was counted). */
    record Verdict(long retryAfterSeconds, Scope scope) {
        static final Verdict ALLOWED = new Verdict(0, Scope.ADDRESS);

        boolean allowed() {
            return retryAfterSeconds == 0;
        }
    }

    private final int limit;
    private final long windowSeconds;
    private final LongSupplier clock;
    private final RequestWindows addresses;
    private final RequestWindows networks;
    private final Object admission = new Object();

    /** @param limit requests per window and address; 0 means no limit */
    RevokeRateLimiter(int limit, long windowSeconds, LongSupplier clock) {
        this(limit, windowSeconds, clock, MAX_ADDRESSES, MAX_NETWORKS);
    }

    RevokeRateLimiter(int limit, long windowSeconds, LongSupplier clock, int maxAddresses, int maxNetworks) {
        if (limit < 0 || windowSeconds <= 0 || maxAddresses <= 0 || maxNetworks <= 0) {
            throw new IllegalArgumentException("The rate limit must not be negative, its window and bounds must be positive");
        }
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
        this.addresses = new RequestWindows(maxAddresses, windowSeconds);
        this.networks = new RequestWindows(maxNetworks, windowSeconds);
    }

    Verdict acquire(String address) {
        if (limit == 0) {
            return Verdict.ALLOWED;
        }
        String key = address == null ? "" : address;
        long now = clock.getAsLong();
        // a known address or network in an open window: counted without the lock
        RequestWindows.Window window = addresses.open(key, now);
        if (window != null) {
            return count(addresses, window, now, Scope.ADDRESS);
        }
        String network = AddressNetwork.of(key);
        window = networks.open(network, now);
        if (window != null) {
            return count(networks, window, now, Scope.NETWORK);
        }
        synchronized (admission) {
            addresses.dropEnded(now);
            networks.dropEnded(now);
            // another request may have started either window since the look above
            window = addresses.open(key, now);
            if (window != null) {
                return count(addresses, window, now, Scope.ADDRESS);
            }
            window = networks.open(network, now);
            if (window != null) {
                return count(networks, window, now, Scope.NETWORK);
            }
            if (addresses.start(key, now) != null || networks.start(network, now) != null) {
                return Verdict.ALLOWED;
            }
            return new Verdict(Math.min(addresses.secondsUntilRoom(now), networks.secondsUntilRoom(now)), Scope.FULL);
        }
    }

    private Verdict count(RequestWindows table, RequestWindows.Window window, long now, Scope scope) {
        // past the limit the count stays put, so that a flood of refused requests cannot wrap it round
        if (window.count.get() > limit || window.count.incrementAndGet() > limit) {
            return new Verdict(table.secondsLeft(window, now), scope);
        }
        return Verdict.ALLOWED;
    }

    /** The refusal's text for the client: what was limited and when to come back. */
    String explain(Verdict verdict) {
        String per = switch (verdict.scope()) {
            case ADDRESS -> "At most " + limit + " revocation requests per " + windowSeconds + " seconds from one address";
            case NETWORK -> "At most " + limit + " revocation requests per " + windowSeconds
                    + " seconds from one network while this server sees many addresses";
            case FULL -> "This server is receiving revocation requests from too many addresses";
        };
        return per + "; try again in " + verdict.retryAfterSeconds() + " seconds";
    }

    /** Addresses with a window of their own now (tests). */
    int addresses() {
        return addresses.size();
    }

    /** Networks with a window now (tests). */
    int networks() {
        return networks.size();
    }
}
