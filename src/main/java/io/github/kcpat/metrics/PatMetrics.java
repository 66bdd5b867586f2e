package io.github.kcpat.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.kcpat.cache.PatCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The extension's meters on Keycloak's own Micrometer registry ({@link Metrics#globalRegistry}, which the server serves
 * on its management port at {@code /metrics} when started with {@code --metrics-enabled=true}; without it every meter
 * is a no-op). Each label holds a value from a fixed set, or the realm's name: never a secret, token id or user id.
 * What changes data is counted when its transaction commits, so a rolled-back request counts nothing; what only reads
 * (an introspection) is counted at once. The names, labels and values are listed in {@code docs/operations.md}.
 */
public final class PatMetrics {

    public static final String INTROSPECTIONS = "kcpat.introspections";
    public static final String EXCHANGES = "kcpat.exchanges";
    public static final String TOKENS_CREATED = "kcpat.tokens.created";
    public static final String TOKENS_REVOKED = "kcpat.tokens.revoked";
    public static final String REVOKE_REPORTS = "kcpat.revoke.reports";
    public static final String REMINDERS_SENT = "kcpat.reminders.sent";
    public static final String REFUSALS = "kcpat.api.refusals";
    public static final String CACHE_SIZE = "kcpat.cache.size";
    public static final String CACHE_MAX_SIZE = "kcpat.cache.max.size";
    public static final String CACHE_GETS = "kcpat.cache.gets";
    public static final String CACHE_EVICTIONS = "kcpat.cache.evictions";

    private static final PatMetrics GLOBAL = new PatMetrics(Metrics.globalRegistry);

    private final MeterRegistry registry;
    /** Counters by name and labels: building a meter's id on every request would cost the hot path a few allocations. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public PatMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The server's registry. */
    public static PatMetrics get() {
        return GLOBAL;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An introspection of a PAT: {@code result} active or inactive, and why not. */
    public void introspected(RealmModel realm, InactiveReason reason) {
        counter(INTROSPECTIONS, "PAT introspections by result", realm,
                "result", reason == null ? "active" : "inactive",
                "reason", reason == null ? "none" : reason.label()).increment();
    }

    /** A token exchange with a PAT as the subject token. */
    public void exchanged(RealmModel realm, boolean granted, String reason) {
        counter(EXCHANGES, "Token exchanges of PATs by result", realm,
                "result", granted ? "granted" : "refused", "reason", granted ? "none" : reason).increment();
    }

    /** A token issued, when the request's transaction commits. */
    public void created(KeycloakSession session, RealmModel realm, boolean bot) {
        Counter counter = counter(TOKENS_CREATED, "PATs created", realm, "kind", bot ? "bot" : "user");
        afterCommit(session, counter::increment);
    }

    /** Tokens revoked, when the request's transaction commits. */
    public void revoked(KeycloakSession session, RealmModel realm, RevocationCause cause, int count) {
        if (count <= 0) {
            return;
        }
        Counter counter = counter(TOKENS_REVOKED, "PATs revoked by cause", realm, "cause", cause.label());
        afterCommit(session, () -> counter.increment(count));
    }

    /** A revoke-by-value report: {@code accepted} (whatever the values were), {@code rejected} or {@code rate_limited}. */
    public void revokeReport(RealmModel realm, String result) {
        counter(REVOKE_REPORTS, "Revoke-by-value reports received", realm, "result", result).increment();
    }

    /** Expiry reminders mailed (one per owner and threshold). */
    public void remindersSent(RealmModel realm, int count) {
        if (count > 0) {
            counter(REMINDERS_SENT, "Expiry reminder mails sent", realm).increment(count);
        }
    }

    /**
     * An error answer of the REST APIs.
     *
     * @param api {@code account} (the self-service API, {@code /self} and revoke by value) or {@code admin}
     * @param error the answer's OAuth-style error code: a constant of the code, never the client's words
     */
    public void refused(RealmModel realm, String api, int status, String error) {
        counter(REFUSALS, "Error answers of the PAT REST APIs by kind", realm,
                "api", api, "status", Integer.toString(status), "kind", error).increment();
    }

    /**
     * The node's token cache: {@code kcpat.cache.size}, {@code kcpat.cache.gets} by {@code result} (hit, miss) and
     * {@code kcpat.cache.evictions}, read from the cache when scraped (no label: one cache per node).
     */
    public void watch(PatCache cache) {
        Gauge.builder(CACHE_SIZE, cache, PatCache::size).description("PATs held in this node's cache").register(registry);
        Gauge.builder(CACHE_MAX_SIZE, cache, PatCache::maxEntries).description("The cache's bound (0: off)").register(registry);
        FunctionCounter.builder(CACHE_GETS, cache, PatCache::hits).description("Cache look-ups")
                .tag("result", "hit").register(registry);
        FunctionCounter.builder(CACHE_GETS, cache, PatCache::misses).description("Cache look-ups")
                .tag("result", "miss").register(registry);
        FunctionCounter.builder(CACHE_EVICTIONS, cache, PatCache::evictions)
                .description("Entries that left the cache for room or age").register(registry);
    }

    private Counter counter(String name, String description, RealmModel realm, String... labels) {
        String realmName = realm == null ? "" : realm.getName();
        String key = name + '\u0000' + realmName + '\u0000' + String.join("\u0000", labels);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description)
                .tag("realm", realmName).tags(labels).register(registry));
    }

    /** Runs {@code count} when the session's transaction commits; at once when there is none. */
    private static void afterCommit(KeycloakSession session, Runnable count) {
        if (session == null || !session.getTransactionManager().isActive()) {
            count.run();
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                count.run();
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
