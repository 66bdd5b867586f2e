package io.github.kcpat.model.jpa;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.token.TokenFormat;
import io.github.kcpat.token.TokenHasher;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.connections.jpa.PersistenceExceptionConverter;
import org.keycloak.models.utils.KeycloakModelUtils;

final class JpaPersonalAccessTokenProvider implements PersonalAccessTokenProvider {

    private final KeycloakSession session;
    private final TokenFormat format;
    private final long lastUsedUpdateInterval;

    JpaPersonalAccessTokenProvider(KeycloakSession session, TokenFormat format, long lastUsedUpdateInterval) {
        this.session = session;
        this.format = format;
        this.lastUsedUpdateInterval = lastUsedUpdateInterval;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public IssuedToken create(RealmModel realm, UserModel user, String name, Collection<String> scopes, Long expiresAt) {
        long sameName = em().createNamedQuery("PersonalAccessTokenEntity.countByName", Long.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", user.getId())
                .setParameter("name", name)
                .getSingleResult();
        if (sameName > 0) {
            throw new ModelDuplicateException("A personal access token with this name already exists");
        }
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
        try {
            em().persist(entity);
            em().flush();
        } catch (PersistenceException e) {
            throw PersistenceExceptionConverter.convert(e);
        }
        return new IssuedToken(toModel(entity), secret);
    }

    @Override
    public Stream<PersonalAccessToken> list(RealmModel realm, UserModel user) {
        return em().createNamedQuery("PersonalAccessTokenEntity.byUser", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", user.getId())
                .getResultStream()
                .map(JpaPersonalAccessTokenProvider::toModel);
    }

    @Override
    public PersonalAccessToken get(RealmModel realm, UserModel user, String id) {
        PersonalAccessTokenEntity entity = owned(realm, user, id);
        return entity == null ? null : toModel(entity);
    }

    @Override
    public boolean delete(RealmModel realm, UserModel user, String id) {
        PersonalAccessTokenEntity entity = owned(realm, user, id);
        if (entity == null) {
            return false;
        }
        em().remove(entity);
        em().flush();
        return true;
    }

    private PersonalAccessTokenEntity owned(RealmModel realm, UserModel user, String id) {
        if (id == null || id.length() > 36) {
            return null;
        }
        PersonalAccessTokenEntity entity = em().find(PersonalAccessTokenEntity.class, id);
        if (entity == null || !entity.getRealmId().equals(realm.getId()) || !entity.getUserId().equals(user.getId())) {
            return null;
        }
        return entity;
    }

    @Override
    public boolean isPersonalAccessToken(String text) {
        return format.hasPrefix(text);
    }

    @Override
    public PersonalAccessToken findBySecret(RealmModel realm, String secret) {
        if (!format.isWellFormed(secret)) {
            return null;
        }
        return em().createNamedQuery("PersonalAccessTokenEntity.byHash", PersonalAccessTokenEntity.class)
                .setParameter("secretHash", TokenHasher.hash(secret))
                .getResultStream()
                .filter(entity -> entity.getRealmId().equals(realm.getId()))
                .findFirst()
                .map(JpaPersonalAccessTokenProvider::toModel)
                .orElse(null);
    }

    @Override
    public void recordUse(PersonalAccessToken token, long nowSeconds) {
        Long last = token.lastUsedAt();
        if (last != null && nowSeconds - last < lastUsedUpdateInterval) {
            return;
        }
        em().createNamedQuery("PersonalAccessTokenEntity.recordUse")
                .setParameter("now", nowSeconds)
                .setParameter("id", token.id())
                .setParameter("notAfter", nowSeconds - lastUsedUpdateInterval)
                .executeUpdate();
    }

    @Override
    public void removeAllOfUser(RealmModel realm, String userId) {
        em().createNamedQuery("PersonalAccessTokenEntity.deleteByUser")
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .executeUpdate();
    }

    @Override
    public void removeAllOfRealm(String realmId) {
        em().createNamedQuery("PersonalAccessTokenEntity.deleteByRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }

    private static PersonalAccessToken toModel(PersonalAccessTokenEntity entity) {
        List<String> scopes = entity.getScopes().isBlank() ? List.of() : Arrays.asList(entity.getScopes().split(" "));
        return new PersonalAccessToken(entity.getId(), entity.getRealmId(), entity.getUserId(), entity.getName(), scopes,
                entity.getHint(), entity.getCreatedAt(), entity.getExpiresAt(), entity.getLastUsedAt());
    }

    @Override
    public void close() {
    }
}
