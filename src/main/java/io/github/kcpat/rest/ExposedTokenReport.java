package io.github.kcpat.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A report that token values were exposed (found in a repository, a log, a chat): whoever holds a secret may revoke it,
 * as with GitHub's credential revocation. Each live token among the values is deleted at once, recorded as a
 * {@code REMOVE_CREDENTIAL} event of its owner ({@code pat_action=revoked_exposed}, with the reporter's address), and
 * its owner is e-mailed (verified addresses only). The answer never says which values were live.
 */
final class ExposedTokenReport {

    static final int MAX_TOKENS = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ExposedTokenReport.class);

    private final List<String> values;

    private ExposedTokenReport(List<String> values) {
        this.values = values;
    }

    /**
     * {@code {"tokens": ["kcpat_…", …]}}, 1 to {@value #MAX_TOKENS} strings.
     *
     * @throws InvalidTokenRequestException for anything else, saying the shape expected
     */
    static ExposedTokenReport parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidTokenRequestException("The request body is not valid JSON");
        }
        String shape = "The body must be {\"tokens\": [\"<token>\", ...]} with 1 to " + MAX_TOKENS + " tokens";
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("tokens") || !root.get("tokens").isArray()) {
            throw new InvalidTokenRequestException(shape);
        }
        JsonNode tokens = root.get("tokens");
        if (tokens.isEmpty() || tokens.size() > MAX_TOKENS) {
            throw new InvalidTokenRequestException(shape);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : tokens) {
            if (!value.isTextual()) {
                throw new InvalidTokenRequestException(shape);
            }
            values.add(value.asText().trim());
        }
        return new ExposedTokenReport(values);
    }

    int received() {
        return values.size();
    }

    /** Revokes the live tokens among the values; malformed values cost no database look-up. */
    void revoke(KeycloakSession session, RealmModel realm) {
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        Set<String> distinct = new LinkedHashSet<>(values);
        for (String value : distinct) {
            PersonalAccessToken token = tokens.findBySecret(realm, value); // null at once when malformed
            if (token == null || !tokens.delete(realm, token.id())) {
                continue;
            }
            UserModel owner = session.users().getUserById(realm, token.userId());
            if (owner == null) {
                continue;
            }
            new PatAuditEvents(session, realm).record(PatAuditEvents.Action.REVOKED_EXPOSED, owner, token, null);
            mail(session, realm, owner, token);
            LOG.debugf("Personal access token %s revoked in realm %s: reported as exposed", token.id(), realm.getName());
        }
    }

    private static void mail(KeycloakSession session, RealmModel realm, UserModel owner, PersonalAccessToken token) {
        if (owner.getEmail() == null || owner.getEmail().isBlank() || !owner.isEmailVerified()) {
            return;
        }
        String reporter = session.getContext().getConnection().getRemoteAddr();
        Map<String, Object> attributes = new HashMap<>(Map.of("tokenName", token.name(), "tokenHint", token.hint(),
                "reportedFrom", reporter == null ? "" : reporter));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(owner)
                    .send("patExposedSubject", List.of(), "pat-exposed.ftl", attributes);
        } catch (EmailException e) {
            LOG.warnf("Could not e-mail user %s in realm %s that a token was revoked as exposed: %s", owner.getId(),
                    realm.getName(), e.getMessage());
        }
    }
}
