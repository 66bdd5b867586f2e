package io.github.kcpat.model.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import io.github.kcpat.model.ExposureReport;
import io.github.kcpat.token.TokenHasher;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The durable queue of revoke-by-value reports: kept in the request's transaction, taken by one node each. */
final class ExposureReportQueue {

    private final EntityManager em;

    ExposureReportQueue(EntityManager em) {
        this.em = em;
    }

    List<String> add(RealmModel realm, Collection<String> values, String reportedFrom, long nowSeconds) {
        String from = reportedFrom == null || reportedFrom.length() > 64 ? null : reportedFrom;
        List<String> ids = new ArrayList<>();
        for (String value : new LinkedHashSet<>(values)) {
            ExposureReportEntity report = new ExposureReportEntity();
            report.setId(KeycloakModelUtils.generateId());
            report.setRealmId(realm.getId());
            report.setValueHash(TokenHasher.hash(value));
            report.setReportedFrom(from);
            report.setReceivedAt(nowSeconds);
            em.persist(report);
            ids.add(report.getId());
        }
        em.flush();
        return ids;
    }

    List<String> idsBefore(long before, int max) {
        return em.createNamedQuery("ExposureReportEntity.idsReceivedBefore", String.class)
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    ExposureReport take(String id) {
        ExposureReportEntity report = em.find(ExposureReportEntity.class, id);
        if (report == null) {
            return null;
        }
        ExposureReport taken = new ExposureReport(report.getId(), report.getRealmId(), report.getValueHash(),
                report.getReportedFrom(), report.getReceivedAt());
        em.detach(report);
        int deleted = em.createNamedQuery("ExposureReportEntity.deleteById").setParameter("id", id).executeUpdate();
        return deleted == 1 ? taken : null;
    }

    void removeAllOfRealm(String realmId) {
        em.createNamedQuery("ExposureReportEntity.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
