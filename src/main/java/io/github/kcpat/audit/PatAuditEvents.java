package io.github.kcpat.audit;

import io.github.kcpat.metrics.PatMetrics;
import io.github.kcpat.metrics.RevocationCause;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.token.PatClaims;
import java.util.Objects;
import java.util.function.Consumer;

import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The life of a token as Keycloak user events of its owner: a PAT is a credential, so creating or regenerating one is
 * an {@code UPDATE_CREDENTIAL} event and deleting or revoking one a {@code REMOVE_CREDENTIAL} event, with the details
 * {@code credential_type=personal-access-token}, {@code pat_id}, {@code pat_name} and {@code pat_action}. A scope asked
 * for, approved, denied or lapsed is an {@code UPDATE_CREDENTIAL} event with {@code pat_scope} as well, and the approver
 * as {@code acted_by}. Never the secret.
 */
public final class PatAuditEvents {

    public static final String CREDENTIAL_TYPE = "personal-access-token";

    public enum Action {
        CREATED, REGENERATED, ROTATED, DELETED, REVOKED, REVOKED_UNUSED, REVOKED_EXPOSED, REVOKED_REUSED,
        /** The secret the token replaced last (still in its overlap) was reported exposed and ended; the token lives. */
        PREVIOUS_SECRET_REVOKED_EXPOSED,
        /** A secret its owner or an admin had replaced was presented after its end, and refused; the token lives. */
        REPLACED_SECRET_USED,
        /** A scope the realm has approved before it counts was asked for: it waits for an approver. */
        SCOPE_REQUESTED,
        /** An approver approved a scope: it is in the token's claims from now on. */
        SCOPE_APPROVED,
        /** An approver denied a scope: it is dropped from the token. */
        SCOPE_DENIED,
        /** Nobody decided on a scope in time: it is dropped from the token as if denied. */
        SCOPE_LAPSED;

        boolean aboutScope() {
            return this == SCOPE_REQUESTED || this == SCOPE_APPROVED || this == SCOPE_DENIED || this == SCOPE_LAPSED;
        }

        String detail() {
            return name().toLowerCase();
        }
    }

