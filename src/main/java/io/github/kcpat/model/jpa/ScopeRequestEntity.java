package io.github.kcpat.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One row of {@code PAT_SCOPE_REQUEST}: a token's request for a scope that needs approval, and its decision. A
 * decision is a conditional update from {@code pending}, so of two approvers deciding at once one wins.
 */
@Entity
@Table(name = "PAT_SCOPE_REQUEST")
@NamedQueries({
        @NamedQuery(name = "ScopeRequestEntity.byToken",
                query = "select r from ScopeRequestEntity r where r.tokenId = :tokenId order by r.requestedAt, r.scope"),
        @NamedQuery(name = "ScopeRequestEntity.byTokenAndScope",
                query = "select r from ScopeRequestEntity r where r.tokenId = :tokenId and r.scope = :scope"),
        @NamedQuery(name = "ScopeRequestEntity.decide",
                query = "update ScopeRequestEntity r set r.state = :state, r.lapsed = :lapsed, r.decidedAt = :now,"
                        + " r.decidedBy = :decidedBy, r.decisionReason = :decisionReason"
                        + " where r.id = :id and r.state = 'pending'"),
        @NamedQuery(name = "ScopeRequestEntity.reopen",
                query = "update ScopeRequestEntity r set r.requestedAt = :now where r.id = :id and r.state = 'pending'"),
        @NamedQuery(name = "ScopeRequestEntity.pendingBefore",
                query = "select r from ScopeRequestEntity r where r.realmId = :realmId and r.state = 'pending'"
                        + " and r.requestedAt < :before order by r.requestedAt, r.id"),
        @NamedQuery(name = "ScopeRequestEntity.deleteByToken",
                query = "delete from ScopeRequestEntity r where r.tokenId = :tokenId"),
        @NamedQuery(name = "ScopeRequestEntity.deleteByUser",
                query = "delete from ScopeRequestEntity r where r.realmId = :realmId and r.userId = :userId"),
        @NamedQuery(name = "ScopeRequestEntity.deleteByRealm",
                query = "delete from ScopeRequestEntity r where r.realmId = :realmId")
})
public class ScopeRequestEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TOKEN_ID", length = 36, nullable = false)
    private String tokenId;

    @Column(name = "USER_ID", length = 255, nullable = false)
    private String userId;

    @Column(name = "SCOPE", length = 255, nullable = false)
    private String scope;

    @Column(name = "REASON", length = 500)
    private String reason;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "LAPSED", nullable = false)
    private boolean lapsed;

    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "DECIDED_BY", length = 255)
    private String decidedBy;

    @Column(name = "DECISION_REASON", length = 500)
    private String decisionReason;

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

    public String getTokenId() {
        return tokenId;
    }

    public void setTokenId(String tokenId) {
        this.tokenId = tokenId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public boolean isLapsed() {
        return lapsed;
    }

    public void setLapsed(boolean lapsed) {
        this.lapsed = lapsed;
    }

    public long getRequestedAt() {
        return requestedAt;
    }

    public void setRequestedAt(long requestedAt) {
        this.requestedAt = requestedAt;
    }

    public Long getDecidedAt() {
        return decidedAt;
    }

    public void setDecidedAt(Long decidedAt) {
        this.decidedAt = decidedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public void setDecidedBy(String decidedBy) {
        this.decidedBy = decidedBy;
    }

    public String getDecisionReason() {
        return decisionReason;
    }

    public void setDecisionReason(String decisionReason) {
        this.decisionReason = decisionReason;
    }
}
