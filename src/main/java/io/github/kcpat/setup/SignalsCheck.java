package io.github.kcpat.setup;

import java.util.List;
import java.util.Map;

import io.github.kcpat.compat.SsfTransmitterPresence;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * Whether the realm's PAT signals (Shared Signals: a SET for each start and end of a token) reach any resource server:
 * the server's SSF transmitter, the realm's opt-in, an enabled receiver client. Only a realm that opted in but has
 * nobody to tell is something to fix; the rest is a choice, said as information with the way to turn them on.
 */
final class SignalsCheck {

    static final String GUIDE = "https://www.keycloak.org/nightly/securing-apps/ssf-support";
    static final String REALM_OPT_IN = "ssf.transmitterEnabled";
    static final String RECEIVER = "ssf.enabled";
    private static final int LISTED = 10;

    private SignalsCheck() {
    }

    static Finding of(RealmModel realm) {
        return of(SsfTransmitterPresence.on(), realm);
    }

    static Finding of(boolean transmitter, RealmModel realm) {
        String turnOn = "turn on Keycloak's Shared Signals transmitter (Keycloak 26.7 or later started with"
                + " --features=ssf), set the realm attribute " + REALM_OPT_IN + "=true and register each resource server"
                + " as a receiver client (" + RECEIVER + "=true, with a stream asking for CAEP credential-change); see " + GUIDE;
        if (!transmitter) {
            return Finding.info("SIGNALS_OFF", "Resource servers are not told when a token ends: this server has no Shared"
                    + " Signals transmitter (feature 'ssf' off or not in this Keycloak), so they learn of a revocation only"
                    + " by introspecting.", "If they should hear of it without asking, " + turnOn + ".");
        }
        if (!"true".equals(realm.getAttribute(REALM_OPT_IN))) {
            return Finding.info("SIGNALS_OFF", "Resource servers are not told when a token ends: the server has the Shared"
                    + " Signals transmitter, but this realm has not opted in (" + REALM_OPT_IN + ").",
                    "If they should hear of it without asking, " + turnOn + ".");
        }
        List<String> receivers = realm.searchClientByAttributes(Map.of(RECEIVER, "true"), 0, LISTED)
                .filter(ClientModel::isEnabled).map(ClientModel::getClientId).sorted().toList();
        if (receivers.isEmpty()) {
            return new Finding("SIGNALS_NO_RECEIVER", "The realm sends Shared Signals, but no enabled client is a receiver"
                    + " (" + RECEIVER + "=true), so no resource server hears when a token ends.", "Register each resource"
                    + " server as a receiver client; see " + GUIDE + ".");
        }
        return Finding.info("SIGNALS_ON", "Each start and end of a token is signalled (CAEP credential-change naming the"
                + " token) to the realm's receivers: " + String.join(", ", receivers) + (receivers.size() == LISTED ? ", …" : "")
                + ". A receiver hears of a user's tokens if the user is subscribed to its stream or the client has"
                + " ssf.defaultSubjects=ALL.", "Nothing to do; a receiver's stream must ask for credential-change"
                + " (and RISC credential-compromise for secrets reported exposed).");
    }
}