    /**
     * The name as an event detail: characters outside the Basic Multilingual Plane (emoji, for instance) become U+FFFD,
     * because Keycloak's own event table cannot hold them on MariaDB and MySQL, and a failed event would fail the request.
     */
    static String storable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> out.appendCodePoint(Character.isSupplementaryCodePoint(cp) ? 0xFFFD : cp));
        return out.toString();
    }

    /** The connection of work that no request started (the daily lifecycle, a revocation after its report). */
    private static final ClientConnection NO_REQUEST = new ClientConnection() {
        @Override
        public String getRemoteAddr() {
            return null;
        }

        @Override
        public String getRemoteHost() {
            return null;
        }

        @Override
        public int getRemotePort() {
            return 0;
        }

        @Override
        public String getLocalAddr() {
            return null;
        }

        @Override
        public int getLocalPort() {
            return 0;
        }
    };

    /** Who hears of each recorded change besides Keycloak's events and the metrics: nobody until a package says so. */
    private static volatile Consumer<RecordedChange> observer = change -> {
    };

    /** Hands every change recorded from now on to {@code next} as well, inside the change's transaction. */
    public static void observe(Consumer<RecordedChange> next) {
        observer = Objects.requireNonNull(next);
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public PatAuditEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param actor the admin who acted on another user's token, or null when the owner acted (or the scheduler)
     */
    public void record(Action action, UserModel owner, PersonalAccessToken token, UserModel actor) {
        record(action, owner, token, actor, null);
    }

    /** @param ipAddress where the action came from, when it is not the current request's address (or there is none) */
    public void record(Action action, UserModel owner, PersonalAccessToken token, UserModel actor, String ipAddress) {
        record(action, owner, token, actor, ipAddress, null);
    }

    /**
     * A scope of the token asked for ({@link Action#SCOPE_REQUESTED}) or decided on, with the scope as {@code pat_scope}.
     *
     * @param approver who decided, or null (the request itself, or a lapse)
     */
    public void recordScope(Action action, UserModel owner, PersonalAccessToken token, UserModel approver, String scope) {
        record(action, owner, token, approver, null, scope);
    }

    private void record(Action action, UserModel owner, PersonalAccessToken token, UserModel actor, String ipAddress,
                        String scope) {
        EventType type = action == Action.CREATED || action == Action.REGENERATED || action == Action.ROTATED
                || action.aboutScope() ? EventType.UPDATE_CREDENTIAL : EventType.REMOVE_CREDENTIAL;
        EventBuilder event = event(type, action, owner, token, ipAddress);
        if (scope != null) {
            event.detail("pat_scope", scope);
        }
        if (actor != null && !actor.getId().equals(owner.getId())) {
            event.detail("acted_by", actor.getId());
        }
        event.success();
        count(action, owner);
        observer.accept(new RecordedChange(session, realm, action, owner, token, actor));
    }

    /**
     * A use of a secret that the owner or an admin had replaced, after its end: refused, and recorded as a
     * {@code REMOVE_CREDENTIAL_ERROR} event of the owner (error {@code replaced_secret_used},
     * {@code pat_action=replaced_secret_used}) with the address it came from.
     */
    public void recordReplacedSecretUse(UserModel owner, PersonalAccessToken token, String ipAddress) {
        event(EventType.REMOVE_CREDENTIAL_ERROR, Action.REPLACED_SECRET_USED, owner, token, ipAddress)
                .error("replaced_secret_used");
    }

    private EventBuilder event(EventType type, Action action, UserModel owner, PersonalAccessToken token, String ipAddress) {
        ClientConnection connection = requestConnection(session);
        EventBuilder event = new EventBuilder(realm, session, connection != null ? connection : NO_REQUEST);
        event.event(type)
                .user(owner)
                .detail("credential_type", CREDENTIAL_TYPE)
                .detail(PatClaims.PAT_ID, token.id())
                .detail("pat_name", storable(token.name()))
                .detail("pat_action", action.detail());
        if (ipAddress != null) {
            event.ipAddress(ipAddress);
        }
        return event;
    }

    /** The same change on the metrics, which count what an operator graphs: issued, and revoked by cause. */
    private void count(Action action, UserModel owner) {
        PatMetrics metrics = PatMetrics.get();
        switch (action) {
            case CREATED -> metrics.created(session, realm, owner.getServiceAccountClientLink() != null);
            case DELETED -> metrics.revoked(session, realm, RevocationCause.USER, 1);
            case REVOKED -> metrics.revoked(session, realm, RevocationCause.ADMIN, 1);
            case REVOKED_UNUSED -> metrics.revoked(session, realm, RevocationCause.UNUSED, 1);
            case REVOKED_EXPOSED -> metrics.revoked(session, realm, RevocationCause.LEAK_REPORT, 1);
            case REVOKED_REUSED -> metrics.revoked(session, realm, RevocationCause.REUSE, 1);
            case SCOPE_REQUESTED -> metrics.scopeRequest(session, realm, "requested");
            case SCOPE_APPROVED -> metrics.scopeRequest(session, realm, "approved");
            case SCOPE_DENIED -> metrics.scopeRequest(session, realm, "denied");
            case SCOPE_LAPSED -> metrics.scopeRequest(session, realm, "lapsed");
            case REGENERATED, ROTATED, PREVIOUS_SECRET_REVOKED_EXPOSED, REPLACED_SECRET_USED -> {
            }
        }
    }

    /**
     * The current request's connection, or null on a thread that serves no request: before 26.7, Keycloak's context
     * then throws (Quarkus' request scope is not active) instead of answering null.
     */
    private static ClientConnection requestConnection(KeycloakSession session) {
        try {
            return session.getContext().getConnection();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }
}
