package io.github.kcpat.model;

import java.sql.SQLException;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ModelException;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
