package io.github.kcpat.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * Reads a JSON request body of at most {@value #MAX_BYTES} bytes: a larger one is refused with 413 before a byte of it
 * is parsed, whether it announces its length or not, so no request makes the server read and parse megabytes.
 */
public final class RequestBody {

    static final int MAX_BYTES = 16 * 1024;

    private RequestBody() {
    }

    /** The body as text, for a request whose body may be left out: null when it is (no content type, nothing sent). */
    public static String readOptionalJson(KeycloakSession session, InputStream body) {
        return session.getContext().getRequestHeaders().getMediaType() == null ? null : readJson(session, body);
    }

    /** The body as text; null when there is none. */
    public static String readJson(KeycloakSession session, InputStream body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new PatApiException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
                    "Send the request body as application/json");
        }
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredTooLarge(length.trim())) {
            throw tooLarge();
        }
        if (body == null) {
            return null;
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PatApiException.invalidRequest("The request body could not be read");
        }
    }

    private static boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static PatApiException tooLarge() {
        return new PatApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                "The request body must be at most " + MAX_BYTES / 1024 + " KiB");
    }
}
