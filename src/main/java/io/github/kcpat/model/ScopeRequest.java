package io.github.kcpat.model;

/**
 * A token's request for a scope that the realm's policy has someone approve, and its decision.
 *
 * @param state {@code pending}, {@code approved} or {@code denied}
 * @param lapsed a denial because nobody decided in time (the daily lifecycle's), not a person's
 * @param reason the requester's words for the approvers, or null
 * @param requestedAt Unix seconds
 * @param decidedAt Unix seconds, or null while pending
 * @param decidedBy the id of the approver who decided, or null (pending, or lapsed)
 * @param decisionReason the approver's words, or null
 */
public record ScopeRequest(String id, String realmId, String tokenId, String userId, String scope, String reason,
                           String state, boolean lapsed, long requestedAt, Long decidedAt, String decidedBy,
                           String decisionReason) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";

    public boolean pending() {
        return PENDING.equals(state);
    }
}
