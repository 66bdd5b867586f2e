package io.github.kcpat.issuance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.access.Refusal;

/**
 * The body of {@code POST /personal-access-tokens}, checked field by field so that every mistake gets its own
 * plain answer, and so that a misspelt field (say {@code expires_at}) is refused rather than silently giving a
 * token that never expires.
 *
 * @param expiresAt Unix seconds, or null for no expiry
 * @param selfRotate whether the token may rotate its own secret (off unless asked for)
 * @param reason the requester's words for the approvers of the scopes that need approval (plain text), or null
 */
public record CreateTokenRequest(String name, List<String> scopes, Long expiresAt, boolean selfRotate, String reason) {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_SCOPES = 50;
    /** The longest reason for approvers, as the reason columns hold it (UTF-16 code units on H2). */
    public static final int MAX_REASON_LENGTH = 500;
    /** 9999-12-31T23:59:59Z: anything later is a mistake, such as milliseconds sent for seconds. */
    static final long LATEST_EXPIRY = 253_402_300_799L;
    private static final Set<String> FIELDS = Set.of("name", "scopes", "expiresAt", "selfRotate", "reason");
    /** Control characters, and invisible ones that reorder or hide text (Cf: U+202E and kin; Zl, Zp: separators). */
    private static final Pattern INVISIBLE_CHARACTERS = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    /** As for names, but line breaks and tabs are plain text in a reason. */
    private static final Pattern REASON_FORBIDDEN = Pattern.compile("[\\p{Cf}\\p{Zl}\\p{Zp}]|[\\p{Cc}&&[^\\n\\t\\r]]");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static CreateTokenRequest parse(String body, long nowSeconds) {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw Refusal.invalidRequest("The request body must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw Refusal.invalidRequest("Unknown field '" + shorten(field) + "'; expected name, scopes, expiresAt, selfRotate and reason");
            }
        }
        return new CreateTokenRequest(name(root.get("name")), scopes(root.get("scopes")),
                expiresAt(root.get("expiresAt"), nowSeconds), selfRotate(root.get("selfRotate")), reason(root.get("reason")));
    }

    /**
     * A reason for approvers: plain text of at most {@link #MAX_REASON_LENGTH} characters, without control characters
     * but line breaks and tabs; blank is none. Shared by the admin API's decisions.
     */
    public static String reason(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Refusal.invalidRequest("reason must be a string");
        }
        String reason = node.asText().strip();
        if (reason.length() > MAX_REASON_LENGTH) {
            throw Refusal.invalidRequest("reason must be at most " + MAX_REASON_LENGTH + " characters long");
        }
        if (REASON_FORBIDDEN.matcher(reason).find()) {
            throw Refusal.invalidRequest("reason must be plain text, without control or formatting characters");
        }
        return reason.isEmpty() ? null : reason;
    }

    private static boolean selfRotate(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw Refusal.invalidRequest("selfRotate must be true or false");
        }
        return node.booleanValue();
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            throw Refusal.invalidRequest("The request body must be a JSON object");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw Refusal.invalidRequest("The request body is not valid JSON");
        } catch (IOException e) {
            throw Refusal.invalidRequest("The request body could not be read");
        }
    }

    private static String name(JsonNode node) {
        if (node == null || node.isNull()) {
            throw Refusal.invalidRequest("A name is required");
        }
        if (!node.isTextual()) {
            throw Refusal.invalidRequest("The name must be a string");
        }
        String name = node.asText().strip();
        if (name.isEmpty()) {
            throw Refusal.invalidRequest("The name must not be empty");
        }
        // counted as the databases store VARCHAR(100) (UTF-16 code units on H2): an emoji takes two
        if (name.length() > MAX_NAME_LENGTH) {
            throw Refusal.invalidRequest("The name must be at most " + MAX_NAME_LENGTH
                    + " characters long (an emoji counts as two)");
        }
        if (INVISIBLE_CHARACTERS.matcher(name).find()) {
            throw Refusal.invalidRequest(
                    "The name must not contain control, formatting or separator characters (such as U+202E or U+2028)");
        }
        return name;
    }

    private static List<String> scopes(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw Refusal.invalidRequest("scopes must be an array of scope names");
        }
        if (node.size() > MAX_SCOPES) {
            throw Refusal.invalidRequest("At most " + MAX_SCOPES + " scopes may be requested");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (JsonNode scope : node) {
            if (!scope.isTextual() || scope.asText().isBlank()) {
                throw Refusal.invalidRequest("scopes must be an array of scope names");
            }
            scopes.add(scope.asText());
        }
        return new ArrayList<>(scopes);
    }

    private static Long expiresAt(JsonNode node, long nowSeconds) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw Refusal.invalidRequest("expiresAt must be a whole number of seconds since the Unix epoch, or null");
        }
        long expiresAt = node.asLong();
        if (expiresAt <= nowSeconds) {
            throw Refusal.invalidRequest("expiresAt must be in the future");
        }
        if (expiresAt > LATEST_EXPIRY) {
            throw Refusal.invalidRequest("expiresAt is too far in the future; it is in seconds, not milliseconds");
        }
        return expiresAt;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
