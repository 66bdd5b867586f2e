package io.github.kcpat.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.access.Refusal;
import io.github.kcpat.issuance.CreateTokenRequest;

/**
 * The bodies of the decisions on scope requests, checked field by field: one decision's optional
 * {@code {"reason"}}, and a bulk decision's {@code {"ids": [...], "decision": "approve"|"deny", "reason"}}. The
 * reason follows the rules of the requester's ({@link CreateTokenRequest#reason}).
 *
 * @param approve true to approve, false to deny
 */
record DecisionBody(List<String> ids, boolean approve, String reason) {

    static final int MAX_IDS = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The reason of one decision; an empty body is none. */
    static String reasonOf(String body) {
        JsonNode root = object(body, Set.of("reason"), "reason");
        return root == null ? null : CreateTokenRequest.reason(root.get("reason"));
    }

    static DecisionBody bulk(String body) {
        JsonNode root = object(body, Set.of("ids", "decision", "reason"), "ids, decision and reason");
        if (root == null) {
            throw Refusal.invalidRequest("The body must be a JSON object with ids, decision and reason");
        }
        JsonNode ids = root.get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw Refusal.invalidRequest("ids must be a non-empty array of request ids");
        }
        if (ids.size() > MAX_IDS) {
            throw Refusal.invalidRequest("At most " + MAX_IDS + " requests may be decided at once");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw Refusal.invalidRequest("ids must be an array of request ids");
            }
            distinct.add(id.asText());
        }
        JsonNode decision = root.get("decision");
        if (decision == null || !decision.isTextual()
                || !("approve".equals(decision.asText()) || "deny".equals(decision.asText()))) {
            throw Refusal.invalidRequest("decision must be \"approve\" or \"deny\"");
        }
        return new DecisionBody(new ArrayList<>(distinct), "approve".equals(decision.asText()),
                CreateTokenRequest.reason(root.get("reason")));
    }

    private static JsonNode object(String body, Set<String> fields, String expected) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw Refusal.invalidRequest("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw Refusal.invalidRequest("The request body must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!fields.contains(field)) {
                throw Refusal.invalidRequest("Unknown field '" + (field.length() > 40 ? field.substring(0, 40) + "..." : field)
                        + "'; expected " + expected);
            }
        }
        return root;
    }
}
