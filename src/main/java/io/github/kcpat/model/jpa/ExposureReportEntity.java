package io.github.kcpat.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A value someone reported as exposed, waiting to be revoked: the answer to the report is sent once this row is
 * committed, and the revocation happens after it (so the answer takes as long for a live token as for anything else),
 * on the node that took the report or, if that node stopped first, on whichever node runs the next sweep. Only the
 * SHA-256 of the value is kept, and only until it is handled.
 */
@Entity
@Table(name = "PAT_EXPOSURE_REPORT")
@NamedQueries({
        @NamedQuery(name = "ExposureReportEntity.idsReceivedBefore",
                query = "select r.id from ExposureReportEntity r where r.receivedAt < :before order by r.receivedAt"),
        @NamedQuery(name = "ExposureReportEntity.deleteById",
                query = "delete from ExposureReportEntity r where r.id = :id"),
        @NamedQuery(name = "ExposureReportEntity.deleteByRealm",
                query = "delete from ExposureReportEntity r where r.realmId = :realmId")
})
public class ExposureReportEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "VALUE_HASH", length = 64, nullable = false)
    private String valueHash;

    @Column(name = "REPORTED_FROM", length = 64)
    private String reportedFrom;

    @Column(name = "RECEIVED_AT", nullable = false)
    private long receivedAt;

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

    public String getValueHash() {
        return valueHash;
    }

    public void setValueHash(String valueHash) {
        this.valueHash = valueHash;
    }

    public String getReportedFrom() {
        return reportedFrom;
    }

    public void setReportedFrom(String reportedFrom) {
        this.reportedFrom = reportedFrom;
    }

    public long getReceivedAt() {
        return receivedAt;
    }

    public void setReceivedAt(long receivedAt) {
        this.receivedAt = receivedAt;
    }
}
