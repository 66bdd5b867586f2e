package io.github.kcpat.model.jpa;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import io.github.kcpat.cache.PatCache;
import io.github.kcpat.cache.PatCacheInvalidations;
import io.github.kcpat.model.ConcurrentTokenChangeException;
import io.github.kcpat.model.ExposureReport;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.TokenQuery;
import io.github.kcpat.token.TokenFormat;
import io.github.kcpat.token.TokenHasher;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.PersistenceExceptionConverter;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

final class JpaPersonalAccessTokenProvider implements PersonalAccessTokenProvider {

    private static final Logger LOG = Logger.getLogger(JpaPersonalAccessTokenProvider.class);

    /** A second regenerate of one token within this many seconds is taken for a race and refused. */
    static final long REGENERATE_QUIET_SECONDS = 3;

    private final KeycloakSession session;
    private final TokenFormat format;
    private final long lastUsedUpdateInterval;
    private final PatCache cache;

    JpaPersonalAccessTokenProvider(KeycloakSession session, TokenFormat format, long lastUsedUpdateInterval, PatCache cache) {
        this.session = session;
        this.format = format;
        this.lastUsedUpdateInterval = lastUsedUpdateInterval;
        this.cache = cache;
    }

    private PatCacheInvalidations changes() {
        return PatCacheInvalidations.of(session, cache);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public IssuedToken create(RealmModel realm, UserModel user, String name, Collection<String> scopes, Long expiresAt,
                              boolean selfRotate) {
        boolean sameName = heldBy(realm, user.getId()).stream().anyMatch(token -> token.getName().equals(name));
        if (sameName) {
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
        entity.setSelfRotate(selfRotate);
        try {
            em().persist(entity);
            em().flush();
        } catch (PersistenceException e) {
            throw PersistenceExceptionConverter.convert(e);
        }
        return new IssuedToken(toModel(entity), secret);
    }

    @Override
    public IssuedToken regenerate(RealmModel realm, String id) {
        return replaceSecret(realm, id, true, null);
    }

    @Override
    public IssuedToken rotate(RealmModel realm, String id, Long expiresAt) {
        return replaceSecret(realm, id, false, expiresAt);
    }

    /**
     * @param renewLifetime true: the token lives as long from now as it was meant to live (regenerate); false: it gets
     *        {@code expiresAt} (rotate)
     */
    private IssuedToken replaceSecret(RealmModel realm, String id, boolean renewLifetime, Long expiresAt) {
        PersonalAccessTokenEntity seenEntity = inRealm(realm, id);
        if (seenEntity == null) {
            return null;
        }
        String seen = seenEntity.getSecretHash();
        em().detach(seenEntity);
        // a locking read waits for a concurrent change of this token to end, then reads what it wrote (or finds the
        // token deleted); the query, unlike a refresh, answers "gone" the same way on every database
        List<PersonalAccessTokenEntity> locked;
        try {
            locked = em().createNamedQuery("PersonalAccessTokenEntity.byIdLocked", PersonalAccessTokenEntity.class)
                    .setParameter("id", id)
                    .setParameter("realmId", realm.getId())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
        } catch (PersistenceException e) {
            throw PersistenceExceptionConverter.convert(e);
        }
        if (locked.isEmpty()) {
            return null;
        }
        PersonalAccessTokenEntity entity = locked.get(0);
        long now = Time.currentTime();
        boolean replacedMomentsAgo = entity.getRegeneratedAt() != null
                && now - entity.getRegeneratedAt() < REGENERATE_QUIET_SECONDS;
        if (!seen.equals(entity.getSecretHash()) || replacedMomentsAgo) {
            throw new ConcurrentTokenChangeException();
        }
        // a new secret always gets a later creation time, even within the same second: tokens exchanged from the old
        // secret name the old one (DerivedTokens), so they end at once
        now = Math.max(now, entity.getCreatedAt() + 1);
        String secret = format.newToken();
        Long lifetime = entity.getExpiresAt() == null ? null : entity.getExpiresAt() - entity.getCreatedAt();
        entity.setSecretHash(TokenHasher.hash(secret));
        entity.setHint(format.displayHint(secret));
        entity.setCreatedAt(now);
        entity.setRegeneratedAt(now);
        if (renewLifetime) {
            entity.setExpiresAt(lifetime == null ? null : now + lifetime);
            entity.setRemindedDays(null);
        } else {
            entity.setExpiresAt(expiresAt);
        }
        entity.setLastUsedAt(null);
        entity.setLastUsedIp(null);
        em().flush();
        changes().token(entity.getId());
        return new IssuedToken(toModel(entity), secret);
    }

    @Override
    public Stream<PersonalAccessToken> search(RealmModel realm, TokenQuery query) {
        StringBuilder jpql = new StringBuilder("select t from PersonalAccessTokenEntity t where t.realmId = :realmId");
        if (query.userId() != null) {
            jpql.append(" and t.userId = :userId");
        }
        if (query.expiresBefore() != null) {
            jpql.append(" and t.expiresAt is not null and t.expiresAt < :expiresBefore");
        }
        if (query.unusedSince() != null) {
            jpql.append(" and ((t.lastUsedAt is null and t.createdAt < :unusedSince) or t.lastUsedAt < :unusedSince)");
        }
        jpql.append(" order by t.createdAt desc, t.id");
        TypedQuery<PersonalAccessTokenEntity> typed = em().createQuery(jpql.toString(), PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId());
        if (query.userId() != null) {
            typed.setParameter("userId", query.userId());
        }
        if (query.expiresBefore() != null) {
            typed.setParameter("expiresBefore", query.expiresBefore());
        }
        if (query.unusedSince() != null) {
            typed.setParameter("unusedSince", query.unusedSince());
        }
        return typed.setFirstResult(query.first()).setMaxResults(query.max()).getResultStream()
                .map(JpaPersonalAccessTokenProvider::toModel);
    }

    @Override
    public long countOfUser(RealmModel realm, String userId) {
        return heldBy(realm, userId).size();
    }

    /**
     * The user's tokens, read with a lock: a locking read sees the latest committed rows even where the database's
     * isolation is repeatable read (MariaDB's default), so checks made after {@link #lockHolder} see every token.
     */
    private List<PersonalAccessTokenEntity> heldBy(RealmModel realm, String userId) {
        return em().createNamedQuery("PersonalAccessTokenEntity.byUser", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    @Override
    public PersonalAccessToken getById(RealmModel realm, String id) {
        PersonalAccessTokenEntity entity = inRealm(realm, id);
        return entity == null ? null : toModel(entity);
    }

    /**
     * One statement that deletes the row if it is still there: two requests deleting the same token at once find one
     * deleted row and none, never a stale entity (which Hibernate would report as a server error).
     */
    @Override
    public boolean delete(RealmModel realm, String id) {
        if (id == null || id.length() > 36) {
            return false;
        }
        int deleted = em().createNamedQuery("PersonalAccessTokenEntity.deleteById")
                .setParameter("id", id)
                .setParameter("realmId", realm.getId())
                .executeUpdate();
        if (deleted == 0) {
            return false;
        }
        changes().token(id);
        return true;
    }

    @Override
    public Stream<PersonalAccessToken> expiringBetween(RealmModel realm, long from, long to, int days) {
        return em().createNamedQuery("PersonalAccessTokenEntity.expiringBetween", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("days", days)
                .getResultStream()
                .map(JpaPersonalAccessTokenProvider::toModel);
    }

    @Override
    public void setRemindedDays(String id, int days) {
        PersonalAccessTokenEntity entity = em().find(PersonalAccessTokenEntity.class, id);
        if (entity != null) {
            entity.setRemindedDays(days);
        }
    }

    @Override
    public Stream<PersonalAccessToken> unusedSince(RealmModel realm, long since) {
        return em().createNamedQuery("PersonalAccessTokenEntity.unusedSince", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("since", since)
                .getResultStream()
                .map(JpaPersonalAccessTokenProvider::toModel);
    }

    @Override
    public void lockHolder(RealmModel realm, String userId) {
        String key = PersonalAccessTokenHolderEntity.key(realm.getId(), userId);
        if (em().find(PersonalAccessTokenHolderEntity.class, key) == null) {
            // created in a transaction of its own, so a concurrent creation of the same row cannot spoil this one
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), other -> {
                    EntityManager em = other.getProvider(JpaConnectionProvider.class).getEntityManager();
                    if (em.find(PersonalAccessTokenHolderEntity.class, key) == null) {
                        em.persist(new PersonalAccessTokenHolderEntity(realm.getId(), userId));
                        em.flush();
                    }
                });
            } catch (RuntimeException concurrentlyCreated) {
                // another request created the row first: it exists, which is all that is needed
            }
        }
        em().find(PersonalAccessTokenHolderEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
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

    private PersonalAccessTokenEntity owned(RealmModel realm, UserModel user, String id) {
        PersonalAccessTokenEntity entity = inRealm(realm, id);
        return entity == null || !entity.getUserId().equals(user.getId()) ? null : entity;
    }

    private PersonalAccessTokenEntity inRealm(RealmModel realm, String id) {
        if (id == null || id.length() > 36) {
            return null;
        }
        PersonalAccessTokenEntity entity = em().find(PersonalAccessTokenEntity.class, id);
        return entity == null || !entity.getRealmId().equals(realm.getId()) ? null : entity;
    }

    @Override
    public boolean isPersonalAccessToken(String text) {
        return format.hasPrefix(text);
    }

    @Override
    public boolean isWellFormed(String text) {
        return format.isWellFormed(text);
    }

    @Override
    public PersonalAccessToken findBySecretHash(RealmModel realm, String hash) {
        PersonalAccessToken token = cache.get(hash);
        if (token == null) {
            long generation = cache.generation();
            token = em().createNamedQuery("PersonalAccessTokenEntity.byHash", PersonalAccessTokenEntity.class)
                    .setParameter("secretHash", hash)
                    .setMaxResults(1)
                    .getResultList().stream()
                    .findFirst()
                    .map(JpaPersonalAccessTokenProvider::toModel)
                    .orElse(null);
            cache.put(hash, token, generation);
        }
        return token != null && token.realmId().equals(realm.getId()) ? token : null;
    }

    @Override
    public void recordUse(PersonalAccessToken token, String hash, long nowSeconds, String ipAddress) {
        String ip = ipAddress == null || ipAddress.length() > 64 ? null : ipAddress;
        if (!cache.claimUse(hash, token, nowSeconds, lastUsedUpdateInterval, ip)) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> own
                    .getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createNamedQuery("PersonalAccessTokenEntity.recordUse")
                    .setParameter("now", nowSeconds)
                    .setParameter("ip", ip)
                    .setParameter("id", token.id())
                    .setParameter("secretHash", hash)
                    .setParameter("notAfter", nowSeconds - lastUsedUpdateInterval)
                    .executeUpdate());
        } catch (RuntimeException e) {
            // Best effort, in a transaction of its own: a use that races a revocation or another node's write of the
            // same row is not recorded this time, and never fails the request that used the token.
            LOG.debugf("Last use of personal access token %s not recorded: %s", token.id(), e.toString());
        }
    }

    @Override
    public Stream<String> ownerIds(RealmModel realm) {
        return em().createNamedQuery("PersonalAccessTokenEntity.userIdsOfRealm", String.class)
                .setParameter("realmId", realm.getId())
                .getResultStream();
    }

    @Override
    public int removeAllOfUser(RealmModel realm, String userId) {
        changes().user(userId);
        em().createNamedQuery("PersonalAccessTokenHolderEntity.deleteByUser")
                .setParameter("id", PersonalAccessTokenHolderEntity.key(realm.getId(), userId))
                .executeUpdate();
        return em().createNamedQuery("PersonalAccessTokenEntity.deleteByUser")
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .executeUpdate();
    }

    @Override
    public int removeAllOfRealm(String realmId) {
        changes().realm(realmId);
        em().createNamedQuery("ExposureReportEntity.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em().createNamedQuery("PersonalAccessTokenHolderEntity.deleteByRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
        return em().createNamedQuery("PersonalAccessTokenEntity.deleteByRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }

    @Override
    public List<String> addExposureReports(RealmModel realm, Collection<String> values, String reportedFrom, long nowSeconds) {
        String from = reportedFrom == null || reportedFrom.length() > 64 ? null : reportedFrom;
        List<String> ids = new java.util.ArrayList<>();
        for (String value : new java.util.LinkedHashSet<>(values)) {
            ExposureReportEntity report = new ExposureReportEntity();
            report.setId(KeycloakModelUtils.generateId());
            report.setRealmId(realm.getId());
            report.setValueHash(TokenHasher.hash(value));
            report.setReportedFrom(from);
            report.setReceivedAt(nowSeconds);
            em().persist(report);
            ids.add(report.getId());
        }
        em().flush();
        return ids;
    }

    @Override
    public List<String> exposureReportIdsBefore(long before, int max) {
        return em().createNamedQuery("ExposureReportEntity.idsReceivedBefore", String.class)
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public ExposureReport takeExposureReport(String id) {
        ExposureReportEntity report = em().find(ExposureReportEntity.class, id);
        if (report == null) {
            return null;
        }
        ExposureReport taken = new ExposureReport(report.getId(), report.getRealmId(), report.getValueHash(),
                report.getReportedFrom(), report.getReceivedAt());
        em().detach(report);
        int deleted = em().createNamedQuery("ExposureReportEntity.deleteById").setParameter("id", id).executeUpdate();
        return deleted == 1 ? taken : null;
    }

    @Override
    public PersonalAccessToken findInAnyRealmBySecretHash(String secretHash) {
        return em().createNamedQuery("PersonalAccessTokenEntity.byHash", PersonalAccessTokenEntity.class)
                .setParameter("secretHash", secretHash)
                .setMaxResults(1)
                .getResultList().stream()
                .findFirst()
                .map(JpaPersonalAccessTokenProvider::toModel)
                .orElse(null);
    }

    private static PersonalAccessToken toModel(PersonalAccessTokenEntity entity) {
        List<String> scopes = entity.getScopes().isBlank() ? List.of() : Arrays.asList(entity.getScopes().split(" "));
        return new PersonalAccessToken(entity.getId(), entity.getRealmId(), entity.getUserId(), entity.getName(), scopes,
                entity.getHint(), entity.getCreatedAt(), entity.getExpiresAt(), entity.getLastUsedAt(), entity.getLastUsedIp(),
                entity.getRemindedDays(), entity.isSelfRotate());
    }

    @Override
    public void close() {
    }
}
