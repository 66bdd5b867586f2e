package io.github.kcpat.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.compat.LineStatus;

/**
 * The policy as the APIs show and take it; on update, absent fields keep their current value. {@code warnings} is
 * read-only: what an admin should fix (unreadable attributes, a PAT client with full scope allowed). {@code keycloakLine},
 * read-only and only in the self-service API's answer, is the server's {@link LineStatus}, for the account console's
 * warning on an untested Keycloak line. {@code approvalScopes} names the scopes that need an approver and who approves
 * each; the self-service API shows only their names ({@link #forAccount}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRepresentation(Boolean expiryRequired, Integer maxLifetimeDays, Integer defaultLifetimeDays,
                                   Integer maxTokensPerUser, Integer unusedRevokeDays, List<String> creationClients,
                                   Integer maxAuthAgeSeconds, Boolean expiryRemindersEnabled,
                                   Integer maxRotationOverlapSeconds, List<ApprovalScope> approvalScopes,
                                   Integer approvalLapseDays, List<String> warnings,
                                   LineStatus keycloakLine) {

    public static PolicyRepresentation of(PatPolicy policy, List<String> warnings) {
        return new PolicyRepresentation(policy.expiryRequired(), policy.maxLifetimeDays(), policy.defaultLifetimeDays(),
                policy.maxTokensPerUser(), policy.unusedRevokeDays(), policy.creationClients(),
                policy.maxAuthAgeSeconds(), policy.expiryRemindersEnabled(), policy.maxRotationOverlapSeconds(),
                policy.approvalScopes().contains(PatPolicy.EVERY_SCOPE) ? List.of() : policy.approvalScopes(),
                policy.approvalLapseDays(), List.copyOf(warnings), null);
    }

    /** This answer with the Keycloak line's status. */
    public PolicyRepresentation withKeycloakLine(LineStatus line) {
        return new PolicyRepresentation(expiryRequired, maxLifetimeDays, defaultLifetimeDays, maxTokensPerUser,
                unusedRevokeDays, creationClients, maxAuthAgeSeconds, expiryRemindersEnabled, maxRotationOverlapSeconds,
                approvalScopes, approvalLapseDays, warnings, line);
    }

    public PatPolicy applyTo(PatPolicy current) {
        return new PatPolicy(
                expiryRequired != null ? expiryRequired : current.expiryRequired(),
                maxLifetimeDays != null ? maxLifetimeDays : current.maxLifetimeDays(),
                defaultLifetimeDays != null ? defaultLifetimeDays : current.defaultLifetimeDays(),
                maxTokensPerUser != null ? maxTokensPerUser : current.maxTokensPerUser(),
                unusedRevokeDays != null ? unusedRevokeDays : current.unusedRevokeDays(),
                creationClients != null ? creationClients : current.creationClients(),
                maxAuthAgeSeconds != null ? maxAuthAgeSeconds : current.maxAuthAgeSeconds(),
                expiryRemindersEnabled != null ? expiryRemindersEnabled : current.expiryRemindersEnabled(),
                maxRotationOverlapSeconds != null ? maxRotationOverlapSeconds : current.maxRotationOverlapSeconds(),
                approvalScopes != null ? approvalScopes : current.approvalScopes(),
                approvalLapseDays != null ? approvalLapseDays : current.approvalLapseDays());
    }

    /**
     * This answer as the self-service API gives it: {@code approvalScopes} as the scope names only (no group paths for
     * users to read).
     */
    public Map<String, Object> forAccount() {
        Map<String, Object> answer = ACCOUNT_VIEW.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        answer.put("approvalScopes", approvalScopes == null ? List.of()
                : approvalScopes.stream().map(ApprovalScope::scope).toList());
        return answer;
    }

    private static final ObjectMapper ACCOUNT_VIEW = new ObjectMapper();
}
