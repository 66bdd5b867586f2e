package io.github.kcpat.access;

import org.keycloak.events.Errors;

/**
 * Every reason a PAT, or a token exchanged from one, is answered {@code {"active": false}}, in the words of the
 * {@code INTROSPECT_TOKEN_ERROR} event's {@code reason} detail: the one list, which the README's troubleshooting table
 * names in full ({@code InactiveTokenReasonsDocumentedTest}). A {@code %s} is a part filled in per request. Keycloak's
 * own reasons for an exchanged JWT (signature, expiry) come on top.
 */
public enum InactiveTokenReason {
    UNKNOWN(Errors.INVALID_TOKEN, "Unknown or malformed personal access token"),
    REPLACED_IN_GRACE(Errors.INVALID_TOKEN, "This secret was replaced; the token has a new one"),
    REUSED_SELF_ROTATED(Errors.INVALID_TOKEN,
            "A secret this token had replaced itself was used after it had ended: the token is revoked as probably leaked"),
    REUSED_REPLACED(Errors.INVALID_TOKEN,
            "This secret was replaced by the token's owner or an admin and has ended; the owner is told of this use"),
    EXCHANGED_FROM_GONE(Errors.INVALID_TOKEN, "The personal access token this token was exchanged from is gone"),
    EXCHANGED_BEFORE_REPLACED(Errors.INVALID_TOKEN, "Exchanged before the personal access token's secret was replaced"),
    EXCHANGED_SCOPE_GONE(Errors.INVALID_TOKEN, "Exchanged with a scope its personal access token no longer holds"),
    USER_GONE(Errors.USER_NOT_FOUND, "The token's user no longer exists"),
    EXPIRED(Errors.INVALID_TOKEN, "Personal access token expired"),
    OVERLAP_ENDED(Errors.INVALID_TOKEN, "The overlap of this replaced secret has ended"),
    PAST_LONGEST_LIFETIME(Errors.INVALID_TOKEN, "Personal access token is past the realm's longest allowed lifetime"),
    UNUSED_TOO_LONG(Errors.INVALID_TOKEN, "Personal access token unused for longer than the realm allows"),
    USER_DISABLED(Errors.USER_DISABLED, "The token's user is disabled"),
    NOT_ENABLED(Errors.CLIENT_DISABLED, "Personal access tokens are not enabled in this realm"),
    NOT_BEFORE(Errors.INVALID_TOKEN, "Personal access token issued before the realm's, client's or user's not-before time"),
    /** Keycloak's own words, where its audience rule decides (26.6.2 and later); this extension's, the same, elsewhere. */
    AUDIENCE(Errors.INVALID_TOKEN, "Client '%s' is not in the token audience"),
    UNTESTED_LINE(Errors.INVALID_TOKEN,
            "Personal access tokens are off on Keycloak %s, a line this release of the extension is not tested on");

    private final String error;
    private final String text;

    InactiveTokenReason(String error, String text) {
        this.error = error;
        this.text = text;
    }

    /** The event's error code. */
    public String error() {
        return error;
    }

    /** The reason, with {@code %s} where a part is filled in. */
    public String text() {
        return text;
    }

    /** The reason with its parts filled in. */
    public String describe(Object... parts) {
        return parts.length == 0 ? text : String.format(text, parts);
    }
}
