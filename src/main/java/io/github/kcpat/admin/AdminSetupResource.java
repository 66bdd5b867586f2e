package io.github.kcpat.admin;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.http.PatApiException;
import io.github.kcpat.http.RequestBody;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.setup.AccountThemeCheck;
import io.github.kcpat.setup.Finding;
import io.github.kcpat.setup.PatSetup;
import io.github.kcpat.setup.SetupHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code …/personal-access-tokens/setup}: what is missing or risky in this realm's PAT setup ({@code view-realm},
 * checked by the locator), and the one-step setup ({@code manage-realm} and {@code manage-clients}).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminSetupResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissions permissions;
    private final AdminEventBuilder adminEvent;

    AdminSetupResource(KeycloakSession session, RealmModel realm, AdminPermissions permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    /** Each finding with its code, a sentence and the fix; the locator's view-realm check is all this needs. */
    @GET
    public Map<String, Object> health() {
        return Map.of("findings", findings());
    }

    /**
     * Turns PATs on in this realm, safe by default: creates or repairs the {@code personal-access-tokens} client;
     * {@code {"accountTheme": true}} also sets the realm's account theme. Answers every change made, and what is left.
     */
    @POST
    public Map<String, Object> apply(InputStream input) {
        permissions.requireMaySetUp();
        String body = session.getContext().getRequestHeaders().getMediaType() == null ? null
                : RequestBody.readJson(session, input);
        SetupRequest request;
        try {
            request = AdminPolicyResource.STRICT.readValue(body == null || body.isBlank() ? "{}" : body, SetupRequest.class);
        } catch (Exception e) {
            throw PatApiException.invalidRequest("The body, if any, must be a JSON object such as {\"accountTheme\": true}");
        }
        List<String> changes = PatSetup.apply(realm, Boolean.TRUE.equals(request.accountTheme()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("changes", changes);
        answer.put("findings", findings());
        adminEvent.resource(AdminTokensResource.RESOURCE_TYPE + "_SETUP").operation(OperationType.ACTION)
                .resourcePath(session.getContext().getUri()).representation(answer).success();
        return answer;
    }

    record SetupRequest(Boolean accountTheme) {
    }

    private List<Finding> findings() {
        PersonalAccessTokenProviderFactory factory = (PersonalAccessTokenProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(PersonalAccessTokenProvider.class);
        return SetupHealth.check(realm, factory != null && factory.lifecycleScheduled(),
                AccountThemeCheck.hasTab(session, realm));
    }
}
