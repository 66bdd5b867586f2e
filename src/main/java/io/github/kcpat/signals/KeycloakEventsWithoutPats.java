package io.github.kcpat.signals;

import io.github.kcpat.audit.PatAuditEvents;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.ssf.transmitter.event.SsfTransmitterEventListener;

/**
 * Keycloak's SSF event listener, minus the events that record a PAT's change: {@link SharedSignals} already sends one
 * signal for each, naming the token. Admin events and all other user events go to Keycloak's listener unchanged.
 * Loaded only where {@link KeycloakSignalsListenerFactory} is supported, that is where Keycloak's listener exists.
 */
final class KeycloakEventsWithoutPats implements EventListenerProvider {

    private final EventListenerProvider keycloak;

    KeycloakEventsWithoutPats(EventListenerProvider keycloak) {
        this.keycloak = keycloak;
    }

    static EventListenerProvider around(KeycloakSession session) {
        return new KeycloakEventsWithoutPats(new SsfTransmitterEventListener(session));
    }

    @Override
    public void onEvent(Event event) {
        if (!recordsAPat(event)) {
            keycloak.onEvent(event);
        }
    }

    static boolean recordsAPat(Event event) {
        return event.getDetails() != null
                && PatAuditEvents.CREDENTIAL_TYPE.equals(event.getDetails().get("credential_type"));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        keycloak.onEvent(event, includeRepresentation);
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
