package io.github.kcpat.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;

/**
 * A token as the self-service API shows it. {@code token}, the secret, is present only in the create response.
 * Times are Unix seconds; {@code expiresAt} and {@code lastUsedAt} are null for "never".
 */
record TokenRepresentation(
        String id,
        String name,
        List<String> scopes,
        String hint,
        long createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long expiresAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long lastUsedAt,
        boolean selfRotate,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    static TokenRepresentation of(PersonalAccessToken pat) {
        return new TokenRepresentation(pat.id(), pat.name(), pat.scopes(), pat.hint(), pat.createdAt(), pat.expiresAt(),
                pat.lastUsedAt(), pat.selfRotate(), null);
    }

    static TokenRepresentation of(IssuedToken issued) {
        PersonalAccessToken pat = issued.token();
        return new TokenRepresentation(pat.id(), pat.name(), pat.scopes(), pat.hint(), pat.createdAt(), pat.expiresAt(),
                pat.lastUsedAt(), pat.selfRotate(), issued.secret());
    }

    @Override
    public String toString() {
        return "TokenRepresentation[" + id + "]";
    }
}
