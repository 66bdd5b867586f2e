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
 * <p>The signals of a change are made after its transaction commits, never inside it: on a background thread of the
 * node that made the change, in transactions of their own ({@value #BATCH} signals each, tried {@value #ATTEMPTS}
 * times), so that nothing the transmitter does can fail or undo the change (on MariaDB its outbox inserts can deadlock
 * with its own drainer, which would roll back the whole transaction they run in), a change that rolls back sends
 * nothing, and a request that revokes 10,000 tokens is answered before their signatures are made. A node that stops
 * between the commit and the signal loses it; the token has ended all the same, and introspection says so.
 */
final class SharedSignals implements Consumer<RecordedChange> {

    static final String REALM_OPT_IN = "ssf.transmitterEnabled";
    static final int BATCH = 200;
    static final int ATTEMPTS = 3;
    private static final String PENDING = SharedSignals.class.getName() + ".pending";
    private static final Logger LOG = Logger.getLogger(SharedSignals.class);
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "kcpat-signals");
        thread.setDaemon(true);
        return thread;
    });

    /** One signal waiting to be made. */
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

    /** Signals the change once the caller's transaction has committed (nothing where the realm's signals are off). */
    static void queue(KeycloakSession session, RealmModel realm, String userId, String tokenId, PatSignal signal) {
        if (!on(session, realm)) {
            return;
        }
        SignalOrigin.remember(session);
        pendingOf(session).add(new Queued(realm.getId(), userId, tokenId, signal));
    }

    /**
     * Signals the changes now, in a transaction of their own that commits before the caller's: for a subject that is
     * gone once the caller's transaction commits (a user being deleted), whom the transmitter could no longer name. If
     * the caller's transaction then rolls back, receivers were told of an end that did not happen: they look the token
     * up again and find it working, which is harmless, where the other way round would not be.
     */
    static void sendBeforeCommit(KeycloakSession session, RealmModel realm, String userId, List<String> tokenIds,
            PatSignal signal) {
        if (tokenIds.isEmpty() || !on(session, realm)) {
            return;
        }
        SignalOrigin.remember(session);
        List<Queued> all = tokenIds.stream().map(id -> new Queued(realm.getId(), userId, id, signal)).toList();
        sendInBatches(session.getKeycloakSessionFactory(), all);
    }

    @SuppressWarnings("unchecked")
    private static List<Queued> pendingOf(KeycloakSession session) {
        List<Queued> pending = session.getAttribute(PENDING, List.class);
        if (pending == null) {
            List<Queued> created = new ArrayList<>();
            session.setAttribute(PENDING, created);
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    List<Queued> all = List.copyOf(created);
                    BACKGROUND.execute(() -> sendInBatches(factory, all));
                }

                @Override
                protected void rollbackImpl() {
                    // the change did not happen: nothing to tell
                }
            });
            pending = created;
        }
        return pending;
    }

    private static void sendInBatches(KeycloakSessionFactory factory, List<Queued> all) {
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Queued> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            for (int attempt = 1; ; attempt++) {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session -> batch.forEach(queued -> {
                        RealmModel realm = session.realms().getRealm(queued.realmId());
                        if (realm != null) {
                            send(session, realm, queued);
                        }
                    }));
                    break;
                } catch (RuntimeException e) {
                    if (attempt >= ATTEMPTS) {
                        LOG.warnf("%d signals of personal access tokens could not be handed to the SSF transmitter after"
                                + " %d attempts: %s", batch.size(), attempt, e.toString());
                        break;
                    }
                    LOG.debugf("Signals of personal access tokens not handed over (attempt %d), trying again: %s",
                            attempt, e.toString());
                    pause(attempt * 250L);
                }
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes one signal in the given transaction. The transmitter's own trouble with a receiver (a stream it cannot
     * resolve) is reported and skipped here; a failure of the transaction itself (its outbox insert deadlocked) reaches
     * the batch, which is tried again.
     */
    private static void send(KeycloakSession session, RealmModel realm, Queued queued) {
        SignalOrigin.supplyIfOutsideRequest(session);
        try {
            KeycloakTransmitter.emit(session, realm, queued.userId(), queued.tokenId(), queued.signal());
        } catch (jakarta.persistence.PersistenceException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("Realm %s: the signal of personal access token %s (%s) could not be handed to the SSF transmitter: %s",
                    realm.getName(), queued.tokenId(), queued.signal().changeType(), e.toString());
            LOG.debug("Why the signal could not be handed over", e);
        }
    }
}
