package io.github.kcpat.exposure;

import io.github.kcpat.compat.PatGate;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.startup.PatStartupProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Schedules {@link ExposureSweep} on this node at start-up, every {@code exposure-sweep-interval} seconds of the store's
 * settings; none while PATs are off on this Keycloak.
 */
public final class ExposureSweepSchedule implements PatStartupProviderFactory {

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (!PatGate.on() || !(factory.getProviderFactory(PersonalAccessTokenProvider.class)
                instanceof PersonalAccessTokenProviderFactory store)) {
            return;
        }
        long seconds = store.exposureSweepIntervalSeconds();
        KeycloakModelUtils.runJobInTransaction(factory, session -> ExposureSweep.schedule(session, seconds));
    }

    @Override
    public String getId() {
        return "exposure-sweep";
    }
}
