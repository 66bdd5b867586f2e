package io.github.kcpat.access;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.scope.PatClient;
import org.keycloak.models.UserModel;

/**
 * A PAT that may be used right now, with the user it acts for and the realm's PAT client.
 *
 * @param expiresAt when it stops working under the realm's current policy (Unix seconds), or null for never
 */
public record ActivePat(PersonalAccessToken token, UserModel user, PatClient client, Long expiresAt) {
}
