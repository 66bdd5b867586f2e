package io.github.kcpat.account;

import io.github.kcpat.scope.ScopeTexts;
import org.keycloak.models.ClientScopeModel;

/** A scope a user may pick for a token, with the words the admin gave it. */
record ScopeRepresentation(String name, String displayName, String description) {

    /** With message keys ({@code ${…}}) in the consent text and description resolved in the user's locale. */
    static ScopeRepresentation of(ClientScopeModel scope, ScopeTexts texts) {
        String displayName = scope.getAttribute(ClientScopeModel.CONSENT_SCREEN_TEXT);
        return new ScopeRepresentation(scope.getName(), texts.resolve(displayName), texts.resolve(scope.getDescription()));
    }
}
