package io.github.kcpat.metrics;

import io.github.kcpat.cache.PatCache;

/** Where {@link PatMetrics} writes: Micrometer's registry ({@link MicrometerSink}), or nowhere. */
interface MeterSink {

    /** For a server without Micrometer. */
    MeterSink NONE = new MeterSink() {
        @Override
        public void count(String name, String description, String realm, double amount, String... labels) {
        }

        @Override
        public void watch(PatCache cache) {
        }

        @Override
        public void forgetRealm(String realm) {
        }
    };

    /** Adds {@code amount} to the counter of that name, realm and labels (name, value, name, value …). */
    void count(String name, String description, String realm, double amount, String... labels);

    /** The node's token cache, read when scraped. */
    void watch(PatCache cache);

    /** Drops every series of that realm. */
    void forgetRealm(String realm);
}
