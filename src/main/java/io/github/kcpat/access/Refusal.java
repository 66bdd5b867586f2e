package io.github.kcpat.access;



/**
 * Why a request is refused, in the words a client developer reads: the one answer of every rule (who may mint a
 * secret, who may hold a bot token's secret, who may exchange, what a request may ask for). Each API turns it into its
 * own response: the REST APIs into their JSON error ({@code io.github.kcpat.http.PatApiException#of}), the token
 * exchange into an OAuth error. It carries no stack trace: it is an answer, not a fault.
 */
public final class Refusal extends RuntimeException {

    /** RFC 9470's error code for a sign-in that is too old. */
    public static final String STEP_UP = "insufficient_user_authentication";

    /** What kind of refusal, which each API maps to its status. */
    public enum Kind {
        /** The request is malformed or asks for what cannot be had (400). */
        INVALID,
        /** The caller must sign in again, no longer ago than {@link #maxAge()} seconds (401 with a challenge). */
        STEP_UP,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** There is no such thing, as far as this caller may know (404). */
        NOT_FOUND,
        /** Another request changed the same thing at the same moment (409). */
        CONFLICT
    }

    private final Kind kind;
    private final String error;
    private final int maxAge;

    private Refusal(Kind kind, String error, String description, int maxAge) {
        super(description, null, false, false);
        this.kind = kind;
        this.error = error;
        this.maxAge = maxAge;
    }

    public static Refusal invalid(String error, String description) {
        return new Refusal(Kind.INVALID, error, description, 0);
    }

    /** The request body or parameters as sent cannot be honoured ({@code invalid_request}). */
    public static Refusal invalidRequest(String description) {
        return invalid("invalid_request", description);
    }

    public static Refusal forbidden(String error, String description) {
        return new Refusal(Kind.FORBIDDEN, error, description, 0);
    }

    public static Refusal notFound(String error, String description) {
        return new Refusal(Kind.NOT_FOUND, error, description, 0);
    }

    /** The answer to any token id the caller may not see: unknown and other people's alike. */
    public static Refusal noSuchToken() {
        return notFound("not_found", "No such personal access token");
    }

    public static Refusal conflict(String description) {
        return conflict("conflict", description);
    }

    /** A conflict with the state of the thing, under its own error code (such as {@code already_decided}). */
    public static Refusal conflict(String error, String description) {
        return new Refusal(Kind.CONFLICT, error, description, 0);
    }

    public static Refusal stepUp(int maxAge, String description) {
        return new Refusal(Kind.STEP_UP, STEP_UP, description, maxAge);
    }

    public Kind kind() {
        return kind;
    }

    /** The OAuth-style error code. */
    public String error() {
        return error;
    }

    /** For {@link Kind#STEP_UP}: the longest time ago the next sign-in may be, in seconds. */
    public int maxAge() {
        return maxAge;
    }
}
