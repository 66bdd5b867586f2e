package io.github.kcpat.model;

import java.sql.SQLException;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ModelException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrentChangesTest {

    @Test
    void lockFailuresAndRacedRowsAreConflicts() {
        assertTrue(ConcurrentChanges.isConflict(new OptimisticLockException()));
        assertTrue(ConcurrentChanges.isConflict(new PersistenceException(new PessimisticLockException())));
        assertTrue(ConcurrentChanges.isConflict(new ConcurrentTokenChangeException()));
        assertTrue(ConcurrentChanges.isConflict(new ModelException("stale", new StaleStateLike())), "by superclass name");
    }

    @Test
    void deadlocksAndLockTimeoutsOfEachDatabaseAreConflicts() {
        assertTrue(ConcurrentChanges.isConflict(new PersistenceException(new SQLException("deadlock", "40P01"))), "PostgreSQL");
        assertTrue(ConcurrentChanges.isConflict(new PersistenceException(new SQLException("lock", "55P03"))), "PostgreSQL");
        assertTrue(ConcurrentChanges.isConflict(new PersistenceException(new SQLException("Deadlock found", "40001", 1213))),
                "MariaDB");
        assertTrue(ConcurrentChanges.isConflict(new PersistenceException(new SQLException("Lock wait", "HY000", 1205))),
                "MariaDB lock wait timeout");
        assertTrue(ConcurrentChanges.isConflict(new PersistenceException(new SQLException("Concurrent update", "90131", 90131))),
                "H2");
        assertTrue(ConcurrentChanges.isConflict(new PersistenceException(new SQLException("Timeout", "HYT00"))), "H2");
    }

    @Test
    void aLostDatabaseIsNoConflict() {
        assertFalse(ConcurrentChanges.isConflict(new PersistenceException(new SQLException("Connection refused", "08001"))));
        assertFalse(ConcurrentChanges.isConflict(new ModelException("boom")));
        assertFalse(ConcurrentChanges.isConflict(new IllegalStateException()));
        assertFalse(ConcurrentChanges.isConflict(null));
    }

    @Test
    void aCauseThatIsItselfEndsTheWalk() {
        RuntimeException loop = new RuntimeException() {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertFalse(ConcurrentChanges.isConflict(loop));
    }

    /** Stands for Hibernate's StaleObjectStateException, whose superclass the check names. */
    private static final class StaleStateLike extends org.hibernate.StaleStateException {
        StaleStateLike() {
            super("Row was updated or deleted by another transaction");
        }
    }

    @Test
    void backgroundWorkIsTriedAgainAfterEachPauseWhileItLosesARace() {
        java.util.List<Long> pauses = new java.util.ArrayList<>();
        int[] runs = {0};
        ConcurrentChanges.retry(() -> {
            if (++runs[0] < 3) {
                throw new PersistenceException(new SQLException("Timeout trying to lock table", "HYT00"));
            }
        }, new long[] {100, 400, 1500}, pauses::add);
        assertEquals(3, runs[0], "succeeds on the third try");
        assertEquals(java.util.List.of(100L, 400L), pauses);
    }

    @Test
    void aConflictAfterTheLastPauseAndAnyOtherFailureAreThrown() {
        int[] runs = {0};
        PersistenceException conflict = new PersistenceException(new SQLException("deadlock", "40P01"));
        assertSame(conflict, assertThrows(PersistenceException.class, () -> ConcurrentChanges.retry(() -> {
            runs[0]++;
            throw conflict;
        }, new long[] {1, 1}, millis -> { })));
        assertEquals(3, runs[0], "one try and one per pause");

        runs[0] = 0;
        PersistenceException lost = new PersistenceException(new SQLException("Connection refused", "08001"));
        assertSame(lost, assertThrows(PersistenceException.class, () -> ConcurrentChanges.retry(() -> {
            runs[0]++;
            throw lost;
        }, new long[] {1, 1}, millis -> { })));
        assertEquals(1, runs[0], "a lost database is not retried here");
    }
}
