package io.github.kcpat.policy;

/** The policy as the APIs show and take it; on update, absent fields keep their current value. */
public record PolicyRepresentation(Boolean expiryRequired, Integer maxLifetimeDays, Integer defaultLifetimeDays,
                                   Integer maxTokensPerUser, Integer unusedRevokeDays) {

    public static PolicyRepresentation of(PatPolicy policy) {
        return new PolicyRepresentation(policy.expiryRequired(), policy.maxLifetimeDays(), policy.defaultLifetimeDays(),
                policy.maxTokensPerUser(), policy.unusedRevokeDays());
    }

    public PatPolicy applyTo(PatPolicy current) {
        return new PatPolicy(
                expiryRequired != null ? expiryRequired : current.expiryRequired(),
                maxLifetimeDays != null ? maxLifetimeDays : current.maxLifetimeDays(),
                defaultLifetimeDays != null ? defaultLifetimeDays : current.defaultLifetimeDays(),
                maxTokensPerUser != null ? maxTokensPerUser : current.maxTokensPerUser(),
                unusedRevokeDays != null ? unusedRevokeDays : current.unusedRevokeDays());
    }
}
