package io.github.kcpat.model;

import org.keycloak.provider.ProviderFactory;

/**
 * A store of personal access tokens. Its settings include how often the jobs that work on the store run; the jobs
 * themselves are started by their own packages (see {@code io.github.kcpat.startup}).
 */
public interface PersonalAccessTokenProviderFactory extends ProviderFactory<PersonalAccessTokenProvider> {

    /** Seconds between two runs of the lifecycle (expiry reminders by e-mail, unused-token revocation); 0 for none. */
    default long lifecycleIntervalSeconds() {
        return 0;
    }

    /** Seconds between two looks, on each node, for exposure reports the node that took them did not handle. */
    default long exposureSweepIntervalSeconds() {
        return 30;
    }

    /** Seconds between two looks, on each node, for ends that come with time, to signal them (Shared Signals). */
    default long signalsIntervalSeconds() {
        return 30;
    }

    /** Whether the lifecycle runs on this server. */
    default boolean lifecycleScheduled() {
        return lifecycleIntervalSeconds() > 0;
    }
}
