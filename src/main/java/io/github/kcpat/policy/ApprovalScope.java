package io.github.kcpat.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A client scope that a person's token gets only once someone approves it, and who approves it.
 *
 * @param scope the client scope's name
 * @param approverGroup the path of the group whose direct members approve it (such as {@code /security-team}); null
 *        for the realm's users holding realm-management {@code manage-users}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApprovalScope(String scope, String approverGroup) {
}
