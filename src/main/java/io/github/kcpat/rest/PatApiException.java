package io.github.kcpat.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An error a client of the self-service API sees: always JSON {@code {"error", "error_description"}}. */
final class PatApiException extends WebApplicationException {

    PatApiException(Response.Status status, String error, String description) {
        super(description, response(status, error, description, null));
    }

    PatApiException(Response response, String description) {
        super(description, response);
    }

    static PatApiException unauthorized(String realmName, String description) {
        String challenge = "Bearer realm=\"" + realmName + "\", error=\"invalid_token\"";
        return new PatApiException(response(Response.Status.UNAUTHORIZED, "invalid_token", description, challenge), description);
    }

    /** RFC 9470's step-up challenge: sign in again, no longer ago than {@code maxAge} seconds. */
    static PatApiException stepUp(String realmName, int maxAge, String description) {
        String challenge = "Bearer realm=\"" + realmName + "\", error=\"" + FreshSignInRule.STEP_UP
                + "\", error_description=\"" + description.replace("\"", "'") + "\", max_age=" + maxAge;
        Response response = response(Response.Status.UNAUTHORIZED, FreshSignInRule.STEP_UP, description, challenge);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        body.put("max_age", maxAge);
        return new PatApiException(response, description);
    }

    static PatApiException invalidRequest(String description) {
        return new PatApiException(Response.Status.BAD_REQUEST, "invalid_request", description);
    }

    static PatApiException notFound() {
        return new PatApiException(Response.Status.NOT_FOUND, "not_found", "No such personal access token");
    }

    private static Response response(Response.Status status, String error, String description, String challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (challenge != null) {
            builder.header("WWW-Authenticate", challenge);
        }
        return builder.build();
    }
}
