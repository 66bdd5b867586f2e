package io.github.kcpat.model.jpa;

import io.github.kcpat.compat.PlainProviderFactory;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the PAT table and its Liquibase changelog (change log table {@code DATABASECHANGELOG_PERSONAL_A}). */
public final class PersonalAccessTokenJpaEntityProviderFactory implements JpaEntityProviderFactory, PlainProviderFactory<JpaEntityProvider> {

    static final String ID = "personal-access-tokens";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new PersonalAccessTokenJpaEntityProvider();
    }

    @Override
    public String getId() {
        return ID;
    }
}
