package io.github.kcpat.model;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a failure that two requests changing the same rows at once caused (a lock that could not be had, a deadlock
 * the database broke, a row that changed under a write) from a database that is really gone. The first is the
 * caller's to retry and is answered {@code 409}; only the second is a {@code 503}.
 */
public final class ConcurrentChanges {

    /** Exceptions (or their superclasses) that mean "changed concurrently", by name: no Hibernate type at compile time. */
    private static final Set<String> CONFLICT_TYPES = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "org.hibernate.StaleStateException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.keycloak.models.ModelIllegalStateException",
            ConcurrentTokenChangeException.class.getName());

    /**
     * SQL states: serialization failure or deadlock (40001, H2's and MariaDB's deadlock too), PostgreSQL's deadlock
     * (40P01) and lock not available (55P03), H2's lock timeout (HYT00).
     */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

    /** Vendor codes: MariaDB's deadlock (1213) and lock wait timeout (1205), H2's concurrent update (90131). */
    private static final Set<Integer> CONFLICT_CODES = Set.of(1213, 1205, 90131);

    private ConcurrentChanges() {
    }

    /** Waits between tries, in milliseconds: a background job that lost a race tries again this often before giving up. */
    public interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Runs the job, and runs it again after each pause while it fails because of a concurrent change (a lock it could
     * not have, a deadlock): for background work, which has no caller to answer {@code 409} to. Any other failure, or
     * a conflict after the last pause, is thrown.
     */
    public static void retry(Runnable job, long[] pausesMillis, Pause pause) {
        for (int attempt = 0; ; attempt++) {
            try {
                job.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= pausesMillis.length || !isConflict(e)) {
                    throw e;
                }
            }
            try {
                pause.sleep(pausesMillis[attempt]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry", e);
            }
        }
    }

    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (CONFLICT_TYPES.contains(type.getName())) {
                    return true;
                }
            }
            if (t instanceof SQLException sql && (CONFLICT_STATES.contains(sql.getSQLState())
                    || CONFLICT_CODES.contains(sql.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }
}
