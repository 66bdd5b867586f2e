package io.github.kcpat.model.jpa;

import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.metrics.RevocationCause;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * A token does not outlive its user or its realm: both removals delete the tokens in the same transaction; a realm's
 * metrics go with it.
 */
final class TokenOwnerRemovalListener implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            int count = removed.getKeycloakSession().getProvider(PersonalAccessTokenProvider.class)
                    .removeAllOfUser(removed.getRealm(), removed.getUser().getId());
            PatMetrics.get().revoked(removed.getKeycloakSession(), removed.getRealm(), RevocationCause.OWNER_REMOVED, count);
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            removed.getKeycloakSession().getProvider(PersonalAccessTokenProvider.class)
                    .removeAllOfRealm(removed.getRealm().getId());
            PatMetrics.get().forgetRealm(removed.getRealm().getName());
        }
    }
}
