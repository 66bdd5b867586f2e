package io.github.kcpat.signals;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.metrics.PatMetrics;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.ssf.subject.SubjectId;
import org.keycloak.ssf.transmitter.SsfTransmitter;
import org.keycloak.ssf.transmitter.SsfTransmitterProvider;
import org.keycloak.ssf.transmitter.emit.EmitEventResult;
import org.keycloak.ssf.transmitter.emit.EmitEventStatus;
import org.keycloak.ssf.transmitter.stream.StreamConfig;

/**
 * The one class that calls Keycloak's SSF transmitter ({@code keycloak-ssf-transmitter}, 26.7 and later). It is loaded
 * only after {@link SignalsSchedule} found the transmitter's classes, so the extension runs unchanged where they are
 * missing. For each receiver stream of the realm it emits a CAEP credential-change naming the token
 * ({@code kc_credential_id}, the {@code pat_id} introspection answers) and, for an exposed secret, a RISC
 * credential-compromise; the transmitter signs each SET with the realm's key and filters by what the stream requested.
 */
final class KeycloakTransmitter {

    static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

    private KeycloakTransmitter() {
    }

    /** The {@code ssf} feature is on: Keycloak registered its transmitter. */
    static boolean enabled(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactory(SsfTransmitterProvider.class) != null;
    }

    /** The number of receivers that have a stream in the realm (for the setup health check). */
    static int receivers(KeycloakSession session, RealmModel realm) {
        return inRealm(session, realm, () -> SsfTransmitter.of(session).streamStore().findStreamsForSsfReceiverClients().size());
    }

    static void emit(KeycloakSession session, RealmModel realm, String userId, String tokenId, PatSignal signal) {
        inRealm(session, realm, () -> {
            SsfTransmitterProvider transmitter = SsfTransmitter.of(session);
            for (StreamConfig stream : transmitter.streamStore().findStreamsForSsfReceiverClients()) {
                ClientModel receiver = realm.getClientById(stream.getClientId());
                if (receiver == null) {
                    continue;
                }
                SubjectId subject = transmitter.securityEventTokenMapper().buildSubjectForReceiver(stream, userId);
                handOver(realm, transmitter, receiver, CREDENTIAL_CHANGE, subject, credentialChange(tokenId, signal));
                if (signal.compromised()) {
                    handOver(realm, transmitter, receiver, RiscCredentialCompromise.TYPE, subject,
                            credentialCompromise(tokenId, signal));
                }
            }
            return null;
        });
    }

    private static void handOver(RealmModel realm, SsfTransmitterProvider transmitter,
            ClientModel receiver, String eventType, SubjectId subject, Map<String, Object> attributes) {
        EmitEventResult result = transmitter.eventEmitterService().emit(receiver, eventType, subject, attributes);
        PatMetrics.get().signal(realm, eventType, result.status() == EmitEventStatus.DISPATCHED
                ? "dispatched" : result.status().name().toLowerCase());
    }

    private static Map<String, Object> credentialChange(String tokenId, PatSignal signal) {
        Map<String, Object> event = common(tokenId, signal);
        event.put("change_type", signal.changeType());
        return event;
    }

    private static Map<String, Object> credentialCompromise(String tokenId, PatSignal signal) {
        Map<String, Object> event = common(tokenId, signal);
        event.put("reason_admin", Map.of("en", "The token's secret was reported exposed and revoked."));
        return event;
    }

    private static Map<String, Object> common(String tokenId, PatSignal signal) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("credential_type", PatAuditEvents.CREDENTIAL_TYPE);
        event.put("initiating_entity", signal.initiatingEntity());
        event.put("event_timestamp", (long) Time.currentTime());
        event.put("kc_credential_id", tokenId);
        event.put("kc_credential_type", PatAuditEvents.CREDENTIAL_TYPE);
        return event;
    }

    /** The transmitter reads the realm from the context; an admin request's context may be another realm's. */
    private static <T> T inRealm(KeycloakSession session, RealmModel realm, java.util.function.Supplier<T> work) {
        KeycloakContext context = session.getContext();
        RealmModel before = context.getRealm();
        context.setRealm(realm);
        try {
            return work.get();
        } finally {
            context.setRealm(before);
        }
    }
}
