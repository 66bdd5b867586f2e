package io.github.kcpat.signals;

import java.util.List;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Signals what happens to a token through its owner: deleted (the tokens go with the user), or disabled (the tokens
 * stop working until the user is enabled again). A deletion is signalled when it begins, in a transaction of its own,
 * while the transmitter can still name the user ({@link SharedSignals#sendBeforeCommit}); a disabling once per token,
 * after the change commits, until the user is enabled
 * again, however many times the disabled user is updated.
 */
final class OwnerChanges implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserPreRemovedEvent removed) {
            ownerDeleted(removed.getKeycloakSession(), removed.getRealm(), removed.getUser());
        }
    }

    private static void ownerDeleted(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!SharedSignals.on(session, realm)) {
            return;
        }
        List<String> held = session.getProvider(PersonalAccessTokenProvider.class).list(realm, user)
                .map(PersonalAccessToken::id).toList();
        SharedSignals.sendBeforeCommit(session, realm, user.getId(), held,
                PatSignal.ownerDeleted(byUserThemselves(session, user) ? "user" : "admin"));
    }

    /**
     * After something changed the user (an admin's update, a permanent lockout): if they are now disabled, each of
     * their tokens whose owner's disabling was not signalled yet is; if they are enabled, a later disabling will be.
     */
    static void ownerMayHaveChanged(KeycloakSession session, RealmModel realm, String userId, String initiatingEntity) {
        if (realm == null || userId == null || !SharedSignals.on(session, realm)) {
            return;
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        if (user.isEnabled()) {
            tokens.ownerEnabled(realm, userId);
            return;
        }
        PatSignal signal = PatSignal.ownerDisabled(initiatingEntity);
        tokens.claimOwnerDisabledSignals(realm, userId)
                .forEach(tokenId -> SharedSignals.queue(session, realm, userId, tokenId, signal));
    }

    /** A user deleting their own account (the account console's "Delete account"), rather than an admin. */
    private static boolean byUserThemselves(KeycloakSession session, UserModel user) {
        try {
            var auth = session.getContext().getAuthenticationSession();
            return auth != null && auth.getAuthenticatedUser() != null && auth.getAuthenticatedUser().getId().equals(user.getId());
        } catch (RuntimeException noRequest) {
            return false;
        }
    }
}
