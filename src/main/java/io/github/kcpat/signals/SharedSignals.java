package io.github.kcpat.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import io.github.kcpat.audit.RecordedChange;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Hands each start or end of a token or of one of its secrets to Keycloak's own SSF transmitter, for the receivers of
 * the token's realm, where the running server has one (the {@code ssf} feature on) and the realm opted in
 * ({@code ssf.transmitterEnabled=true}).
 *
 * <p>The first {@value #INLINE_MAX} signals of a transaction are made in it: the transmitter writes each SET to its
 * outbox in that same transaction, so they exist once the change commits and never for a change that rolls back, and
 * only the node that made the change sends them. More (an admin revoking a whole realm's tokens) are made after the
 * commit, on a background thread of this node, in transactions of {@value #BATCH}, so the request that made the change
 * does not wait for thousands of signatures, and none is made for a change that rolled back; a node that stops in
 * between loses those signals (the tokens are revoked all the same, and introspection says so).
 */
final class SharedSignals implements Consumer<RecordedChange> {

    static final String REALM_OPT_IN = "ssf.transmitterEnabled";
    static final int INLINE_MAX = 50;
    static final int BATCH = 200;
    private static final String PENDING = SharedSignals.class.getName() + ".pending";
    private static final Logger LOG = Logger.getLogger(SharedSignals.class);
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "kcpat-signals");
        thread.setDaemon(true);
        return thread;
    });

    /** One signal waiting for its transaction to commit. */
    record Queued(String realmId, String userId, String tokenId, PatSignal signal) {
    }

    @Override
    public void accept(RecordedChange change) {
        PatSignal.of(change.action(), change.byAnotherUser())
                .ifPresent(signal -> queue(change.session(), change.realm(), change.owner().getId(), change.token().id(), signal));
    }

    /** Whether the realm's PAT changes are signalled: the transmitter is on and the realm opted in. */
    static boolean on(KeycloakSession session, RealmModel realm) {
        return "true".equals(realm.getAttribute(REALM_OPT_IN)) && KeycloakTransmitter.enabled(session);
    }

    /**
     * Signals the change with the caller's transaction: made at once, in it, for the first {@value #INLINE_MAX} signals
     * of the transaction; after its commit, in the background, for the rest (nothing where the realm's signals are off).
     */
    static void queue(KeycloakSession session, RealmModel realm, String userId, String tokenId, PatSignal signal) {
        if (!on(session, realm)) {
            return;
        }
        SignalOrigin.remember(session);
        Queued queued = new Queued(realm.getId(), userId, tokenId, signal);
        Pending pending = pendingOf(session);
        if (pending.madeInTransaction < INLINE_MAX) {
            pending.madeInTransaction++;
            send(session, realm, queued);
        } else {
            pending.afterCommit.add(queued);
        }
    }

    /**
     * Signals the change now, in the caller's transaction, whatever their number: for a subject that is gone by the
     * commit (a user being deleted), whom the transmitter could no longer name.
     */
    static void sendNow(KeycloakSession session, RealmModel realm, String userId, String tokenId, PatSignal signal) {
        if (on(session, realm)) {
            SignalOrigin.remember(session);
            send(session, realm, new Queued(realm.getId(), userId, tokenId, signal));
        }
    }

    /** The signals of one transaction: how many were made in it, and those left for after its commit. */
    private static final class Pending {
        int madeInTransaction;
        final List<Queued> afterCommit = new ArrayList<>();
    }

    private static Pending pendingOf(KeycloakSession session) {
        Pending pending = session.getAttribute(PENDING, Pending.class);
        if (pending == null) {
            Pending created = new Pending();
            session.setAttribute(PENDING, created);
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    if (!created.afterCommit.isEmpty()) {
                        List<Queued> rest = List.copyOf(created.afterCommit);
                        BACKGROUND.execute(() -> sendInBatches(factory, rest));
                    }
                }

                @Override
                protected void rollbackImpl() {
                    // the change did not happen: nothing to tell (the SETs made in it rolled back with it)
                }
            });
            pending = created;
        }
        return pending;
    }

    private static void sendInBatches(KeycloakSessionFactory factory, List<Queued> all) {
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Queued> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> batch.forEach(queued -> {
                    RealmModel realm = realmOf(session, queued);
                    if (realm != null) {
                        send(session, realm, queued);
                    }
                }));
            } catch (RuntimeException e) {
                LOG.warnf("%d signals of personal access tokens could not be handed to the SSF transmitter: %s",
                        batch.size(), e.toString());
            }
        }
    }

    private static RealmModel realmOf(KeycloakSession session, Queued queued) {
        return session.realms().getRealm(queued.realmId());
    }

    /** Never fails the change: a receiver that cannot be told is the transmitter's to report, not the token owner's. */
    private static void send(KeycloakSession session, RealmModel realm, Queued queued) {
        try {
            SignalOrigin.supplyIfOutsideRequest(session);
            KeycloakTransmitter.emit(session, realm, queued.userId(), queued.tokenId(), queued.signal());
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("Realm %s: the signal of personal access token %s (%s) could not be handed to the SSF transmitter: %s",
                    realm.getName(), queued.tokenId(), queued.signal().changeType(), e.toString());
            LOG.debug("Why the signal could not be handed over", e);
        }
    }
}
