package io.github.kcpat.signals;

import io.github.kcpat.compat.SsfTransmitterPresence;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/**
 * Takes the place of Keycloak's own SSF event listener (same id {@code ssf-events}, higher order), so a receiver hears
 * of a PAT's change once: Keycloak's listener would map the change's {@code UPDATE_CREDENTIAL} /
 * {@code REMOVE_CREDENTIAL} event to a second credential-change of its own, without the token's id. Every other event
 * still reaches Keycloak's listener ({@link KeycloakEventsWithoutPats}).
 *
 * <p>Supported only where Keycloak's listener exists and the {@code ssf} feature is on; this class names no SSF type,
 * so it loads on servers without the transmitter (26.4–26.6), where it answers unsupported.
 */
public final class KeycloakSignalsListenerFactory implements EventListenerProviderFactory, EnvironmentDependentProviderFactory {

    static final String ID = "ssf-events";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return KeycloakEventsWithoutPats.around(session);
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return SsfTransmitterPresence.on();
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
