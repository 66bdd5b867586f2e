package io.github.kcpat.metrics;

import io.github.kcpat.cache.PatCache;

/** Where {@link PatMetrics} writes: Micrometer's registry ({@link MicrometerSink}), or nowhere. */
interface MeterSink {

    /** A counter, looked up once: adding to it builds nothing and takes no lock. */
    @FunctionalInterface
    interface Count {
        void add(double amount);
    }

    /** For a server without Micrometer. */
    MeterSink NONE = new MeterSink() {
        @Override
        public Count counter(String name, String description, String realm, String... labels) {
            return amount -> {
            };
        }

        @Override
        public void watch(PatCache cache) {
        }

        @Override
        public void forgetRealm(String realm) {
        }
    };

    /** The counter of that name, realm and labels (name, value, name, value …), registered on first use. */
    Count counter(String name, String description, String realm, String... labels);

    /** The node's token cache, read when scraped. */
    void watch(PatCache cache);

    /** Drops every series of that realm. */
    void forgetRealm(String realm);
}
