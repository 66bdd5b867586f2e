package io.github.kcpat.signals;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.compat.SsfTransmitterPresence;
import io.github.kcpat.startup.PatStartupProviderFactory;
import io.github.kcpat.compat.PatGate;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

/**
 * Starts the Shared Signals where the server has Keycloak's SSF transmitter (26.7 and later): the record of each change
 * to a token is then also handed to {@link SharedSignals}. Elsewhere nothing happens and no SSF class is loaded.
 */
public final class SignalsSchedule implements PatStartupProviderFactory {

    static final String TRANSMITTER_CLASS = "org.keycloak.ssf.transmitter.SsfTransmitter";

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (transmitterPresent() && PatGate.on()) {
            PatAuditEvents.observe(new SharedSignals());
            factory.register(new OwnerChanges());
            long seconds = factory.getProviderFactory(PersonalAccessTokenProvider.class)
                    instanceof PersonalAccessTokenProviderFactory store ? store.signalsIntervalSeconds() : 30;
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                    .scheduleTask(new SignalsClock(), seconds * 1000, SignalsClock.NAME));
        }
    }

    static boolean transmitterPresent() {
        return SsfTransmitterPresence.present(TRANSMITTER_CLASS);
    }

    @Override
    public String getId() {
        return "signals";
    }
}
