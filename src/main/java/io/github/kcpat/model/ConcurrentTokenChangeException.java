package io.github.kcpat.model;

/** Another request changed the same token at the same moment; the caller should look again and retry. */
public final class ConcurrentTokenChangeException extends RuntimeException {

    public ConcurrentTokenChangeException() {
        super("The personal access token was changed by another request at the same moment");
    }
}
