package io.github.kcpat.model;

import java.util.Collection;
import java.util.stream.Stream;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/** Storage and look-up of personal access tokens; reach it with {@code session.getProvider(PersonalAccessTokenProvider.class)}. */
public interface PersonalAccessTokenProvider extends Provider {

    /**
     * Creates a token for the user.
     *
     * @throws org.keycloak.models.ModelDuplicateException when the user already has a token of that name
     */
    IssuedToken create(RealmModel realm, UserModel user, String name, Collection<String> scopes, Long expiresAt);

    /** The user's tokens, newest first. */
    Stream<PersonalAccessToken> list(RealmModel realm, UserModel user);

    /** The user's token with that id, or null when there is none (or it is another user's). */
    PersonalAccessToken get(RealmModel realm, UserModel user, String id);

    /** Deletes the user's token with that id; false when the user has no such token. */
    boolean delete(RealmModel realm, UserModel user, String id);

    /** True when the text is meant as a personal access token (it carries the configured prefix). */
    boolean isPersonalAccessToken(String text);

    /**
     * The realm's token whose secret this is, or null. Malformed secrets and secrets with a wrong checksum
     * are answered without a database look-up. Expiry and the user's state are the caller's to check.
     */
    PersonalAccessToken findBySecret(RealmModel realm, String secret);

    /** Notes that the token was used now; writes at most once per configured interval per token. */
    void recordUse(PersonalAccessToken token, long nowSeconds);

    void removeAllOfUser(RealmModel realm, String userId);

    void removeAllOfRealm(String realmId);
}
