package io.github.kcpat.account;

import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/** Who calls the self-service API: a person signed in with an account-audience access token, and that token. */
record AccountCaller(UserModel user, AccessToken token, UserSessionModel session) {
}
