package io.github.kcpat.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** An answer that carries a secret: no browser, proxy or cache may keep it (RFC 6749 section 5.1). */
public final class NoStore {

    private NoStore() {
    }

    public static Response of(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
