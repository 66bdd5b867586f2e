package io.github.kcpat.metrics;

import io.github.kcpat.cache.PatCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/** The meters on a Micrometer registry: the server's ({@link #global()}), or a test's. */
final class MicrometerSink implements MeterSink {

    private final MeterRegistry registry;

    MicrometerSink(MeterRegistry registry) {
        this.registry = registry;
    }

    static MicrometerSink global() {
        return new MicrometerSink(Metrics.globalRegistry);
    }

    /** Registers the counter, or finds the one registered with that id; the caller keeps it (the look-up allocates). */
    @Override
    public Count counter(String name, String description, String realm, String... labels) {
        Counter counter = Counter.builder(name).description(description).tag("realm", realm).tags(labels).register(registry);
        return counter::increment;
    }

    /**
     * {@code kcpat.cache.size}, {@code kcpat.cache.max.size}, {@code kcpat.cache.gets} by {@code result} (hit, miss)
     * and {@code kcpat.cache.evictions} (no label: one cache per node).
     */
    @Override
    public void watch(PatCache cache) {
        Gauge.builder(PatMetrics.CACHE_SIZE, cache, PatCache::size).description("PATs held in this node's cache")
                .register(registry);
        Gauge.builder(PatMetrics.CACHE_MAX_SIZE, cache, PatCache::maxEntries).description("The cache's bound (0: off)")
                .register(registry);
        FunctionCounter.builder(PatMetrics.CACHE_GETS, cache, PatCache::hits).description("Cache look-ups")
                .tag("result", "hit").register(registry);
        FunctionCounter.builder(PatMetrics.CACHE_GETS, cache, PatCache::misses).description("Cache look-ups")
                .tag("result", "miss").register(registry);
        FunctionCounter.builder(PatMetrics.CACHE_EVICTIONS, cache, PatCache::evictions)
                .description("Entries that left the cache for room or age").register(registry);
    }

    @Override
    public void forgetRealm(String realm) {
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (id.getName().startsWith("kcpat.") && realm.equals(id.getTag("realm"))) {
                registry.remove(meter);
            }
        }
    }
}
