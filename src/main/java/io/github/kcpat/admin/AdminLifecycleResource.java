package io.github.kcpat.admin;

import java.util.Map;

import io.github.kcpat.lifecycle.PatLifecycle;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code POST …/personal-access-tokens/lifecycle}: runs the daily expiry reminders and unused-token revocation for this
 * realm now ({@code manage-realm}, checked by the locator).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminLifecycleResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    AdminLifecycleResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @POST
    public Map<String, Integer> run() {
        PatLifecycle.Outcome outcome = new PatLifecycle(session, realm).run();
        return Map.of("remindersSent", outcome.remindersSent(), "revoked", outcome.revoked(),
                "orphansRemoved", outcome.orphansRemoved(), "scopeRequestsLapsed", outcome.scopeRequestsLapsed(),
                "approversMailed", outcome.approversMailed());
    }
}
