package io.github.kcpat.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;

class KeycloakEventsWithoutPatsTest {

    /** Stands for Keycloak's SSF listener: what reached it. */
    private final List<Object> heard = new ArrayList<>();
    private final KeycloakEventsWithoutPats listener = new KeycloakEventsWithoutPats(new EventListenerProvider() {
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
}
