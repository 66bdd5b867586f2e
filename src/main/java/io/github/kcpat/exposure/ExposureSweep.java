package io.github.kcpat.exposure;

import java.util.List;

import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Handles the exposure reports that the node which took them did not: it stopped right after answering, or the
 * revocation failed. Runs on every node; a report is taken by deleting it, so only one node handles each.
 */
public final class ExposureSweep implements ScheduledTask {

    public static final String NAME = "personal-access-token-exposure-sweep";
    /** Reports younger than this are still the receiving node's to handle. */
    static final long GRACE_SECONDS = 10;
    private static final int BATCH = 500;

    /** Sweeps every {@code intervalSeconds} on this node. */
    public static void schedule(KeycloakSession session, long intervalSeconds) {
        session.getProvider(TimerProvider.class).scheduleTask(new ExposureSweep(), intervalSeconds * 1000, NAME);
    }

    @Override
    public void run(KeycloakSession session) {
        List<String> ids = session.getProvider(PersonalAccessTokenProvider.class)
                .exposureReportIdsBefore(Time.currentTime() - GRACE_SECONDS, BATCH);
        if (!ids.isEmpty()) {
            ExposureReports.handleEach(session.getKeycloakSessionFactory(), ids);
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
