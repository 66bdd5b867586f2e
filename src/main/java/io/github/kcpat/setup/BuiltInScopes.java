package io.github.kcpat.setup;

import java.util.Set;

/**
 * Keycloak's own client scopes, which it attaches to every new client. On the PAT client they do harm: the optional
 * ones would be offered to users as token scopes (their consent texts are message keys), and {@code profile} and
 * {@code email} put the user's name and address into every token. The rest carry no personal data.
 */
final class BuiltInScopes {

    /** Built-in scopes a PAT should never offer or carry. */
    static final Set<String> UNWANTED = Set.of("profile", "email", "address", "phone", "offline_access",
            "microprofile-jwt", "organization");

    /** Built-in default scopes that carry no personal data: the token's subject, roles and origins. */
    static final Set<String> HARMLESS_DEFAULTS = Set.of("basic", "roles", "web-origins");

    /**
     * The built-in scope that claims a sign-in level ({@code acr}). A PAT is no sign-in: the extension drops the claim
     * from PATs and exchanged tokens whatever the client has, and the setup keeps the scope off the client so that the
     * client's settings say what its tokens carry.
     */
    static final String SIGN_IN_LEVEL = "acr";

    private BuiltInScopes() {
    }
}
