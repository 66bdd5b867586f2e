package io.github.kcpat.admin;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.approval.ApprovalScopesCheck;
import io.github.kcpat.approval.ScopeApprovals;
import io.github.kcpat.http.PatApiException;
import io.github.kcpat.http.RequestBody;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.policy.PolicyAttributes;
import io.github.kcpat.policy.PolicyRepresentation;
import io.github.kcpat.policy.PolicyWarnings;
import io.github.kcpat.signals.PolicyCuts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code …/personal-access-tokens/policy}: the realm's PAT policy, read with {@code view-realm} (checked by the
 * locator) and changed with {@code manage-realm}.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminPolicyResource {

    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissions permissions;
    private final AdminEventBuilder adminEvent;

    AdminPolicyResource(KeycloakSession session, RealmModel realm, AdminPermissions permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    /** The policy as it is read; the locator's view-realm check is all this needs. */
    @GET
    public PolicyRepresentation get() {
        PolicyAttributes.Reading reading = PolicyAttributes.read(realm);
        return PolicyRepresentation.of(reading.policy(), PolicyWarnings.of(realm, reading));
    }

    /**
     * Changes the policy; absent fields keep their value. Tokens that break a tightened policy stop working; a scope
     * that newly needs approval leaves the claims of the tokens holding it, each with a pending request.
     */
    @PUT
    public PolicyRepresentation update(InputStream input) {
        permissions.requireMayChangePolicy();
        String body = RequestBody.readJson(session, input);
        PolicyRepresentation change;
        try {
            change = STRICT.readValue(body == null || body.isBlank() ? "{}" : body, PolicyRepresentation.class);
        } catch (Exception e) {
            throw PatApiException.invalidRequest("The body must be a JSON object with expiryRequired, maxLifetimeDays, "
                    + "defaultLifetimeDays, maxTokensPerUser, unusedRevokeDays, creationClients, maxAuthAgeSeconds, "
                    + "expiryRemindersEnabled, maxRotationOverlapSeconds, approvalScopes (an array of {\"scope\", "
                    + "\"approverGroup\"}) and approvalLapseDays");
        }
        PatPolicy before = PatPolicy.of(realm);
        PatPolicy updated = change.applyTo(before);
        List<String> problems = new ArrayList<>(updated.problems());
        if (problems.isEmpty()) {
            problems.addAll(ApprovalScopesCheck.problems(session, realm, updated));
        }
        if (!problems.isEmpty()) {
            throw PatApiException.invalidRequest(String.join("; ", problems));
        }
        updated.store(realm);
        PolicyCuts.changed(session, realm, before, updated);
        // a scope that needs approval now leaves the claims of the live tokens holding it until approved
        new ScopeApprovals(session, realm).onPolicyChange(before, updated);
        PolicyRepresentation answer = PolicyRepresentation.of(updated, PolicyWarnings.of(realm, PolicyAttributes.read(realm)));
        adminEvent.resource(AdminTokensResource.RESOURCE_TYPE + "_POLICY").operation(OperationType.UPDATE)
                .resourcePath(session.getContext().getUri()).representation(answer).success();
        return answer;
    }
}
