package io.github.kcpat.model.jpa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.compat.KeycloakLine;
import io.github.kcpat.lifecycle.PatLifecycleTask;
import io.github.kcpat.token.TokenFormat;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Server-wide settings, as {@code --spi-personal-access-token--jpa--<key>=<value>}:
 * {@code token-prefix} (default {@value TokenFormat#DEFAULT_PREFIX}) and
 * {@code last-used-update-interval} (seconds, default {@value #DEFAULT_LAST_USED_INTERVAL}) and
 * {@code lifecycle-interval} (seconds between two runs of expiry reminders and unused-token revocation, default one
 * day; 0 turns the schedule off).
 */
public final class JpaPersonalAccessTokenProviderFactory implements PersonalAccessTokenProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "jpa";
    static final long DEFAULT_LAST_USED_INTERVAL = 60;
    static final long DEFAULT_LIFECYCLE_INTERVAL = 86_400;

    private TokenFormat format;
    private long lastUsedUpdateInterval;
    private long lifecycleInterval;

    @Override
    public PersonalAccessTokenProvider create(KeycloakSession session) {
        return new JpaPersonalAccessTokenProvider(session, format, lastUsedUpdateInterval);
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
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new TokenOwnerRemovalListener());
        if (lifecycleInterval > 0 && KeycloakLine.current().supported()) {
            long millis = lifecycleInterval * 1000;
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                    .schedule(new ClusterAwareScheduledTaskRunner(factory, new PatLifecycleTask(), millis), millis,
                            PatLifecycleTask.NAME));
        }
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
        return info;
    }
}
