package io.github.kcpat.issuance;

import java.io.IOException;
import java.util.Iterator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.access.Refusal;

/**
 * The optional body of a regenerate or rotation: {@code {"overlapSeconds": n}}, how long the replaced secret keeps
 * working (0, the default, ends it at once). Left out, or empty, it is 0; anything else is refused in plain words.
 */
public record SecretReplacementRequest(long overlapSeconds) {

    public static final SecretReplacementRequest AT_ONCE = new SecretReplacementRequest(0);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static SecretReplacementRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return AT_ONCE;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw Refusal.invalidRequest("The request body is not valid JSON");
        } catch (IOException e) {
            throw Refusal.invalidRequest("The request body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw Refusal.invalidRequest("The request body must be a JSON object such as {\"overlapSeconds\": 3600}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("overlapSeconds")) {
                String shown = field.length() > 40 ? field.substring(0, 40) + "..." : field;
                throw Refusal.invalidRequest("Unknown field '" + shown + "'; expected overlapSeconds");
            }
        }
        JsonNode overlap = root.get("overlapSeconds");
        if (overlap == null || overlap.isNull()) {
            return AT_ONCE;
        }
        if (!overlap.isIntegralNumber() || !overlap.canConvertToLong()) {
            throw Refusal.invalidRequest("overlapSeconds must be a whole number of seconds");
        }
        if (overlap.longValue() < 0) {
            throw Refusal.invalidRequest("overlapSeconds must not be negative");
        }
        return new SecretReplacementRequest(overlap.longValue());
    }
}
