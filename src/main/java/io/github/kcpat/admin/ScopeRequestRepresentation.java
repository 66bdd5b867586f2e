package io.github.kcpat.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.ScopeRequest;
import org.keycloak.models.UserModel;

/**
 * A scope request as the admin API's Requests show it: the token and its owner, the scope, the owner's reason, and
 * the decision (who, when, why). Times are Unix seconds.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ScopeRequestRepresentation(String id, String tokenId, String tokenName, String userId, String username,
                                  String scope, String reason, String state, boolean lapsed, long requestedAt,
                                  Long decidedAt, String decidedBy, String decidedByUsername, String decisionReason) {

    /** @param token the request's token, or null when it is gone; owner and approver likewise */
    static ScopeRequestRepresentation of(ScopeRequest request, PersonalAccessToken token, UserModel owner,
                                         UserModel approver) {
        return new ScopeRequestRepresentation(request.id(), request.tokenId(), token == null ? null : token.name(),
                request.userId(), owner == null ? null : owner.getUsername(), request.scope(), request.reason(),
                request.state(), request.lapsed(), request.requestedAt(), request.decidedAt(), request.decidedBy(),
                approver == null ? null : approver.getUsername(), request.decisionReason());
    }
}
