package io.github.kcpat.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class KeycloakEventsWithoutPatsTest {

    /** Stands for Keycloak's SSF listener: what reached it. */
    private final List<Object> heard = new ArrayList<>();
    private final KeycloakEventsWithoutPats listener = new KeycloakEventsWithoutPats(null, new EventListenerProvider() {
        @Override
        public void onEvent(Event event) {
            heard.add(event);
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
            heard.add(event);
        }

        @Override
        public void close() {
        }
    });

    private static Event event(EventType type, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setDetails(details);
        return event;
    }

    @Test
    void aPatsChangeIsLeftToTheExtensionsOwnSignal() {
        listener.onEvent(event(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "personal-access-token")));
        listener.onEvent(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "personal-access-token")));
        assertEquals(List.of(), heard);
    }

    @Test
    void everyOtherEventReachesKeycloaksListener() {
        Event password = event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password"));
        Event login = event(EventType.LOGIN, null);
        AdminEvent admin = new AdminEvent();
        listener.onEvent(password);
        listener.onEvent(login);
        listener.onEvent(admin, true);
        assertEquals(List.of(password, login, admin), heard);
    }

    private static AdminEvent adminEvent(ResourceType type, OperationType operation, String path) {
        AdminEvent event = new AdminEvent();
        event.setResourceType(type);
        event.setOperationType(operation);
        event.setResourcePath(path);
        return event;
    }

    @Test
    void anAdminsUpdateOfAUserIsLookedAtForADisablingAndNothingElseIs() {
        assertEquals("8a1f", KeycloakEventsWithoutPats.updatedUser(adminEvent(ResourceType.USER, OperationType.UPDATE, "users/8a1f")));
        assertNull(KeycloakEventsWithoutPats.updatedUser(adminEvent(ResourceType.USER, OperationType.CREATE, "users/8a1f")));
        assertNull(KeycloakEventsWithoutPats.updatedUser(adminEvent(ResourceType.USER, OperationType.UPDATE, "users/8a1f/reset-password")));
        assertNull(KeycloakEventsWithoutPats.updatedUser(adminEvent(ResourceType.USER, OperationType.UPDATE, "users/")));
        assertNull(KeycloakEventsWithoutPats.updatedUser(adminEvent(ResourceType.CLIENT, OperationType.UPDATE, "clients/8a1f")));
        assertNull(KeycloakEventsWithoutPats.updatedUser(adminEvent(ResourceType.USER, OperationType.UPDATE, null)));
    }

    @Test
    void thePermanentLockoutsEventTypeIsKeycloaks() {
        assertEquals(KeycloakEventsWithoutPats.PERMANENT_LOCKOUT, EventType.valueOf(KeycloakEventsWithoutPats.PERMANENT_LOCKOUT).name());
    }
}
