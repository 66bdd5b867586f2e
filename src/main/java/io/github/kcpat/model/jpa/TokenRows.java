package io.github.kcpat.model.jpa;

import java.util.Arrays;
import java.util.List;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.TokenUse;
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
        List<String> scopes = names(entity.getScopes());
        return new PersonalAccessToken(entity.getId(), entity.getRealmId(), entity.getUserId(), entity.getName(), scopes,
                entity.getHint(), entity.getCreatedAt(), entity.getExpiresAt(), entity.getLastUsedAt(), entity.getLastUsedIp(),
                entity.getLastUsedClient(), TokenUse.Via.ofApiName(entity.getLastUsedVia()), entity.getRemindedDays(), entity.isSelfRotate(),
                entity.getPreviousSecretUntil(), entity.getSecretGeneration(), names(entity.getPendingScopes()));
    }

    /** Scope names kept separated by single spaces; null or blank for none. */
    static List<String> names(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(" "));
    }

    /** Scope names as a column keeps them; null for none. */
    static String joined(List<String> names) {
        return names.isEmpty() ? null : String.join(" ", names);
    }
}
