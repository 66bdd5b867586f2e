package io.github.kcpat.model;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI {@code personal-access-token}: configure it as {@code --spi-personal-access-token--jpa--<key>=...}. */
public final class PersonalAccessTokenSpi implements Spi {

    public static final String NAME = "personal-access-token";

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
        return PersonalAccessTokenProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PersonalAccessTokenProviderFactory.class;
    }
}
