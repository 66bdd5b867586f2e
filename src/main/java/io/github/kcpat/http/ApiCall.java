package io.github.kcpat.http;

import java.util.function.Supplier;

import io.github.kcpat.access.Refusal;
import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.model.ConcurrentChanges;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;

/**
 * The body of every REST method, after its permission check: turns what the work throws into a clear JSON answer
 * instead of a bare 500. A rule's {@link Refusal} becomes its status and error; a change that raced another change of
 * the same token is a {@code 409 conflict} (nothing of it was kept: the request's transaction is rolled back); a lost
 * database is a {@code 503 temporarily_unavailable}.
 */
public final class ApiCall {

    private ApiCall() {
    }

    public static <T> T run(KeycloakSession session, Supplier<T> work) {
        try {
            return answer(session, work);
        } catch (PatApiException refused) {
            count(session, refused);
            throw refused;
        }
    }

    /**
     * Counts an error answer given outside {@link #run} (before it, such as a rate limit) on the refusal metric.
     */
    public static PatApiException counted(KeycloakSession session, PatApiException refused) {
        count(session, refused);
        return refused;
    }

    private static void count(KeycloakSession session, PatApiException refused) {
        RealmModel realm = session.getContext().getRealm();
        String path = session.getContext().getUri() == null ? "" : session.getContext().getUri().getPath();
        String api = path.startsWith("/admin/") || path.contains("/admin/realms/") ? "admin" : "account";
        String error = refused.error();
        PatMetrics.get().refused(realm, api, refused.getResponse().getStatus(), error == null ? "none" : error);
    }

    private static <T> T answer(KeycloakSession session, Supplier<T> work) {
        try {
            return work.get();
        } catch (Refusal refusal) {
            RealmModel realm = session.getContext().getRealm();
            throw PatApiException.of(refusal, realm == null ? null : realm.getName());
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

    private static PatApiException conflict() {
        return PatApiException.of(Refusal.conflict(
                "The token was changed by another request at the same moment; reload it and try again"), null);
    }
}
