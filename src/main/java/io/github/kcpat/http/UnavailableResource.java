package io.github.kcpat.http;

import io.github.kcpat.compat.KeycloakLine;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Both APIs while PATs are off (a Keycloak line this release is not tested on): every request a JSON 404 with the error
 * {@value #ERROR}, distinct from the realm-level {@code not_enabled} (a realm without the PAT client), so that a client
 * can tell "this server" from "this realm". 404 as for a server without the extension: the API is not served here until
 * the admin acts (a release tested on the line, or the opt-in), which is no temporary outage (503) and no fault of the
 * request. The admin API's answer adds its setup check and the line's status, which tell the admin why and what to do.
 */
@Produces(MediaType.APPLICATION_JSON)
public class UnavailableResource {

    /** The error of every answer while PATs are off on this Keycloak line. */
    public static final String ERROR = "untested_keycloak_line";

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

    protected static PatApiException unavailable() {
        return new PatApiException(Response.Status.NOT_FOUND, ERROR,
                "Personal access tokens are off on Keycloak " + KeycloakLine.current().version() + ": this release is"
                        + " tested on the Keycloak lines " + String.join(", ", KeycloakLine.KNOWN)
                        + " (the Setup tab of the admin console's Personal access tokens page, or the admin API's"
                        + " GET .../personal-access-tokens/setup, says what to do)");
    }
}
