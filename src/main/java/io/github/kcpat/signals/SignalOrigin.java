package io.github.kcpat.signals;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.keycloak.models.KeycloakSession;

/**
 * Where the server is reached, for the SETs of work that no request started (a revocation after its report, the
 * daily lifecycle): Keycloak's transmitter takes its issuer from the hostname options or, lacking them, from the
 * current request, and drops the SET outside one. This node remembers the base URI of the last request that changed a
 * token, and lends it to background work as a request of its own; with {@code --hostname} set it is not needed.
 */
final class SignalOrigin {

    private static final AtomicReference<URI> LAST_BASE = new AtomicReference<>();

    private SignalOrigin() {
    }

    static void remember(KeycloakSession session) {
        if (inRequest(session)) {
            try {
                LAST_BASE.set(session.getContext().getUri().getBaseUri());
            } catch (RuntimeException notResolvable) {
                // nothing to remember
            }
        }
    }

    static void supplyIfOutsideRequest(KeycloakSession session) {
        URI base = LAST_BASE.get();
        if (base != null && !inRequest(session)) {
            session.getContext().setHttpRequest(new BackgroundRequest(base));
        }
    }

    private static boolean inRequest(KeycloakSession session) {
        try {
            return session.getContext().getHttpRequest() != null;
        } catch (RuntimeException noRequest) {
            return false;
        }
    }
}
