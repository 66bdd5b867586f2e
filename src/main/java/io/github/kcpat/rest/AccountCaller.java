package io.github.kcpat.rest;

import org.keycloak.models.UserModel;

/** Who calls the self-service API: a person signed in with an account-audience access token. */
record AccountCaller(UserModel user) {
}
