package io.github.kcpat.rest;

import org.keycloak.models.ClientScopeModel;

/** A scope a user may pick for a token, with the words the admin gave it. */
record ScopeRepresentation(String name, String displayName, String description) {

    static ScopeRepresentation of(ClientScopeModel scope) {
        String displayName = scope.getAttribute(ClientScopeModel.CONSENT_SCREEN_TEXT);
        return new ScopeRepresentation(scope.getName(), displayName, scope.getDescription());
    }
}
