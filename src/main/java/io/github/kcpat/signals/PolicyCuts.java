package io.github.kcpat.signals;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.TokenQuery;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A tightened policy ends tokens and replaced secrets at once (a shorter longest lifetime, expiry now required, a
 * shorter longest overlap): each of those is signalled, as ended by the policy, when the change commits. Ends the
 * change brings later are the {@link SignalsClock}'s, as any end that comes with time.
 */
public final class PolicyCuts {

    private PolicyCuts() {
    }

    /** Signals what the change from {@code before} to {@code after} ended now; nothing where signals are off. */
    public static void changed(KeycloakSession session, RealmModel realm, PatPolicy before, PatPolicy after) {
        if (!SignalsSchedule.transmitterPresent() || !tightens(before, after) || !SharedSignals.on(session, realm)) {
            return;
        }
        long now = Time.currentTime();
        PersonalAccessTokenProvider tokens = session.getProvider(PersonalAccessTokenProvider.class);
        // read first, then claimed one by one: no update while the rows are still being read
        tokens.search(realm, new TokenQuery(null, null, null, 0, Integer.MAX_VALUE)).toList().forEach(token -> {
            Long was = before.effectiveExpiry(token);
            Long is = after.effectiveExpiry(token);
            if (endsNow(was, is, now)) {
                if (tokens.claimExpirySignal(token.id(), is)) {
                    SharedSignals.queue(session, realm, token.userId(), token.id(), PatSignal.CUT_BY_POLICY);
                }
            } else if (previousSecretEndsNow(token, before, after, now) && tokens.claimLiveSecretEndSignals(token.id(), now)) {
                SharedSignals.queue(session, realm, token.userId(), token.id(), PatSignal.CUT_BY_POLICY);
            }
        });
    }

    static boolean tightens(PatPolicy before, PatPolicy after) {
        return (after.expiryRequired() && !before.expiryRequired())
                || (after.maxLifetimeDays() > 0 && (before.maxLifetimeDays() == 0 || after.maxLifetimeDays() < before.maxLifetimeDays()))
                || after.maxRotationOverlapSeconds() < before.maxRotationOverlapSeconds();
    }

    static boolean endsNow(Long was, Long is, long now) {
        return is != null && is <= now && (was == null || was > now);
    }

    private static boolean previousSecretEndsNow(PersonalAccessToken token, PatPolicy before, PatPolicy after, long now) {
        return before.previousSecretLiveUntil(token, now) != null && after.previousSecretLiveUntil(token, now) == null;
    }
}
