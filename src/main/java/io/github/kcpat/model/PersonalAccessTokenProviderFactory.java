package io.github.kcpat.model;

import org.keycloak.provider.ProviderFactory;

public interface PersonalAccessTokenProviderFactory extends ProviderFactory<PersonalAccessTokenProvider> {
}
