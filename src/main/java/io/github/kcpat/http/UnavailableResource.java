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
 * Both APIs while PATs are off (a Keycloak line this release is not tested on): every request a clear JSON 404. The
 * admin API's answer adds its setup check, whose finding tells the admin why and what to do.
 */
@Produces(MediaType.APPLICATION_JSON)
public class UnavailableResource {


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
        return new PatApiException(Response.Status.NOT_FOUND, "not_enabled",
                "Personal access tokens are off on Keycloak " + KeycloakLine.current().version() + ": this release is"
                        + " tested on the Keycloak lines " + String.join(", ", KeycloakLine.KNOWN)
                        + " (the admin API's GET .../personal-access-tokens/setup says what to do)");
    }
}
