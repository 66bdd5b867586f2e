package io.github.kcpat.compat;

import org.keycloak.common.Profile;

/**
 * Whether this server runs Keycloak's Shared Signals transmitter: its event listener class is there (26.7 and later)
 * and the experimental {@code ssf} feature is on. Looked up by name, so it loads, and answers false, on 26.4–26.6.
 */
public final class SsfTransmitterPresence {

    public static final String KEYCLOAK_LISTENER_CLASS = "org.keycloak.ssf.transmitter.event.SsfTransmitterEventListener";

    private SsfTransmitterPresence() {
    }

    public static boolean on() {
        return present(KEYCLOAK_LISTENER_CLASS) && featureOn();
    }

    /** Whether this server has the class, without initialising it. */
    public static boolean present(String className) {
        try {
            Class.forName(className, false, SsfTransmitterPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@code Profile.Feature.SSF} does not exist before 26.7. */
    static boolean featureOn() {
        try {
            return Profile.isFeatureEnabled(Profile.Feature.valueOf("SSF"));
        } catch (IllegalArgumentException | NullPointerException | IllegalStateException notThere) {
            return false;
        }
    }
}
