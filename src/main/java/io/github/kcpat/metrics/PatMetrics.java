package io.github.kcpat.metrics;

import java.util.List;

import io.github.kcpat.cache.PatCache;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The extension's meters on Keycloak's own Micrometer registry ({@code Metrics.globalRegistry}, which the server serves
 * on its management port at {@code /metrics} when started with {@code --metrics-enabled=true}; without it every meter
 * is a no-op). Each label holds a value from a fixed set, or the realm's name: never a secret, token id or user id.
 * What changes data is counted when its transaction commits, so a rolled-back request counts nothing; what only reads
 * (an introspection) is counted at once. The names, labels and values are listed in {@code docs/operations.md}.
 * <p>
 * This class names no Micrometer type: the meters are written through a {@link MeterSink}, Micrometer's
 * ({@link MicrometerSink}) where the running server has Micrometer, and none where it has not, so that a server
 * without it still serves PATs, only without their metrics.
 */
public final class PatMetrics {

    public static final String INTROSPECTIONS = "kcpat.introspections";
    public static final String EXCHANGES = "kcpat.exchanges";
    public static final String TOKENS_CREATED = "kcpat.tokens.created";
    public static final String TOKENS_REVOKED = "kcpat.tokens.revoked";
    public static final String REVOKE_REPORTS = "kcpat.revoke.reports";
    public static final String REMINDERS_SENT = "kcpat.reminders.sent";
    public static final String SIGNALS = "kcpat.signals";
    public static final String SCOPE_REQUESTS = "kcpat.scope.requests";
    public static final String REFUSALS = "kcpat.api.refusals";
    public static final String CACHE_SIZE = "kcpat.cache.size";
    public static final String CACHE_MAX_SIZE = "kcpat.cache.max.size";
    public static final String CACHE_GETS = "kcpat.cache.gets";
    public static final String CACHE_EVICTIONS = "kcpat.cache.evictions";

    private static final Logger LOG = Logger.getLogger(PatMetrics.class);
    private static final PatMetrics GLOBAL = create();

    /** The label value of an active introspection's reason, a granted exchange's, and the key of an unlabelled counter. */
    private static final String NONE = "none";

    private final MeterSink sink;
    /** Keyed by the reason's label, {@link #NONE} when active. */
    private final RealmCounters<String> introspections;
    private final RealmCounters<String> exchanges;
    private final RealmCounters<String> created;
    private final RealmCounters<RevocationCause> revoked;
    private final RealmCounters<String> scopeRequests;
    private final RealmCounters<Signal> signals;
    private final RealmCounters<String> revokeReports;
    private final RealmCounters<String> reminders;
    private final RealmCounters<Refusal> refusals;

    private record Signal(String event, String result) {
    }

    private record Refusal(String api, int status, String kind) {
    }

    PatMetrics(MeterSink sink) {
        this.sink = sink;
        introspections = new RealmCounters<>(sink, INTROSPECTIONS, "PAT introspections by result",
                reason -> new String[]{"result", reason.equals(NONE) ? "active" : "inactive", "reason", reason});
        exchanges = new RealmCounters<>(sink, EXCHANGES, "Token exchanges of PATs by result",
                reason -> new String[]{"result", reason.equals(NONE) ? "granted" : "refused", "reason", reason});
        created = new RealmCounters<>(sink, TOKENS_CREATED, "PATs created", kind -> new String[]{"kind", kind});
        revoked = new RealmCounters<>(sink, TOKENS_REVOKED, "PATs revoked by cause",
                cause -> new String[]{"cause", cause.label()});
        scopeRequests = new RealmCounters<>(sink, SCOPE_REQUESTS, "Scope requests of PATs by outcome",
                outcome -> new String[]{"outcome", outcome});
        signals = new RealmCounters<>(sink, SIGNALS, "Shared Signals SETs handed to the SSF transmitter",
                signal -> new String[]{"event", signal.event(), "result", signal.result()});
        revokeReports = new RealmCounters<>(sink, REVOKE_REPORTS, "Revoke-by-value reports received",
                result -> new String[]{"result", result});
        reminders = new RealmCounters<>(sink, REMINDERS_SENT, "Expiry reminder mails sent", none -> new String[0]);
        refusals = new RealmCounters<>(sink, REFUSALS, "Error answers of the PAT REST APIs by kind",
                refusal -> new String[]{"api", refusal.api(), "status", Integer.toString(refusal.status()),
                        "kind", refusal.kind()});
    }

