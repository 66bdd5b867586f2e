package io.github.kcpat.http;

import java.util.Map;

import io.github.kcpat.compat.KeycloakLine;
import io.github.kcpat.setup.AccountThemeCheck;
import io.github.kcpat.setup.SetupHealth;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Both APIs while PATs are off (a Keycloak line this release is not tested on): every request a clear JSON 404, but
 * the admin API's setup check, whose finding tells the admin why and what to do.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class UnavailableResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    /** The self-service API: nothing is served. */
    public UnavailableResource() {
        this(null, null, null);
    }

    /** The admin API: the setup check is served. */
    public UnavailableResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Path("setup")
    public Map<String, Object> setupHealth() {
        if (auth == null) {
            throw unavailable();
        }
        if (!auth.realm().canViewRealm()) {
            throw new PatApiException(Response.Status.FORBIDDEN, "access_denied",
                    "view-realm is required to see the personal access token setup");
        }
        return Map.of("findings", SetupHealth.check(realm, false, AccountThemeCheck.hasTab(session, realm)));
    }

    @GET
    public Response getRoot() {
        throw unavailable();
    }

    @POST
    public Response postRoot() {
        throw unavailable();
    }

    @DELETE
    public Response deleteRoot() {
        throw unavailable();
    }

    @GET
    @Path("{any: .+}")
    public Response get() {
        throw unavailable();
    }

    @POST
    @Path("{any: .+}")
    public Response post() {
        throw unavailable();
    }

    @PUT
    @Path("{any: .+}")
    public Response put() {
        throw unavailable();
    }

    @DELETE
    @Path("{any: .+}")
    public Response delete() {
        throw unavailable();
    }

    private static PatApiException unavailable() {
        return new PatApiException(Response.Status.NOT_FOUND, "not_enabled",
                "Personal access tokens are off on Keycloak " + KeycloakLine.current().version() + ": this release is"
                        + " tested on the Keycloak lines " + String.join(", ", KeycloakLine.KNOWN)
                        + " (the admin API's GET .../personal-access-tokens/setup says what to do)");
    }
}
