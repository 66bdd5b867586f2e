package io.github.kcpat.rest;

import io.github.kcpat.compat.KeycloakLine;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Both APIs on a Keycloak version the extension does not support: every request a clear JSON 404, nothing else. */
@Produces(MediaType.APPLICATION_JSON)
public final class UnavailableResource {

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
                "Personal access tokens are not available on Keycloak " + KeycloakLine.current().version()
                        + "; supported: " + String.join(", ", KeycloakLine.SUPPORTED));
    }
}
