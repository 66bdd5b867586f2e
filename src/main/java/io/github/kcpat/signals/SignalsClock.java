package io.github.kcpat.signals;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.ReplacedSecretEnd;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Signals the ends that come with time, on every node every {@code signals-interval} seconds: a token reaching its
 * expiry (or the longest lifetime the realm allows), and a replaced secret whose overlap ends (or is cut by the realm's
 * longest overlap). Each end is claimed on its row before it is signalled, so of all nodes one sends it, once. Ends
 * more than {@value #LOOKBACK_SECONDS} seconds old when first seen (the server was down) are not signalled: receivers
 * that cache introspection answers no longer than their {@code exp} dropped those tokens already.
 */
public final class SignalsClock implements ScheduledTask {

    public static final String NAME = "personal-access-token-signals-clock";
    static final long LOOKBACK_SECONDS = 86_400;
    private static final int MAX_PER_RUN = 500;
    private static final long DAY = 86_400;

    /** In the task's one transaction: the claims and the SETs they allow commit, or roll back, together. */
    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTime();
        session.realms().getRealmsStream()
                .filter(realm -> "true".equals(realm.getAttribute(SharedSignals.REALM_OPT_IN)))
                .toList()
                .forEach(realm -> {
                    if (SharedSignals.on(session, realm)) {
                        signalEnds(session, realm, now);
                    }
                });
    }

    private static void signalEnds(KeycloakSession session, RealmModel realm, long now) {
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        PatPolicy policy = PatPolicy.of(realm);
        long since = now - LOOKBACK_SECONDS;
        for (PersonalAccessToken token : tokens.tokensEndingBetween(realm, since, now,
                policy.maxLifetimeDays() * DAY, MAX_PER_RUN)) {
            Long end = policy.effectiveExpiry(token);
            if (end != null && end > since && end <= now && tokens.claimExpirySignal(token.id(), end)) {
                boolean cut = token.expiresAt() == null || end < token.expiresAt();
                SharedSignals.queue(session, realm, token.userId(), token.id(), cut ? PatSignal.CUT_BY_POLICY : PatSignal.EXPIRED);
            }
        }
        for (ReplacedSecretEnd replaced : tokens.replacedSecretsEndingBetween(realm, since, now,
                policy.maxRotationOverlapSeconds(), MAX_PER_RUN)) {
            long end = policy.previousSecretEnd(replaced.replacedAtOrIssue(), replaced.liveUntil());
            if (end > since && end <= now && tokens.claimSecretEndSignal(replaced.secretHash())) {
                SharedSignals.queue(session, realm, replaced.userId(), replaced.tokenId(),
                        end < replaced.liveUntil() ? PatSignal.CUT_BY_POLICY : PatSignal.OVERLAP_ENDED);
            }
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
