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

    /** Built-in default scopes that carry no personal data: the token's subject, roles, origins and ACR. */
    static final Set<String> HARMLESS_DEFAULTS = Set.of("basic", "roles", "web-origins", "acr");

    private BuiltInScopes() {
    }
}
