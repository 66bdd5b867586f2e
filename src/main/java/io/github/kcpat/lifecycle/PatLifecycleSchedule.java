package io.github.kcpat.lifecycle;

import io.github.kcpat.compat.PatGate;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.startup.PatStartupProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Schedules {@link PatLifecycleTask} at start-up, once per cluster, every {@code lifecycle-interval} seconds of the
 * store's settings (where admins have always set it); no schedule when that is 0 or PATs are off on this Keycloak.
 */
public final class PatLifecycleSchedule implements PatStartupProviderFactory {

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        long seconds = factory.getProviderFactory(PersonalAccessTokenProvider.class)
                instanceof PersonalAccessTokenProviderFactory store ? store.lifecycleIntervalSeconds() : 0;
        if (seconds <= 0 || !PatGate.on()) {
            return;
        }
        long millis = seconds * 1000;
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(new ClusterAwareScheduledTaskRunner(factory, new PatLifecycleTask(), millis), millis,
                        PatLifecycleTask.NAME));
    }

    @Override
    public String getId() {
        return "lifecycle";
    }
}
