package io.github.kcpat.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The counters of one metric, looked up once per realm and label set and kept: counting is then two map reads and a
 * lock-free increment, with no meter id built. {@code K} names a label set (a label's value, or a record of several).
 */
final class RealmCounters<K> {

    private final MeterSink sink;
    private final String name;
    private final String description;
    private final Function<K, String[]> labels;
    private final ConcurrentMap<String, ConcurrentMap<K, MeterSink.Count>> byRealm = new ConcurrentHashMap<>();

    /** @param labels the labels (name, value, name, value …) of a label set */
    RealmCounters(MeterSink sink, String name, String description, Function<K, String[]> labels) {
        this.sink = sink;
        this.name = name;
        this.description = description;
        this.labels = labels;
    }

    void add(String realm, K key, double amount) {
        ConcurrentMap<K, MeterSink.Count> counts = byRealm.get(realm);
        if (counts == null) {
            counts = byRealm.computeIfAbsent(realm, r -> new ConcurrentHashMap<>());
        }
        MeterSink.Count count = counts.get(key);
        if (count == null) {
            count = counts.computeIfAbsent(key, k -> sink.counter(name, description, realm, labels.apply(k)));
        }
        count.add(amount);
    }

    /** Drops the realm's counters (its series are dropped from the registry by the sink). */
    void forget(String realm) {
        byRealm.remove(realm);
    }
}
