package io.github.kcpat.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.kcpat.access.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An error a client of the REST APIs sees: always JSON {@code {"error", "error_description"}}. */
public final class PatApiException extends WebApplicationException {

    public PatApiException(Response.Status status, String error, String description) {
        super(description, response(status, error, description, null));
    }

    public PatApiException(Response response, String description) {
        super(description, response);
    }

    /** The answer to a rule's refusal; a step-up carries RFC 9470's challenge for this realm. */
    public static PatApiException of(Refusal refusal, String realmName) {
        return switch (refusal.kind()) {
            case INVALID -> new PatApiException(Response.Status.BAD_REQUEST, refusal.error(), refusal.getMessage());
            case STEP_UP -> stepUp(realmName, refusal.maxAge(), refusal.getMessage());
            case FORBIDDEN -> new PatApiException(Response.Status.FORBIDDEN, refusal.error(), refusal.getMessage());
            case NOT_FOUND -> new PatApiException(Response.Status.NOT_FOUND, refusal.error(), refusal.getMessage());
            case CONFLICT -> new PatApiException(Response.Status.CONFLICT, refusal.error(), refusal.getMessage());
        };
    }

    public static PatApiException unauthorized(String realmName, String description) {
        String challenge = "Bearer realm=\"" + realmName + "\", error=\"invalid_token\"";
        return new PatApiException(response(Response.Status.UNAUTHORIZED, "invalid_token", description, challenge), description);
    }

    public static PatApiException forbidden(String description) {
        return new PatApiException(Response.Status.FORBIDDEN, "access_denied", description);
    }

    public static PatApiException invalidRequest(String description) {
        return new PatApiException(Response.Status.BAD_REQUEST, "invalid_request", description);
    }

    public static PatApiException notFound() {
        return of(Refusal.noSuchToken(), null);
    }

    /** RFC 9470's step-up challenge: sign in again, no longer ago than {@code maxAge} seconds. */
    private static PatApiException stepUp(String realmName, int maxAge, String description) {
        String challenge = "Bearer realm=\"" + realmName + "\", error=\"" + Refusal.STEP_UP
                + "\", error_description=\"" + description.replace("\"", "'") + "\", max_age=" + maxAge;
        Response response = response(Response.Status.UNAUTHORIZED, Refusal.STEP_UP, description, challenge);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        body.put("max_age", maxAge);
        return new PatApiException(response, description);
    }

    /** The answer's error code ({@code error}), or null when the answer has none. */
    public String error() {
        return getResponse().getEntity() instanceof Map<?, ?> body && body.get("error") instanceof String error ? error : null;
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
