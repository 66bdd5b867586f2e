package io.github.kcpat.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One row of {@code PAT_APPROVER_MAIL} per approver mailed: when they were last sent the list of requests waiting for
 * them. Claimed by a conditional update (or the insert of the row), so an approver gets at most one such mail a day
 * whatever the number of nodes.
 */
@Entity
@Table(name = "PAT_APPROVER_MAIL")
@NamedQueries({
        @NamedQuery(name = "ApproverMailEntity.claim",
                query = "update ApproverMailEntity m set m.mailedAt = :now where m.id = :id and m.mailedAt <= :notAfter"),
        @NamedQuery(name = "ApproverMailEntity.deleteByRealm",
                query = "delete from ApproverMailEntity m where m.realmId = :realmId"),
        @NamedQuery(name = "ApproverMailEntity.deleteById",
                query = "delete from ApproverMailEntity m where m.id = :id")
})
public class ApproverMailEntity {

    /** SHA-256 (hex) of the realm's id, a colon, and the approver's id. */
    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "MAILED_AT", nullable = false)
    private long mailedAt;

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

    public long getMailedAt() {
        return mailedAt;
    }

    public void setMailedAt(long mailedAt) {
        this.mailedAt = mailedAt;
    }
}
