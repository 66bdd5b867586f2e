package io.github.kcpat.startup;

import org.keycloak.provider.Provider;

/** Nothing to call per request: a start-up job works once, in its factory's {@code postInit}. */
public interface PatStartupProvider extends Provider {

    PatStartupProvider NONE = () -> {
    };
}
