package io.github.kcpat.model.jpa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.cache.PatCache;
import io.github.kcpat.cache.PatCacheInvalidations;
import io.github.kcpat.compat.ClusterCarrier;
import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.compat.PatGate;
import io.github.kcpat.token.TokenFormat;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Server-wide settings, as {@code --spi-personal-access-token--jpa--<key>=<value>}:
 * {@code token-prefix} (default {@value TokenFormat#DEFAULT_PREFIX}) and
 * {@code last-used-update-interval} (seconds, default {@value #DEFAULT_LAST_USED_INTERVAL}) and
 * {@code lifecycle-interval} (seconds between two runs of expiry reminders and unused-token revocation, default one
 * day; 0 turns the schedule off); {@code cache-max-entries} (tokens kept in memory per node for introspection, default
 * {@value #DEFAULT_CACHE_MAX_ENTRIES}; 0 turns the cache off) and {@code cache-lifetime} (seconds an entry is kept before
 * it is read again, default {@value #DEFAULT_CACHE_LIFETIME}); {@code exposure-sweep-interval} (seconds between two
 * looks for exposure reports that the node which took them did not handle, default
 * {@value #DEFAULT_EXPOSURE_SWEEP_INTERVAL}); {@code retired-secret-retention} (seconds a replaced secret's hash is kept after
 * its overlap, so that its use is recognised as a leak and revokes the token, default 30 days; 0 keeps none);
 * {@code signals-interval} (seconds between two looks, on each node, for tokens and replaced secrets whose end came with
 * time, to tell the realm's Shared Signals receivers, default {@value #DEFAULT_SIGNALS_INTERVAL}; used only where
 * Keycloak's SSF transmitter is on).
 */
public final class JpaPersonalAccessTokenProviderFactory implements PersonalAccessTokenProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "jpa";
    static final long DEFAULT_LAST_USED_INTERVAL = 60;
    static final long DEFAULT_LIFECYCLE_INTERVAL = 86_400;
    static final int DEFAULT_CACHE_MAX_ENTRIES = 10_000;
    static final long DEFAULT_CACHE_LIFETIME = 300;
    static final long DEFAULT_EXPOSURE_SWEEP_INTERVAL = 30;
    static final long DEFAULT_RETIRED_SECRET_RETENTION = 30 * 86_400;
    static final long DEFAULT_SIGNALS_INTERVAL = 30;
    private static final Logger LOG = Logger.getLogger(JpaPersonalAccessTokenProviderFactory.class);

    private TokenFormat format;
    private long lastUsedUpdateInterval;
    private long lifecycleInterval;
    private PatCache cache;
    private long exposureSweepInterval;
    private long retiredSecretRetention;
    private long signalsInterval;

    @Override
    public PersonalAccessTokenProvider create(KeycloakSession session) {
        return new JpaPersonalAccessTokenProvider(session, format, lastUsedUpdateInterval, cache, retiredSecretRetention);
    }

    @Override
    public void init(Config.Scope config) {
        format = new TokenFormat(config.get("token-prefix", TokenFormat.DEFAULT_PREFIX));
        lastUsedUpdateInterval = config.getLong("last-used-update-interval", DEFAULT_LAST_USED_INTERVAL);
        if (lastUsedUpdateInterval < 0) {
            throw new IllegalArgumentException("last-used-update-interval must not be negative");
        }
        lifecycleInterval = config.getLong("lifecycle-interval", DEFAULT_LIFECYCLE_INTERVAL);
        if (lifecycleInterval < 0) {
            throw new IllegalArgumentException("lifecycle-interval must not be negative");
        }
        int maxEntries = config.getInt("cache-max-entries", DEFAULT_CACHE_MAX_ENTRIES);
        long lifetime = config.getLong("cache-lifetime", DEFAULT_CACHE_LIFETIME);
        if (maxEntries < 0 || lifetime < 0) {
            throw new IllegalArgumentException("cache-max-entries and cache-lifetime must not be negative");
        }
        if (!ClusterCarrier.available() && maxEntries > 0) {
            // without a way to tell other nodes of a revocation, a cached token could outlive it there
            LOG.warn("Personal access tokens are not cached on this Keycloak: it lacks the cluster event this extension uses");
            maxEntries = 0;
        }
        cache = new PatCache(maxEntries, lifetime, Time::currentTime);
        exposureSweepInterval = config.getLong("exposure-sweep-interval", DEFAULT_EXPOSURE_SWEEP_INTERVAL);
        if (exposureSweepInterval < 1) {
            throw new IllegalArgumentException("exposure-sweep-interval must be at least 1 second");
        }
        retiredSecretRetention = config.getLong("retired-secret-retention", DEFAULT_RETIRED_SECRET_RETENTION);
        if (retiredSecretRetention < 0) {
            throw new IllegalArgumentException("retired-secret-retention must not be negative");
        }
        signalsInterval = config.getLong("signals-interval", DEFAULT_SIGNALS_INTERVAL);
        if (signalsInterval < 1) {
            throw new IllegalArgumentException("signals-interval must be at least 1 second");
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new TokenOwnerRemovalListener());
        PatMetrics.get().watch(cache);
        if (cache.enabled() && PatGate.on()) {
            PatCacheInvalidations.listen(factory, cache);
        }
    }

    @Override
    public long lifecycleIntervalSeconds() {
        return lifecycleInterval;
    }

    @Override
    public long exposureSweepIntervalSeconds() {
        return exposureSweepInterval;
    }

    @Override
    public long signalsIntervalSeconds() {
        return signalsInterval;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("token-prefix").type("string").defaultValue(TokenFormat.DEFAULT_PREFIX)
                .helpText("Fixed prefix of every new token, so secret scanners can recognise leaked tokens").add()
                .property().name("last-used-update-interval").type("int").defaultValue(DEFAULT_LAST_USED_INTERVAL)
                .helpText("Seconds between two writes of a token's last-used time").add()
                .property().name("lifecycle-interval").type("int").defaultValue(DEFAULT_LIFECYCLE_INTERVAL)
                .helpText("Seconds between two runs of expiry reminders and unused-token revocation; 0 turns them off").add()
                .property().name("cache-max-entries").type("int").defaultValue(DEFAULT_CACHE_MAX_ENTRIES)
                .helpText("Tokens kept in memory on each node so that introspection needs no database round trip; 0 turns the cache off").add()
                .property().name("cache-lifetime").type("int").defaultValue(DEFAULT_CACHE_LIFETIME)
                .helpText("Seconds a cached token is kept before it is read from the database again").add()
                .property().name("exposure-sweep-interval").type("int").defaultValue(DEFAULT_EXPOSURE_SWEEP_INTERVAL)
                .helpText("Seconds between two looks for tokens reported as exposed that the node which took the report did not revoke").add()
                .property().name("retired-secret-retention").type("int").defaultValue(DEFAULT_RETIRED_SECRET_RETENTION)
                .helpText("Seconds the hash of a replaced secret is kept after its overlap, so that its use again revokes the token as leaked; 0 keeps none").add()
                .property().name("signals-interval").type("int").defaultValue(DEFAULT_SIGNALS_INTERVAL)
                .helpText("Seconds between two looks for tokens and replaced secrets whose end came with time, to tell the realm's Shared Signals receivers").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        String version = getClass().getPackage().getImplementationVersion();
        info.put("version", version == null ? "development" : version);
        info.put("token-prefix", format.prefix());
        info.put("last-used-update-interval", Long.toString(lastUsedUpdateInterval));
        info.put("lifecycle-interval", Long.toString(lifecycleInterval));
        info.put("cache-max-entries", cache.enabled() ? Integer.toString(cache.maxEntries()) : "0 (off)");
        info.put("cache-lifetime", Long.toString(cache.lifetimeSeconds()));
        info.put("exposure-sweep-interval", Long.toString(exposureSweepInterval));
        info.put("retired-secret-retention", Long.toString(retiredSecretRetention));
        info.put("signals-interval", Long.toString(signalsInterval));
        return info;
    }
}
