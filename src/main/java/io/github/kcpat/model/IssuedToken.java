package io.github.kcpat.model;

/**
 * A token just created: the only moment its secret exists outside the caller's hands.
 * Hand the secret to the user once and drop this object.
 */
public record IssuedToken(PersonalAccessToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.id() + "]";
    }
}
