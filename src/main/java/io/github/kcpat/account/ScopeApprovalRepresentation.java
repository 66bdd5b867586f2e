package io.github.kcpat.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kcpat.model.ScopeRequest;

/**
 * One scope of a token that needs (or needed, when asked) an approver, as the self-service API shows it: its state
 * ({@code pending}, {@code approved}, {@code denied}), whether the denial was a lapse, the owner's reason and the
 * approver's. Times are Unix seconds. It does not name the approver.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ScopeApprovalRepresentation(String scope, String state, boolean lapsed, String reason, String decisionReason,
                                   long requestedAt, Long decidedAt) {

    static ScopeApprovalRepresentation of(ScopeRequest request) {
        return new ScopeApprovalRepresentation(request.scope(), request.state(), request.lapsed(), request.reason(),
                request.decisionReason(), request.requestedAt(), request.decidedAt());
    }
}