    private static PatMetrics create() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, PatMetrics.class.getClassLoader());
            return new PatMetrics(MicrometerSink.global());
        } catch (ClassNotFoundException | LinkageError missing) {
            LOG.warn("This Keycloak has no Micrometer: personal access tokens work, without their metrics");
            return new PatMetrics(MeterSink.NONE);
        }
    }

    /** The server's meters. */
    public static PatMetrics get() {
        return GLOBAL;
    }

    /** An introspection of a PAT: {@code result} active or inactive, and why not. */
    public void introspected(RealmModel realm, InactiveReason reason) {
        introspections.add(realmName(realm), reason == null ? NONE : reason.label(), 1);
    }

    /** A token exchange with a PAT as the subject token. */
    public void exchanged(RealmModel realm, boolean granted, String reason) {
        exchanges.add(realmName(realm), granted ? NONE : reason == null ? "unknown" : reason, 1);
    }

    /** A token issued, when the request's transaction commits. */
    public void created(KeycloakSession session, RealmModel realm, boolean bot) {
        String realmName = realmName(realm);
        afterCommit(session, () -> created.add(realmName, bot ? "bot" : "user", 1));
    }

    /** Tokens revoked, when the request's transaction commits. */
    public void revoked(KeycloakSession session, RealmModel realm, RevocationCause cause, int count) {
        if (count <= 0) {
            return;
        }
        String realmName = realmName(realm);
        afterCommit(session, () -> revoked.add(realmName, cause, count));
    }

    /**
     * A scope request and its end, when the request's transaction commits: {@code outcome} {@code requested},
     * {@code approved}, {@code denied} or {@code lapsed}.
     */
    public void scopeRequest(KeycloakSession session, RealmModel realm, String outcome) {
        String realmName = realmName(realm);
        afterCommit(session, () -> scopeRequests.add(realmName, outcome, 1));
    }

    /**
     * A Shared Signals SET handed to Keycloak's transmitter for one receiver, counted as it is handed over: that happens
     * in the commit of the change's transaction (its prepare phase), where nothing more can be enlisted to run after it:
     * {@code event} the event type's last path segment ({@code credential-change}, {@code credential-compromise}),
     * {@code result} {@code dispatched} or why the transmitter dropped it ({@code dropped_filtered}, …).
     */
    public void signal(RealmModel realm, String eventType, String result) {
        signals.add(realmName(realm), new Signal(eventType.substring(eventType.lastIndexOf('/') + 1), result), 1);
    }

    /** A revoke-by-value report: {@code accepted} (whatever the values were), {@code rejected} or {@code rate_limited}. */
    public void revokeReport(RealmModel realm, String result) {
        revokeReports.add(realmName(realm), result, 1);
    }

    /** Expiry reminders mailed (one per owner and threshold). */
    public void remindersSent(RealmModel realm, int count) {
        if (count > 0) {
            reminders.add(realmName(realm), NONE, count);
        }
    }

    /**
     * An error answer of the REST APIs.
     *
     * @param api {@code account} (the self-service API, {@code /self} and revoke by value) or {@code admin}
     * @param error the answer's OAuth-style error code: a constant of the code, never the client's words
     */
    public void refused(RealmModel realm, String api, int status, String error) {
        refusals.add(realmName(realm), new Refusal(api, status, error), 1);
    }

    /**
     * The node's token cache: {@code kcpat.cache.size}, {@code kcpat.cache.gets} by {@code result} (hit, miss) and
     * {@code kcpat.cache.evictions}, read from the cache when scraped (no label: one cache per node).
     */
    public void watch(PatCache cache) {
        sink.watch(cache);
    }

    /** A realm removed: its series go with it. */
    public void forgetRealm(String realmName) {
        for (RealmCounters<?> counters : List.of(introspections, exchanges, created, revoked, scopeRequests, signals,
                revokeReports, reminders, refusals)) {
            counters.forget(realmName);
        }
        sink.forgetRealm(realmName);
    }

    private static String realmName(RealmModel realm) {
        return realm == null ? "" : realm.getName();
    }

    /** Runs {@code count} when the session's transaction commits; at once when there is none. */
    private static void afterCommit(KeycloakSession session, Runnable count) {
        if (session == null || !session.getTransactionManager().isActive()) {
            count.run();
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                count.run();
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
