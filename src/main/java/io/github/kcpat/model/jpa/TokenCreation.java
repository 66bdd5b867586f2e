package io.github.kcpat.model.jpa;

import java.util.Collection;

import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.token.TokenFormat;
import io.github.kcpat.token.TokenHasher;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.PersistenceExceptionConverter;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** A new token's row: a fresh secret, of which only the hash and a short hint are stored. */
final class TokenCreation {

    private final EntityManager em;
    private final TokenFormat format;

    TokenCreation(EntityManager em, TokenFormat format) {
        this.em = em;
        this.format = format;
    }

    /** The row written (and flushed, so a broken constraint shows here); the secret is in the answer only. */
    IssuedToken create(RealmModel realm, UserModel user, String name, Collection<String> scopes, Long expiresAt,
                       boolean selfRotate) {
        String secret = format.newToken();
        PersonalAccessTokenEntity entity = new PersonalAccessTokenEntity();
        entity.setId(KeycloakModelUtils.generateId());
        entity.setRealmId(realm.getId());
        entity.setUserId(user.getId());
        entity.setName(name);
        entity.setScopes(String.join(" ", scopes));
        entity.setSecretHash(TokenHasher.hash(secret));
        entity.setHint(format.displayHint(secret));
        entity.setCreatedAt(Time.currentTime());
        entity.setExpiresAt(expiresAt);
        entity.setSelfRotate(selfRotate);
        try {
            em.persist(entity);
            em.flush();
        } catch (PersistenceException e) {
            throw PersistenceExceptionConverter.convert(e);
        }
        return new IssuedToken(TokenRows.toModel(entity), secret);
    }
}
