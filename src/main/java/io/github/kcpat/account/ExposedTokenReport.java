package io.github.kcpat.account;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.access.Refusal;
import io.github.kcpat.exposure.ExposureReports;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A report that token values were exposed (found in a repository, a log, a chat): whoever holds a secret may revoke it,
 * as with GitHub's credential revocation. Each live token among the values is deleted right after the answer, recorded
 * as a {@code REMOVE_CREDENTIAL} event of its owner ({@code pat_action=revoked_exposed}, with the reporter's address),
 * and its owner is e-mailed (verified addresses only). Neither the answer nor its timing says which values were live.
 */
final class ExposedTokenReport {

    static final int MAX_TOKENS = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> values;

    private ExposedTokenReport(List<String> values) {
        this.values = values;
    }

    /**
     * {@code {"tokens": ["kcpat_…", …]}}, 1 to {@value #MAX_TOKENS} strings.
     *
     * @throws Refusal for anything else, saying the shape expected
     */
    static ExposedTokenReport parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw Refusal.invalidRequest("The request body is not valid JSON");
        }
        String shape = "The body must be {\"tokens\": [\"<token>\", ...]} with 1 to " + MAX_TOKENS + " tokens";
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("tokens") || !root.get("tokens").isArray()) {
            throw Refusal.invalidRequest(shape);
        }
        JsonNode tokens = root.get("tokens");
        if (tokens.isEmpty() || tokens.size() > MAX_TOKENS) {
            throw Refusal.invalidRequest(shape);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : tokens) {
            if (!value.isTextual()) {
                throw Refusal.invalidRequest(shape);
            }
            values.add(value.asText().trim());
        }
        return new ExposedTokenReport(values);
    }

    int received() {
        return values.size();
    }

    /**
     * Has the live tokens among the values revoked, after the answer: the request does the same work whatever the
     * values are ({@link ExposureReports}), so its timing tells nothing about which were live.
     */
    void accept(KeycloakSession session, RealmModel realm) {
        ExposureReports.accept(session, realm, values, session.getContext().getConnection().getRemoteAddr());
    }
}
