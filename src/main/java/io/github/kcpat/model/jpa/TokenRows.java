package io.github.kcpat.model.jpa;

import java.util.Arrays;
import java.util.List;

import io.github.kcpat.model.PersonalAccessToken;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** What the store's parts share: the session's entity manager, and a row read as the model's token. */
final class TokenRows {

    private TokenRows() {
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    static PersonalAccessToken toModel(PersonalAccessTokenEntity entity) {
        List<String> scopes = entity.getScopes().isBlank() ? List.of() : Arrays.asList(entity.getScopes().split(" "));
        return new PersonalAccessToken(entity.getId(), entity.getRealmId(), entity.getUserId(), entity.getName(), scopes,
                entity.getHint(), entity.getCreatedAt(), entity.getExpiresAt(), entity.getLastUsedAt(), entity.getLastUsedIp(),
                entity.getRemindedDays(), entity.isSelfRotate(),
                entity.getPreviousSecretUntil(), entity.getSecretGeneration());
    }
}
