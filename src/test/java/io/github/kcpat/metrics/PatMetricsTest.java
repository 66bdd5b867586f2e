package io.github.kcpat.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.kcpat.cache.PatCache;
import io.github.kcpat.model.PersonalAccessToken;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters as a registry holds them (names, labels, values), and the documentation and the Grafana dashboard tied
 * to them: every meter is in {@code docs/operations.md}, and the dashboard asks for no metric that does not exist.
 */
class PatMetricsTest {

    private static RealmModel realm(String name) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PersonalAccessToken token(String id) {
        return new PersonalAccessToken(id, "r", "u", "n", List.of(), "h", 0, null, null, null, null, false);
    }

    /** Every meter the extension has, each made once. */
    private static SimpleMeterRegistry everyMeter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PatMetrics metrics = new PatMetrics(new MicrometerSink(registry));
        RealmModel realm = realm("acme");
        metrics.introspected(realm, null);
        metrics.introspected(realm, InactiveReason.EXPIRED);
        metrics.exchanged(realm, true, null);
        metrics.created(null, realm, false);
        metrics.revoked(null, realm, RevocationCause.REUSE, 1);
        metrics.revokeReport(realm, "accepted");
        metrics.remindersSent(realm, 2);
        metrics.scopeRequest(null, realm, "approved");
        metrics.refused(realm, "account", 404, "not_found");
        metrics.watch(new PatCache(10, 60, () -> 0));
        return registry;
    }

    private static String prometheusName(Meter meter) {
        String name = meter.getId().getName().replace('.', '_');
        return meter.getId().getType() == Meter.Type.COUNTER ? name + "_total" : name;
    }

    @Test
    void countsByLabelsAndReusesItsCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PatMetrics metrics = new PatMetrics(new MicrometerSink(registry));
        RealmModel acme = realm("acme");
        metrics.introspected(acme, null);
        metrics.introspected(acme, null);
        metrics.introspected(acme, InactiveReason.DISABLED_USER);
        metrics.introspected(realm("other"), null);
        assertEquals(2, registry.get(PatMetrics.INTROSPECTIONS)
                .tags("realm", "acme", "result", "active", "reason", "none").counter().count());
        assertEquals(1, registry.get(PatMetrics.INTROSPECTIONS)
                .tags("realm", "acme", "result", "inactive", "reason", "disabled_user").counter().count());
        assertEquals(1, registry.get(PatMetrics.INTROSPECTIONS).tags("realm", "other").counter().count());
        assertEquals(3, registry.find(PatMetrics.INTROSPECTIONS).counters().size(), "one series per realm and outcome");
    }

    @Test
    void scopeRequestsAreCountedByRealmAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PatMetrics metrics = new PatMetrics(new MicrometerSink(registry));
        metrics.scopeRequest(null, realm("acme"), "requested");
        metrics.scopeRequest(null, realm("acme"), "requested");
        metrics.scopeRequest(null, realm("acme"), "lapsed");
        assertEquals(2, registry.get(PatMetrics.SCOPE_REQUESTS).tags("realm", "acme", "outcome", "requested").counter().count());
        assertEquals(1, registry.get(PatMetrics.SCOPE_REQUESTS).tags("realm", "acme", "outcome", "lapsed").counter().count());
    }

    @Test
    void withoutATransactionAChangeCountsAtOnceAndNothingCountsForNothing() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PatMetrics metrics = new PatMetrics(new MicrometerSink(registry));
        metrics.revoked(null, realm("acme"), RevocationCause.OWNER_REMOVED, 3);
        metrics.revoked(null, realm("acme"), RevocationCause.UNUSED, 0);
        metrics.remindersSent(realm("acme"), 0);
        assertEquals(3, registry.get(PatMetrics.TOKENS_REVOKED).tags("cause", "owner_removed").counter().count());
        assertTrue(registry.find(PatMetrics.TOKENS_REVOKED).tags("cause", "unused").counters().isEmpty());
        assertTrue(registry.find(PatMetrics.REMINDERS_SENT).counters().isEmpty());
    }

    @Test
    void aCounterIsLookedUpOncePerRealmAndLabelSetNotPerRequest() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        MicrometerSink micrometer = new MicrometerSink(registry);
        MeterSink counting = new MeterSink() {
            @Override
            public Count counter(String name, String description, String realm, String... labels) {
                lookups.incrementAndGet();
                return micrometer.counter(name, description, realm, labels);
            }

            @Override
            public void watch(PatCache cache) {
            }

            @Override
            public void forgetRealm(String realm) {
                micrometer.forgetRealm(realm);
            }
        };
        PatMetrics metrics = new PatMetrics(counting);
        RealmModel acme = realm("acme");
        for (int i = 0; i < 1_000; i++) {
            metrics.introspected(acme, null);
            metrics.introspected(acme, InactiveReason.EXPIRED);
            metrics.exchanged(acme, false, "invalid_scope");
            metrics.refused(acme, "account", 404, "not_found");
        }
        assertEquals(4, lookups.get(), "one look-up per realm and label set");
        assertEquals(1_000, registry.get(PatMetrics.INTROSPECTIONS).tags("realm", "acme", "reason", "expired").counter().count());
        metrics.introspected(realm("other"), null);
        assertEquals(5, lookups.get(), "another realm is another series");
        metrics.forgetRealm("acme");
        metrics.introspected(acme, null);
        assertEquals(6, lookups.get(), "a removed realm's counters are looked up anew");
        assertEquals(1, registry.get(PatMetrics.INTROSPECTIONS).tags("realm", "acme", "result", "active").counter().count());
    }

    @Test
    void aRemovedRealmsSeriesGoWithItAndComeBackIfItIsMadeAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PatMetrics metrics = new PatMetrics(new MicrometerSink(registry));
        metrics.introspected(realm("gone"), null);
        metrics.revokeReport(realm("gone"), "accepted");
        metrics.introspected(realm("kept"), null);
        metrics.forgetRealm("gone");
        assertTrue(registry.find(PatMetrics.INTROSPECTIONS).tags("realm", "gone").counters().isEmpty());
        assertTrue(registry.find(PatMetrics.REVOKE_REPORTS).counters().isEmpty());
        assertEquals(1, registry.get(PatMetrics.INTROSPECTIONS).tags("realm", "kept").counter().count());
        metrics.introspected(realm("gone"), null);
        assertEquals(1, registry.get(PatMetrics.INTROSPECTIONS).tags("realm", "gone").counter().count(), "counted anew");
    }

    /** Loads this project's classes itself and hides Micrometer, as a server without it would. */
    private static final class WithoutMicrometer extends ClassLoader {

        WithoutMicrometer(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("io.github.kcpat.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }

    @Test
    void onAServerWithoutMicrometerTheMetersAreOffAndNothingFails() throws Exception {
        ClassLoader hidden = new WithoutMicrometer(getClass().getClassLoader());
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.micrometer.core.instrument.Metrics", false, hidden));
        Class<?> metrics = Class.forName(PatMetrics.class.getName(), true, hidden);
        Object global = metrics.getMethod("get").invoke(null);
        metrics.getMethod("introspected", RealmModel.class, Class.forName(InactiveReason.class.getName(), true, hidden))
                .invoke(global, realm("acme"), null);
        metrics.getMethod("revokeReport", RealmModel.class, String.class).invoke(global, realm("acme"), "accepted");
        metrics.getMethod("forgetRealm", String.class).invoke(global, "acme");
        Class<?> cache = Class.forName(PatCache.class.getName(), true, hidden);
        Object aCache = cache.getConstructor(int.class, long.class, java.util.function.LongSupplier.class)
                .newInstance(1, 60L, (java.util.function.LongSupplier) () -> 0);
        metrics.getMethod("watch", cache).invoke(global, aCache);
    }

    @Test
    void theCacheIsReadWhenScraped() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PatCache cache = new PatCache(1, 60, () -> 0);
        new PatMetrics(new MicrometerSink(registry)).watch(cache);
        cache.get("a");
        cache.put("a", token("1"), cache.generation());
        cache.get("a");
        cache.put("b", token("2"), cache.generation());
        assertEquals(1, registry.get(PatMetrics.CACHE_GETS).tags("result", "hit").functionCounter().count());
        assertEquals(1, registry.get(PatMetrics.CACHE_GETS).tags("result", "miss").functionCounter().count());
        assertEquals(1, registry.get(PatMetrics.CACHE_EVICTIONS).functionCounter().count(), "b, kept in a cache of one, pushed a out");
        assertEquals(1, registry.get(PatMetrics.CACHE_SIZE).gauge().value());
        assertEquals(1, registry.get(PatMetrics.CACHE_MAX_SIZE).gauge().value());
    }

    @Test
    void everyMeterAndLabelValueIsDocumentedAndTheDashboardAsksOnlyForThese() throws IOException {
        Set<String> names = everyMeter().getMeters().stream().map(PatMetricsTest::prometheusName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(12, names.size(), names.toString());
        String operations = Files.readString(Path.of("docs/operations.md"));
        for (String name : names) {
            assertTrue(operations.contains("`" + name + "`"), name + " is documented in docs/operations.md");
        }
        for (InactiveReason reason : InactiveReason.values()) {
            assertTrue(operations.contains("`" + reason.label() + "`"), reason.label() + " is documented");
        }
        for (RevocationCause cause : RevocationCause.values()) {
            assertTrue(operations.contains("`" + cause.label() + "`"), cause.label() + " is documented");
        }
        String dashboard = Files.readString(Path.of("docs/grafana/kcpat-dashboard.json"));
        Matcher used = Pattern.compile("kcpat_[a-z_]+").matcher(dashboard);
        Set<String> asked = new TreeSet<>();
        while (used.find()) {
            asked.add(used.group());
        }
        assertTrue(names.containsAll(asked), "the dashboard asks only for metrics that exist: " + asked);
        assertTrue(asked.size() >= 9, "the dashboard shows most of them: " + asked);
    }
}
