package io.github.kcpat.startup;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI {@code personal-access-token-startup}: what the extension starts with the server (the lifecycle schedule, the
 * exposure sweep, the setup check), one factory per job in the package that owns the job, so the store need not know
 * about any of them. Its factories do their work in {@link ProviderFactory#postInit}; they have nothing to configure.
 */
public final class PatStartupSpi implements Spi {

    public static final String NAME = "personal-access-token-startup";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PatStartupProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PatStartupProviderFactory.class;
    }
}
