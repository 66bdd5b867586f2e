package io.github.kcpat.policy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kcpat.compat.LineStatus;

/**
 * The policy as the APIs show and take it; on update, absent fields keep their current value. {@code warnings} is
 * read-only: what an admin should fix (unreadable attributes, a PAT client with full scope allowed). {@code keycloakLine},
 * read-only and only in the self-service API's answer, is the server's {@link LineStatus}, for the account console's
 * warning on an untested Keycloak line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRepresentation(Boolean expiryRequired, Integer maxLifetimeDays, Integer defaultLifetimeDays,
                                   Integer maxTokensPerUser, Integer unusedRevokeDays, List<String> creationClients,
                                   Integer maxAuthAgeSeconds, Boolean expiryRemindersEnabled,
                                   Integer maxRotationOverlapSeconds, List<String> warnings,
                                   LineStatus keycloakLine) {

    public static PolicyRepresentation of(PatPolicy policy, List<String> warnings) {
        return new PolicyRepresentation(policy.expiryRequired(), policy.maxLifetimeDays(), policy.defaultLifetimeDays(),
                policy.maxTokensPerUser(), policy.unusedRevokeDays(), policy.creationClients(),
                policy.maxAuthAgeSeconds(), policy.expiryRemindersEnabled(), policy.maxRotationOverlapSeconds(),
                List.copyOf(warnings), null);
    }

    /** This answer with the Keycloak line's status. */
    public PolicyRepresentation withKeycloakLine(LineStatus line) {
        return new PolicyRepresentation(expiryRequired, maxLifetimeDays, defaultLifetimeDays, maxTokensPerUser,
                unusedRevokeDays, creationClients, maxAuthAgeSeconds, expiryRemindersEnabled, maxRotationOverlapSeconds,
                warnings, line);
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
                maxRotationOverlapSeconds != null ? maxRotationOverlapSeconds : current.maxRotationOverlapSeconds());
    }
}
