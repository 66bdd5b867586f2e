package io.github.kcpat.signals;

import java.util.Optional;

import io.github.kcpat.audit.PatAuditEvents.Action;

/**
 * What a receiver hears of one change to a token: a CAEP credential-change with its change type and initiating entity,
 * and, when the token's secret was reported exposed, a RISC credential-compromise as well. Pure, so the mapping is
 * tested without a server.
 *
 * @param changeType CAEP's {@code change_type}: {@code create}, {@code update}, {@code revoke} or {@code delete}
 * @param initiatingEntity SSF's {@code initiating_entity}: {@code user}, {@code admin}, {@code policy} or {@code system}
 * @param compromised the secret was reported exposed (revoke by value, an exposure report)
 */
public record PatSignal(String changeType, String initiatingEntity, boolean compromised) {

    /** The token reached its own expiry. */
    public static final PatSignal EXPIRED = new PatSignal("revoke", "system", false);
    /** The realm's policy ended the token, or a replaced secret, before the end it had (a lifetime or overlap limit). */
    public static final PatSignal CUT_BY_POLICY = new PatSignal("revoke", "policy", false);
    /** A replaced secret's overlap ended: the token's one secret is now the one that replaced it. */
    public static final PatSignal OVERLAP_ENDED = new PatSignal("update", "system", false);

    /** The token's owner was deleted, and the token with them. */
    public static PatSignal ownerDeleted(String initiatingEntity) {
        return new PatSignal("delete", initiatingEntity, false);
    }

    /** The token's owner was disabled: the token stops working until they are enabled again. */
    public static PatSignal ownerDisabled(String initiatingEntity) {
        return new PatSignal("revoke", initiatingEntity, false);
    }

    /** The signal of a recorded change, or none for a change that neither starts nor ends a token or a secret. */
    public static Optional<PatSignal> of(Action action, boolean byAnotherUser) {
        String person = byAnotherUser ? "admin" : "user";
        return Optional.ofNullable(switch (action) {
            case CREATED -> new PatSignal("create", person, false);
            case REGENERATED, ROTATED -> new PatSignal("update", person, false);
            case DELETED -> new PatSignal("delete", person, false);
            case REVOKED -> new PatSignal("revoke", "admin", false);
            case REVOKED_UNUSED -> new PatSignal("revoke", "policy", false);
            case REVOKED_EXPOSED, PREVIOUS_SECRET_REVOKED_EXPOSED -> new PatSignal("revoke", "system", true);
            case REVOKED_REUSED -> new PatSignal("revoke", "system", false);
            case REPLACED_SECRET_USED, SCOPE_REQUESTED -> null;
            // what the token may do changed: approved or denied by an approver, or lapsed by the realm's policy
            case SCOPE_APPROVED, SCOPE_DENIED -> new PatSignal("update", "admin", false);
            case SCOPE_LAPSED -> new PatSignal("update", "policy", false);
        });
    }
}
