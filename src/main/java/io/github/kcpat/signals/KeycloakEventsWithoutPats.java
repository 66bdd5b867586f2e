package io.github.kcpat.signals;

import io.github.kcpat.audit.PatAuditEvents;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.ssf.transmitter.event.SsfTransmitterEventListener;

/**
 * Keycloak's SSF event listener, minus the events that record a PAT's change: {@link SharedSignals} already sends one
 * signal for each, naming the token. Admin events and all other user events go to Keycloak's listener unchanged.
 * An admin's update of a user and a permanent lockout are also looked at for an owner's disabling
 * ({@link OwnerChanges}). Loaded only where {@link KeycloakSignalsListenerFactory} is supported, that is where Keycloak's listener exists.
 */
final class KeycloakEventsWithoutPats implements EventListenerProvider {

    /** Keycloak's event type of a user disabled after too many failed logins (by name: not every line has it). */
    static final String PERMANENT_LOCKOUT = "USER_DISABLED_BY_PERMANENT_LOCKOUT";

    private final KeycloakSession session;
    private final EventListenerProvider keycloak;

    KeycloakEventsWithoutPats(KeycloakSession session, EventListenerProvider keycloak) {
        this.session = session;
        this.keycloak = keycloak;
    }

    static EventListenerProvider around(KeycloakSession session) {
        return new KeycloakEventsWithoutPats(session, new SsfTransmitterEventListener(session));
    }

    @Override
    public void onEvent(Event event) {
        if (!recordsAPat(event)) {
            keycloak.onEvent(event);
        }
        if (PERMANENT_LOCKOUT.equals(event.getType().name())) {
            OwnerChanges.ownerMayHaveChanged(session, session.realms().getRealm(event.getRealmId()), event.getUserId(), "system");
        }
    }

    static boolean recordsAPat(Event event) {
        return event.getDetails() != null
                && PatAuditEvents.CREDENTIAL_TYPE.equals(event.getDetails().get("credential_type"));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        keycloak.onEvent(event, includeRepresentation);
        String userId = updatedUser(event);
        if (userId != null) {
            OwnerChanges.ownerMayHaveChanged(session, session.realms().getRealm(event.getRealmId()), userId, "admin");
        }
    }

    /** The id of the user an admin updated ({@code users/{id}}), or null for any other admin event. */
    static String updatedUser(AdminEvent event) {
        if (event.getResourceType() != ResourceType.USER || event.getOperationType() != OperationType.UPDATE
                || event.getResourcePath() == null) {
            return null;
        }
        String[] path = event.getResourcePath().split("/");
        return path.length == 2 && "users".equals(path[0]) && !path[1].isBlank() ? path[1] : null;
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
