package io.github.kcpat.rest;

import java.util.function.Supplier;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;

/** Turns a lost database into a clear {@code 503 temporarily_unavailable} JSON answer instead of a bare 500. */
final class StoreUnavailable {

    private StoreUnavailable() {
    }

    static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (ModelDuplicateException e) {
            throw e;
        } catch (PersistenceException | ModelException e) {
            throw new PatApiException(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "Personal access tokens are unavailable right now; try again shortly");
        }
    }
}
