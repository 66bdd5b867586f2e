package io.github.kcpat.signals;

import java.util.function.Consumer;

import io.github.kcpat.audit.RecordedChange;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Hands each recorded start or end of a token or of one of its secrets to Keycloak's own SSF transmitter, for the
 * receivers of the token's realm, where the running server has one (the {@code ssf} feature on) and the realm opted in
 * ({@code ssf.transmitterEnabled=true}). The SETs are made in the prepare phase of the change's own transaction: the
 * transmitter writes them to its outbox in that transaction, so they exist once the change commits and never for a
 * change that rolls back, and only the node that made the change sends them.
 */
final class SharedSignals implements Consumer<RecordedChange> {

    static final String REALM_OPT_IN = "ssf.transmitterEnabled";
    private static final Logger LOG = Logger.getLogger(SharedSignals.class);

    @Override
    public void accept(RecordedChange change) {
        KeycloakSession session = change.session();
        RealmModel realm = change.realm();
        if (!"true".equals(realm.getAttribute(REALM_OPT_IN)) || !KeycloakTransmitter.enabled(session)) {
            return;
        }
        PatSignal.of(change.action(), change.byAnotherUser()).ifPresent(signal -> {
            SignalOrigin.remember(session);
            String userId = change.owner().getId();
            String tokenId = change.token().id();
            session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    send(session, realm, userId, tokenId, signal);
                }

                @Override
                protected void rollbackImpl() {
                }
            });
        });
    }

    /** Never fails the change: a receiver that cannot be told is the transmitter's to report, not the token owner's. */
    private static void send(KeycloakSession session, RealmModel realm, String userId, String tokenId, PatSignal signal) {
        try {
            SignalOrigin.supplyIfOutsideRequest(session);
            KeycloakTransmitter.emit(session, realm, userId, tokenId, signal);
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("Realm %s: the signal of personal access token %s (%s) could not be handed to the SSF transmitter: %s",
                    realm.getName(), tokenId, signal.changeType(), e.toString());
        }
    }
}
