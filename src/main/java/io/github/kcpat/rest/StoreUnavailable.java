package io.github.kcpat.rest;

import java.util.function.Supplier;

import io.github.kcpat.model.ConcurrentChanges;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;

/**
 * Turns what the store throws into a clear JSON answer instead of a bare 500: a change that raced another change of
 * the same token is a {@code 409 conflict} (nothing of it was kept: the request's transaction is rolled back), a lost
 * database a {@code 503 temporarily_unavailable}.
 */
final class StoreUnavailable {

    private StoreUnavailable() {
    }

    static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (ModelDuplicateException e) {
            throw e;
        } catch (PersistenceException | ModelException e) {
            if (ConcurrentChanges.isConflict(e)) {
                throw conflict();
            }
            throw new PatApiException(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "Personal access tokens are unavailable right now; try again shortly");
        } catch (RuntimeException e) {
            if (e instanceof jakarta.ws.rs.WebApplicationException || !ConcurrentChanges.isConflict(e)) {
                throw e;
            }
            throw conflict();
        }
    }

    static PatApiException conflict() {
        return new PatApiException(Response.Status.CONFLICT, "conflict",
                "The token was changed by another request at the same moment; reload it and try again");
    }
}
