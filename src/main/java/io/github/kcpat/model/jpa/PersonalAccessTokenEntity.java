package io.github.kcpat.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One row of {@code PERSONAL_ACCESS_TOKEN}. The secret itself is never stored, only its SHA-256 hash. */
@Entity
@Table(name = "PERSONAL_ACCESS_TOKEN")
@NamedQueries({
        @NamedQuery(name = "PersonalAccessTokenEntity.byUser",
                query = "select t from PersonalAccessTokenEntity t where t.realmId = :realmId and t.userId = :userId"
                        + " order by t.createdAt desc, t.id"),
        @NamedQuery(name = "PersonalAccessTokenEntity.byHash",
                query = "select t from PersonalAccessTokenEntity t where t.secretHash = :secretHash"),
        @NamedQuery(name = "PersonalAccessTokenEntity.deleteByUser",
                query = "delete from PersonalAccessTokenEntity t where t.realmId = :realmId and t.userId = :userId"),
        @NamedQuery(name = "PersonalAccessTokenEntity.deleteById",
                query = "delete from PersonalAccessTokenEntity t where t.id = :id and t.realmId = :realmId"),
        @NamedQuery(name = "PersonalAccessTokenEntity.byIdLocked",
                query = "select t from PersonalAccessTokenEntity t where t.id = :id and t.realmId = :realmId"),
        @NamedQuery(name = "PersonalAccessTokenEntity.deleteByRealm",
                query = "delete from PersonalAccessTokenEntity t where t.realmId = :realmId"),
        @NamedQuery(name = "PersonalAccessTokenEntity.recordUse",
                query = "update PersonalAccessTokenEntity t set t.lastUsedAt = :now, t.lastUsedIp = :ip,"
                        + " t.lastUsedClient = :client, t.lastUsedVia = :via"
                        + " where t.id = :id and t.secretHash = :secretHash"
                        + " and (t.lastUsedAt is null or t.lastUsedAt <= :notAfter)"),
        @NamedQuery(name = "PersonalAccessTokenEntity.claimReuseNotice",
                query = "update PersonalAccessTokenEntity t set t.reuseNotifiedAt = :now where t.id = :id and t.realmId = :realmId"
                        + " and (t.reuseNotifiedAt is null or t.reuseNotifiedAt <= :notAfter)"),
        @NamedQuery(name = "PersonalAccessTokenEntity.endPreviousSecret",
                query = "update PersonalAccessTokenEntity t set t.previousSecretUntil = null where t.id = :id"),
        @NamedQuery(name = "PersonalAccessTokenEntity.userIdsOfRealm",
                query = "select distinct t.userId from PersonalAccessTokenEntity t where t.realmId = :realmId"),
        @NamedQuery(name = "PersonalAccessTokenEntity.expiringBetween",
                query = "select t from PersonalAccessTokenEntity t where t.realmId = :realmId"
                        + " and t.expiresAt is not null and t.expiresAt > :from and t.expiresAt <= :to"
                        + " and (t.remindedDays is null or t.remindedDays > :days) order by t.userId, t.expiresAt"),
        @NamedQuery(name = "PersonalAccessTokenEntity.endsToSignal",
                query = "select t from PersonalAccessTokenEntity t where t.realmId = :realmId and t.expirySignaled is null"
                        + " and ((t.expiresAt is not null and t.expiresAt > :since and t.expiresAt <= :now)"
                        + " or (t.createdAt > :cappedSince and t.createdAt <= :cappedNow))"),
        @NamedQuery(name = "PersonalAccessTokenEntity.claimEndSignal",
                query = "update PersonalAccessTokenEntity t set t.expirySignaled = :end where t.id = :id"
                        + " and t.expirySignaled is null"),
        @NamedQuery(name = "PersonalAccessTokenEntity.idsOfUserNotSignaledDisabled",
                query = "select t.id from PersonalAccessTokenEntity t where t.realmId = :realmId and t.userId = :userId"
                        + " and t.disabledSignaled = false"),
        @NamedQuery(name = "PersonalAccessTokenEntity.claimDisabledSignal",
                query = "update PersonalAccessTokenEntity t set t.disabledSignaled = true where t.id = :id"
                        + " and t.disabledSignaled = false"),
        @NamedQuery(name = "PersonalAccessTokenEntity.clearDisabledSignals",
                query = "update PersonalAccessTokenEntity t set t.disabledSignaled = false where t.realmId = :realmId"
                        + " and t.userId = :userId and t.disabledSignaled = true"),
        @NamedQuery(name = "PersonalAccessTokenEntity.unusedSince",
                query = "select t from PersonalAccessTokenEntity t where t.realmId = :realmId"
                        + " and ((t.lastUsedAt is null and t.createdAt < :since) or t.lastUsedAt < :since)")
})
public class PersonalAccessTokenEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 255, nullable = false)
    private String userId;

    @Column(name = "NAME", length = 100, nullable = false)
    private String name;

    /** Client scope names separated by single spaces, as in OAuth's {@code scope} parameter. */
    @Column(name = "SCOPES", length = 2048, nullable = false)
    private String scopes;

    /**
     * The scopes among {@code scopes} that wait for an approval, separated by single spaces; null for none. Kept on the
     * token's row so that introspection reads no other table.
     */
    @Column(name = "PENDING_SCOPES", length = 2048)
    private String pendingScopes;

    public String getPendingScopes() {
        return pendingScopes;
    }

    public void setPendingScopes(String pendingScopes) {
        this.pendingScopes = pendingScopes;
    }

    @Column(name = "SECRET_HASH", length = 64, nullable = false)
    private String secretHash;

    @Column(name = "HINT", length = 32, nullable = false)
    private String hint;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Column(name = "LAST_USED_IP", length = 64)
    private String lastUsedIp;

    /** The clientId of the client of the last recorded use; null at /self and for uses an older release recorded. */
    @Column(name = "LAST_USED_CLIENT", length = 255)
    private String lastUsedClient;

    /** How the token was last used: introspection, exchange or self ({@code TokenUse.Via#apiName}). */
    @Column(name = "LAST_USED_VIA", length = 16)
    private String lastUsedVia;

    @Column(name = "REMINDED_DAYS")
    private Integer remindedDays;

    /** When the secret was last replaced (Unix seconds), or null for never. */
    @Column(name = "REGENERATED_AT")
    private Long regeneratedAt;

    /** The latest end of the overlap of a secret this token replaced, or null: lists show it without a second read. */
    @Column(name = "PREVIOUS_SECRET_UNTIL")
    private Long previousSecretUntil;

    /** The number of the token's current secret: 0 at creation, one more at each replacement. */
    @Column(name = "SECRET_GENERATION", nullable = false)
    private int secretGeneration;

    /** When the owner was last mailed that a replaced secret was presented after its end. */
    @Column(name = "REUSE_NOTIFIED_AT")
    private Long reuseNotifiedAt;

    public int getSecretGeneration() {
        return secretGeneration;
    }

    public void setSecretGeneration(int secretGeneration) {
        this.secretGeneration = secretGeneration;
    }

    public Long getReuseNotifiedAt() {
        return reuseNotifiedAt;
    }

    public void setReuseNotifiedAt(Long reuseNotifiedAt) {
        this.reuseNotifiedAt = reuseNotifiedAt;
    }

    /** The end of the token that the Shared Signals told receivers of; null while none was (or after a new secret). */
    @Column(name = "EXPIRY_SIGNALED")
    private Long expirySignaled;

    /** Whether the Shared Signals told receivers that the owner was disabled (cleared when the owner is enabled). */
    @Column(name = "DISABLED_SIGNALED", nullable = false)
    private boolean disabledSignaled;

    public Long getExpirySignaled() {
        return expirySignaled;
    }

    public void setExpirySignaled(Long expirySignaled) {
        this.expirySignaled = expirySignaled;
    }

    public boolean isDisabledSignaled() {
        return disabledSignaled;
    }

    public void setDisabledSignaled(boolean disabledSignaled) {
        this.disabledSignaled = disabledSignaled;
    }

    /** Whether the token may rotate its own secret. */
    @Column(name = "SELF_ROTATE", nullable = false)
    private boolean selfRotate;

    public boolean isSelfRotate() {
        return selfRotate;
    }

    public void setSelfRotate(boolean selfRotate) {
        this.selfRotate = selfRotate;
    }

    public String getLastUsedIp() {
        return lastUsedIp;
    }

    public void setLastUsedIp(String lastUsedIp) {
        this.lastUsedIp = lastUsedIp;
    }

    public String getLastUsedClient() {
        return lastUsedClient;
    }

    public void setLastUsedClient(String lastUsedClient) {
        this.lastUsedClient = lastUsedClient;
    }

    public String getLastUsedVia() {
        return lastUsedVia;
    }

    public void setLastUsedVia(String lastUsedVia) {
        this.lastUsedVia = lastUsedVia;
    }

    public Long getRegeneratedAt() {
        return regeneratedAt;
    }

    public void setRegeneratedAt(Long regeneratedAt) {
        this.regeneratedAt = regeneratedAt;
    }

    public Long getPreviousSecretUntil() {
        return previousSecretUntil;
    }

    public void setPreviousSecretUntil(Long previousSecretUntil) {
        this.previousSecretUntil = previousSecretUntil;
    }

    public Integer getRemindedDays() {
        return remindedDays;
    }

    public void setRemindedDays(Integer remindedDays) {
        this.remindedDays = remindedDays;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public String getHint() {
        return hint;
    }

    public void setHint(String hint) {
        this.hint = hint;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }
}
