package io.github.kcpat.rest;

/** A create request that cannot be honoured as sent; its message is safe to show to the caller. */
final class InvalidTokenRequestException extends RuntimeException {

    InvalidTokenRequestException(String message) {
        super(message);
    }
}
