package io.github.kcpat.model;

import org.keycloak.provider.ProviderFactory;

public interface PersonalAccessTokenProviderFactory extends ProviderFactory<PersonalAccessTokenProvider> {

    /** Whether the daily lifecycle (expiry reminders by e-mail, unused-token revocation) runs on this server. */
    default boolean lifecycleScheduled() {
        return false;
    }
}
