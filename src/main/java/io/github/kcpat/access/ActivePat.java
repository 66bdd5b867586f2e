package io.github.kcpat.access;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.scope.PatClient;
import org.keycloak.models.UserModel;

/** A PAT that may be used right now, with the user it acts for and the realm's PAT client. */
public record ActivePat(PersonalAccessToken token, UserModel user, PatClient client) {
}
