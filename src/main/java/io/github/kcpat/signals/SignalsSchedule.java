package io.github.kcpat.signals;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.compat.SsfTransmitterPresence;
import io.github.kcpat.startup.PatStartupProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Starts the Shared Signals where the server has Keycloak's SSF transmitter (26.7 and later): the record of each change
 * to a token is then also handed to {@link SharedSignals}. Elsewhere nothing happens and no SSF class is loaded.
 */
public final class SignalsSchedule implements PatStartupProviderFactory {

    static final String TRANSMITTER_CLASS = "org.keycloak.ssf.transmitter.SsfTransmitter";

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (transmitterPresent()) {
            PatAuditEvents.observe(new SharedSignals());
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
