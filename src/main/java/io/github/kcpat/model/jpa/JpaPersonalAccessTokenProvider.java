package io.github.kcpat.model.jpa;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import io.github.kcpat.cache.PatCache;
import io.github.kcpat.cache.PatCacheInvalidations;
import io.github.kcpat.model.ExposureReport;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.ReplacedSecretEnd;
import io.github.kcpat.model.RetiredSecret;
import io.github.kcpat.model.ScopeRequest;
import io.github.kcpat.model.ScopeRequestQuery;
import io.github.kcpat.model.TokenQuery;
import io.github.kcpat.model.TokenUse;
import io.github.kcpat.token.TokenFormat;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The store on Keycloak's own database. Each part with a job of its own is a class beside this one (the secret look-up
 * on the introspection path, secret replacement, the admin search, the lifecycle's queries, the holder lock, the
 * exposure queue, the removal of a user's or realm's tokens); this class
 * checks that a row belongs to the realm asked about and tells the nodes' caches of every change.
 */
final class JpaPersonalAccessTokenProvider implements PersonalAccessTokenProvider {

    private final KeycloakSession session;
    private final TokenFormat format;
    private final PatCache cache;
    private final SecretLookup lookup;
    private final long retiredSecretRetention;

    JpaPersonalAccessTokenProvider(KeycloakSession session, TokenFormat format, long lastUsedUpdateInterval, PatCache cache,
                                   long retiredSecretRetention) {
        this.session = session;
        this.format = format;
        this.cache = cache;
        this.lookup = new SecretLookup(session, cache, lastUsedUpdateInterval);
        this.retiredSecretRetention = retiredSecretRetention;
    }

    private PatCacheInvalidations changes() {
        return PatCacheInvalidations.of(session, cache);
    }

    private EntityManager em() {
        return TokenRows.em(session);
    }

    @Override
    public IssuedToken create(RealmModel realm, UserModel user, String name, Collection<String> scopes, Long expiresAt,
                              boolean selfRotate) {
        return new TokenCreation(em(), format).create(realm, user, name, scopes, expiresAt, selfRotate);
    }

    @Override
    public IssuedToken regenerate(RealmModel realm, String id, long previousSecretUntil) {
        return replaceSecret(realm, id, false, null, previousSecretUntil);
    }

    @Override
    public IssuedToken rotate(RealmModel realm, String id, Long expiresAt, long previousSecretUntil) {
        return replaceSecret(realm, id, true, expiresAt, previousSecretUntil);
    }

    private IssuedToken replaceSecret(RealmModel realm, String id, boolean selfRotation, Long expiresAt,
                                      long previousSecretUntil) {
        IssuedToken issued = new SecretReplacement(em(), format, retiredSecretRetention)
                .replace(realm, inRealm(realm, id), selfRotation, expiresAt, previousSecretUntil);
        if (issued != null) {
            changes().token(id);
        }
        return issued;
    }

    @Override
    public Stream<PersonalAccessToken> search(RealmModel realm, TokenQuery query) {
        return TokenSearch.run(em(), realm, query);
    }

