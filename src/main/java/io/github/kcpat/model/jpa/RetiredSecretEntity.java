package io.github.kcpat.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One row of {@code PAT_RETIRED_SECRET}: the SHA-256 of a secret that a regenerate or rotation replaced. Until
 * {@code liveUntil} the secret still works (the overlap asked for); from then until {@code forgetAt} it is recognised
 * as used again after its end, the sign of a leak.
 */
@Entity
@Table(name = "PAT_RETIRED_SECRET")
@NamedQueries({
        @NamedQuery(name = "RetiredSecretEntity.liveOfToken",
                query = "select r from RetiredSecretEntity r where r.tokenId = :tokenId and r.secretCreatedAt = :createdAt"
                        + " and r.liveUntil > :now"),
        @NamedQuery(name = "RetiredSecretEntity.deleteByToken",
                query = "delete from RetiredSecretEntity r where r.tokenId = :tokenId"),
        @NamedQuery(name = "RetiredSecretEntity.deleteByRealm",
                query = "delete from RetiredSecretEntity r where r.realmId = :realmId"),
        @NamedQuery(name = "RetiredSecretEntity.deleteOfTokensOfUser",
                query = "delete from RetiredSecretEntity r where r.realmId = :realmId and r.tokenId in"
                        + " (select t.id from PersonalAccessTokenEntity t where t.realmId = :realmId and t.userId = :userId)"),
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
