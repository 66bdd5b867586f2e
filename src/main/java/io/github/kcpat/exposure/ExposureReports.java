package io.github.kcpat.exposure;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.kcpat.model.ConcurrentChanges;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Revocation by value that answers in the same time whatever it received. The request only stores the reported
 * values' hashes, the same work for a live token as for a dead or malformed value, and is answered once they are
 * committed; the revocation runs a moment after that, on another thread of the same node, and a report that node did
 * not get to (it stopped, or the revocation failed) is handled by the next sweep on any node ({@link ExposureSweep}).
 */
public final class ExposureReports {

    static final String EXECUTOR = "personal-access-tokens-exposure";
    /** Tests only: leave reports to the sweep, as if the node had stopped right after answering. */
    static final String DEFER_PROPERTY = "kcpat.test.defer-exposure-revocation";
    /** Benchmark only: the start delay below, in milliseconds. */
    static final String START_DELAY_PROPERTY = "kcpat.bench.exposure-start-delay-millis";
    private static final Logger LOG = Logger.getLogger(ExposureReports.class);
    /** A revocation that raced a use or a change of the same token is tried again after these pauses (then the sweep). */
    private static final long[] RETRY_PAUSES_MILLIS = {100, 400, 1500};
    /**
     * Keycloak commits the request's transaction, and so starts the revocation, before it writes the answer. Started at
     * once, a live value's revocation (look-ups, a delete, an event, a mail) could compete for the node's cores with the
     * writing of its own answer and make it slower than a dead value's: a timing oracle. Started this much later, it
     * runs after the answer has left. A delay on a scheduler, not a sleep: no pooled thread waits.
     * (The property is for the benchmark, which compares delays; it is no setting.)
     */
    static final long START_DELAY_MILLIS = Long.getLong(START_DELAY_PROPERTY, 300);

    private ExposureReports() {
    }

    /** Stores the values as reported from that address, and has them revoked once the request's transaction commits. */
    public static void accept(KeycloakSession session, RealmModel realm, Collection<String> values, String reportedFrom) {
        List<String> ids = session.getProvider(PersonalAccessTokenProvider.class)
                .addExposureReports(realm, values, reportedFrom, Time.currentTime());
        if (Boolean.getBoolean(DEFER_PROPERTY)) {
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        Executor submitOrLeaveToSweep = task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debugf("Exposure reports left to the next sweep: %s", e.getMessage());
            }
        };
        Executor afterTheAnswer = CompletableFuture.delayedExecutor(START_DELAY_MILLIS, TimeUnit.MILLISECONDS,
                submitOrLeaveToSweep);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                afterTheAnswer.execute(() -> handleEach(factory, ids));
            }

            @Override
            protected void rollbackImpl() {
                // nothing was stored, nothing to revoke
            }
        });
    }

    /** Each report in a transaction of its own: one failure leaves that report for the sweep and stops no other. */
    static int handleEach(KeycloakSessionFactory factory, List<String> ids) {
        int failed = 0;
        for (String id : ids) {
            try {
                ConcurrentChanges.retry(() -> KeycloakModelUtils.runJobInTransaction(factory,
                        session -> new ExposedTokenRevocation(session).handle(id)), RETRY_PAUSES_MILLIS, Thread::sleep);
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf("An exposure report could not be handled now; the next sweep retries it: %s", e.toString());
            }
        }
        return failed;
    }
}