    /**
     * Read with a lock: a locking read sees the latest committed rows even where the database's isolation is repeatable
     * read (MariaDB's default), so checks made after {@link #lockHolder} see every token.
     */
    @Override
    public List<String> namesHeld(RealmModel realm, String userId) {
        return em().createNamedQuery("PersonalAccessTokenEntity.byUser", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .map(PersonalAccessTokenEntity::getName)
                .toList();
    }

    @Override
    public PersonalAccessToken getById(RealmModel realm, String id) {
        PersonalAccessTokenEntity entity = inRealm(realm, id);
        return entity == null ? null : TokenRows.toModel(entity);
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
        em().createNamedQuery("RetiredSecretEntity.deleteByToken").setParameter("tokenId", id).executeUpdate();
        em().createNamedQuery("ScopeRequestEntity.deleteByToken").setParameter("tokenId", id).executeUpdate();
        changes().token(id);
        return true;
    }

    @Override
    public Stream<PersonalAccessToken> expiringBetween(RealmModel realm, long from, long to, int days) {
        return new LifecycleQueries(em()).expiringBetween(realm, from, to, days);
    }

    @Override
    public void setRemindedDays(String id, int days) {
        new LifecycleQueries(em()).setRemindedDays(id, days);
    }

    @Override
    public Stream<PersonalAccessToken> unusedSince(RealmModel realm, long since) {
        return new LifecycleQueries(em()).unusedSince(realm, since);
    }

    @Override
    public void lockHolder(RealmModel realm, String userId) {
        HolderLock.take(session, realm, userId);
    }

    @Override
    public Stream<PersonalAccessToken> list(RealmModel realm, UserModel user) {
        return em().createNamedQuery("PersonalAccessTokenEntity.byUser", PersonalAccessTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", user.getId())
                .getResultStream()
                .map(TokenRows::toModel);
    }

    @Override
    public PersonalAccessToken get(RealmModel realm, UserModel user, String id) {
        PersonalAccessTokenEntity entity = owned(realm, user, id);
        return entity == null ? null : TokenRows.toModel(entity);
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
        return lookup.inRealm(realm, hash);
    }

    @Override
    public void recordUse(PersonalAccessToken token, String hash, long nowSeconds, TokenUse use) {
        lookup.recordUse(token, hash, nowSeconds, use);
    }

    @Override
    public Stream<String> ownerIds(RealmModel realm) {
        return new LifecycleQueries(em()).ownerIds(realm);
    }

    @Override
    public int removeAllOfUser(RealmModel realm, String userId) {
        changes().user(userId);
        return BulkRemoval.ofUser(em(), realm.getId(), userId);
    }

    @Override
    public int removeAllOfRealm(String realmId) {
        changes().realm(realmId);
        new ExposureReportQueue(em()).removeAllOfRealm(realmId);
        return BulkRemoval.ofRealm(em(), realmId);
    }

    @Override
    public List<String> addExposureReports(RealmModel realm, Collection<String> values, String reportedFrom, long nowSeconds) {
        return new ExposureReportQueue(em()).add(realm, values, reportedFrom, nowSeconds);
    }

    @Override
    public List<String> exposureReportIdsBefore(long before, int max) {
        return new ExposureReportQueue(em()).idsBefore(before, max);
    }

    @Override
    public ExposureReport takeExposureReport(String id) {
        return new ExposureReportQueue(em()).take(id);
    }

    @Override
    public PersonalAccessToken findInAnyRealmBySecretHash(String secretHash) {
        return lookup.inAnyRealm(secretHash);
    }

    @Override
    public RetiredSecret findRetiredSecret(RealmModel realm, String secretHash) {
        return lookup.retired(realm, secretHash, Time.currentTime());
    }

    @Override
    public RetiredSecret findLiveRetiredSecret(RealmModel realm, String tokenId, long secretCreatedAt, Integer generation) {
        return lookup.liveRetired(realm, tokenId, secretCreatedAt, generation, Time.currentTime());
    }

    @Override
    public RetiredSecret findRetiredSecretInAnyRealm(String secretHash) {
        return lookup.retired(null, secretHash, Time.currentTime());
    }

    @Override
    public boolean endRetiredSecret(RealmModel realm, String secretHash) {
        RetiredSecret retired = lookup.retired(realm, secretHash, Time.currentTime());
        if (retired == null) {
            return false;
        }
        long now = Time.currentTime();
        int ended = em().createNamedQuery("RetiredSecretEntity.endByHash")
                .setParameter("secretHash", secretHash)
                .setParameter("now", now)
                .executeUpdate();
        if (ended > 0) {
            em().createNamedQuery("PersonalAccessTokenEntity.endPreviousSecret").setParameter("id", retired.tokenId())
                    .executeUpdate();
            changes().token(retired.tokenId());
        }
        return ended > 0;
    }

    @Override
    public boolean claimReuseNotice(RealmModel realm, String tokenId, long nowSeconds, long intervalSeconds) {
        return em().createNamedQuery("PersonalAccessTokenEntity.claimReuseNotice")
                .setParameter("now", nowSeconds)
                .setParameter("id", tokenId)
                .setParameter("realmId", realm.getId())
                .setParameter("notAfter", nowSeconds - intervalSeconds)
                .executeUpdate() == 1;
    }

    @Override
    public int forgetRetiredSecrets(long nowSeconds) {
        return em().createNamedQuery("RetiredSecretEntity.deleteForgotten").setParameter("now", nowSeconds).executeUpdate();
    }

    @Override
    public void close() {
    }
    @Override
    public List<PersonalAccessToken> tokensEndingBetween(RealmModel realm, long since, long now, long maxLifetimeSeconds,
            int max) {
        return new SignalClaims(em()).tokensEndingBetween(realm.getId(), since, now, maxLifetimeSeconds, max);
    }

    @Override
    public boolean claimExpirySignal(String tokenId, long end) {
        return new SignalClaims(em()).claimExpiry(tokenId, end);
    }

    @Override
    public List<ReplacedSecretEnd> replacedSecretsEndingBetween(RealmModel realm, long since, long now,
            long maxOverlapSeconds, int max) {
        return new SignalClaims(em()).replacedSecretsEndingBetween(realm.getId(), since, now, maxOverlapSeconds, max);
    }

    @Override
    public boolean claimSecretEndSignal(String secretHash) {
        return new SignalClaims(em()).claimSecretEnd(secretHash);
    }

    @Override
    public boolean claimLiveSecretEndSignals(String tokenId, long now) {
        return new SignalClaims(em()).claimLiveSecretEnds(tokenId, now);
    }

    @Override
    public List<String> claimOwnerDisabledSignals(RealmModel realm, String userId) {
        return new SignalClaims(em()).claimOwnerDisabled(realm.getId(), userId);
    }

    @Override
    public void ownerEnabled(RealmModel realm, String userId) {
        new SignalClaims(em()).ownerEnabled(realm.getId(), userId);
    }

    @Override
    public List<ScopeRequest> requestScopes(RealmModel realm, String tokenId, Collection<String> scopes, String reason,
                                            long now) {
        PersonalAccessTokenEntity token = lockedInRealm(realm, tokenId);
        if (token == null || scopes.isEmpty()) {
            return List.of();
        }
        List<ScopeRequest> created = new ScopeRequestStore(em()).request(token, scopes, reason, now);
        changes().token(tokenId);
        return created;
    }

    @Override
    public List<ScopeRequest> scopeRequestsOf(String tokenId) {
        return new ScopeRequestStore(em()).ofToken(tokenId);
    }

    @Override
    public List<ScopeRequest> searchScopeRequests(RealmModel realm, ScopeRequestQuery query) {
        return new ScopeRequestStore(em()).search(realm.getId(), query);
    }

    @Override
    public ScopeRequest getScopeRequest(RealmModel realm, String id) {
        return new ScopeRequestStore(em()).get(realm.getId(), id);
    }

    @Override
    public ScopeRequest decideScopeRequest(RealmModel realm, String id, boolean approve, boolean lapsed, String decidedBy,
                                           String decisionReason, long now) {
        ScopeRequest asRead = new ScopeRequestStore(em()).get(realm.getId(), id);
        PersonalAccessTokenEntity token = asRead == null ? null : lockedInRealm(realm, asRead.tokenId());
        ScopeRequest request = token == null ? null : new ScopeRequestStore(em()).getLocked(realm.getId(), id);
        if (request == null || !request.pending()) {
            return null;
        }
        ScopeRequest decided = new ScopeRequestStore(em()).decide(token, id, approve, lapsed, decidedBy, decisionReason, now);
        if (decided != null) {
            changes().token(token.getId());
        }
        return decided;
    }

    @Override
    public List<ScopeRequest> pendingScopeRequestsBefore(RealmModel realm, long before, int max) {
        return new ScopeRequestStore(em()).pendingBefore(realm.getId(), before, max);
    }

    @Override
    public List<PersonalAccessToken> tokensAskingScope(RealmModel realm, String scope, String afterId, int max) {
        return new ScopeRequestStore(em()).asking(realm.getId(), scope, afterId, max);
    }

    @Override
    public boolean claimApproverMail(RealmModel realm, String userId, long now, long intervalSeconds) {
        return ApproverMailClaim.claim(session, realm, userId, now, intervalSeconds);
    }

    /** The realm's token row with that id, locked (and read afresh) until the end of the transaction; or null. */
    private PersonalAccessTokenEntity lockedInRealm(RealmModel realm, String id) {
        if (id == null || id.length() > 36) {
            return null;
        }
        PersonalAccessTokenEntity entity = em().find(PersonalAccessTokenEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null || !entity.getRealmId().equals(realm.getId())) {
            return null;
        }
        em().refresh(entity);
        return entity;
    }
}
