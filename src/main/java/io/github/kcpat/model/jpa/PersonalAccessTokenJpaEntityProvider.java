package io.github.kcpat.model.jpa;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

final class PersonalAccessTokenJpaEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(PersonalAccessTokenEntity.class, PersonalAccessTokenHolderEntity.class, ExposureReportEntity.class,
                RetiredSecretEntity.class, ScopeRequestEntity.class,
                ApproverMailEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/personal-access-tokens-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return PersonalAccessTokenJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
