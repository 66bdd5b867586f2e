package io.github.kcpat.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One row of {@code PAT_RETIRED_SECRET}: the SHA-256 of a secret that a regenerate or rotation replaced. Until
 * {@code liveUntil} the secret still works (the overlap asked for, cut by the realm's policy and by the next
 * replacement); from then until {@code forgetAt} it is recognised when it is presented again. A token keeps at most
 * {@link SecretReplacement#REMEMBERED_PER_TOKEN} of them.
 */
@Entity
@Table(name = "PAT_RETIRED_SECRET")
@NamedQueries({
        @NamedQuery(name = "RetiredSecretEntity.liveOfToken",
                query = "select r from RetiredSecretEntity r where r.tokenId = :tokenId and r.secretCreatedAt = :createdAt"
                        + " and r.liveUntil > :now order by r.secretGeneration desc"),
        @NamedQuery(name = "RetiredSecretEntity.endLiveOfToken",
                query = "update RetiredSecretEntity r set r.liveUntil = :now, r.endSignaled = true where r.tokenId = :tokenId"
                        + " and r.liveUntil > :now"),
        @NamedQuery(name = "RetiredSecretEntity.endByHash",
                query = "update RetiredSecretEntity r set r.liveUntil = :now, r.endSignaled = true where r.secretHash = :secretHash"
                        + " and r.liveUntil > :now"),
        @NamedQuery(name = "RetiredSecretEntity.hashesOfTokenNewestFirst",
                query = "select r.secretHash from RetiredSecretEntity r where r.tokenId = :tokenId"
                        + " order by r.secretGeneration desc, r.secretCreatedAt desc, r.liveUntil desc"),
        @NamedQuery(name = "RetiredSecretEntity.deleteByHashes",
                query = "delete from RetiredSecretEntity r where r.secretHash in :hashes"),
        @NamedQuery(name = "RetiredSecretEntity.deleteByToken",
                query = "delete from RetiredSecretEntity r where r.tokenId = :tokenId"),
        @NamedQuery(name = "RetiredSecretEntity.deleteByRealm",
                query = "delete from RetiredSecretEntity r where r.realmId = :realmId"),
        @NamedQuery(name = "RetiredSecretEntity.deleteOfTokensOfUser",
                query = "delete from RetiredSecretEntity r where r.realmId = :realmId and r.tokenId in"
                        + " (select t.id from PersonalAccessTokenEntity t where t.realmId = :realmId and t.userId = :userId)"),
        @NamedQuery(name = "RetiredSecretEntity.endsToSignal",
                query = "select r.secretHash, r.tokenId, t.userId, r.replacedAt, r.liveUntil, t.createdAt"
                        + " from RetiredSecretEntity r, PersonalAccessTokenEntity t"
                        + " where t.id = r.tokenId and r.realmId = :realmId and r.endSignaled = false"
                        + " and ((r.liveUntil > :since and r.liveUntil <= :now)"
                        + " or (r.replacedAt is not null and r.replacedAt > :cutSince and r.replacedAt <= :cutNow and r.liveUntil > :now))"),
        @NamedQuery(name = "RetiredSecretEntity.claimLiveEndSignalsOfToken",
                query = "update RetiredSecretEntity r set r.endSignaled = true where r.tokenId = :tokenId"
                        + " and r.endSignaled = false and r.liveUntil > :now"),
        @NamedQuery(name = "RetiredSecretEntity.claimEndSignal",
                query = "update RetiredSecretEntity r set r.endSignaled = true where r.secretHash = :secretHash"
                        + " and r.endSignaled = false"),
        @NamedQuery(name = "RetiredSecretEntity.deleteForgotten",
                query = "delete from RetiredSecretEntity r where r.forgetAt <= :now")
})
public class RetiredSecretEntity {

    @Id
    @Column(name = "SECRET_HASH", length = 64)
    private String secretHash;

    @Column(name = "TOKEN_ID", length = 36, nullable = false)
    private String tokenId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SECRET_CREATED_AT", nullable = false)
    private long secretCreatedAt;

    @Column(name = "LIVE_UNTIL", nullable = false)
    private long liveUntil;

    @Column(name = "FORGET_AT", nullable = false)
    private long forgetAt;

    @Column(name = "SECRET_GENERATION", nullable = false)
    private int secretGeneration;

    /** When the secret was replaced; null for rows from before that was kept. */
    @Column(name = "REPLACED_AT")
    private Long replacedAt;

    /** True when the token replaced it itself ({@code /self/rotate}); false when its owner or an admin did. */
    @Column(name = "SELF_ROTATED", nullable = false)
    private boolean selfRotated;

    /** Whether receivers were told of this secret's end, or need not be (it ended with its signalled replacement). */
    @Column(name = "END_SIGNALED", nullable = false)
    private boolean endSignaled;

    public boolean isEndSignaled() {
        return endSignaled;
    }

    public void setEndSignaled(boolean endSignaled) {
        this.endSignaled = endSignaled;
    }

    public int getSecretGeneration() {
        return secretGeneration;
    }

    public void setSecretGeneration(int secretGeneration) {
        this.secretGeneration = secretGeneration;
    }

    public Long getReplacedAt() {
        return replacedAt;
    }

    public void setReplacedAt(Long replacedAt) {
        this.replacedAt = replacedAt;
    }

    public boolean isSelfRotated() {
        return selfRotated;
    }

    public void setSelfRotated(boolean selfRotated) {
        this.selfRotated = selfRotated;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public String getTokenId() {
        return tokenId;
    }

    public void setTokenId(String tokenId) {
        this.tokenId = tokenId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getSecretCreatedAt() {
        return secretCreatedAt;
    }

    public void setSecretCreatedAt(long secretCreatedAt) {
        this.secretCreatedAt = secretCreatedAt;
    }

    public long getLiveUntil() {
        return liveUntil;
    }

    public void setLiveUntil(long liveUntil) {
        this.liveUntil = liveUntil;
    }

    public long getForgetAt() {
        return forgetAt;
    }

    public void setForgetAt(long forgetAt) {
        this.forgetAt = forgetAt;
    }
}
