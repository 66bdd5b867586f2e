package io.github.kcpat.admin;

import java.util.Map;

import io.github.kcpat.compat.LineStatus;
import io.github.kcpat.http.UnavailableResource;
import io.github.kcpat.setup.AccountThemeCheck;
import io.github.kcpat.setup.SetupHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The admin API while PATs are off: a JSON 404 for everything but the setup check, which says why and what to do, and
 * the Keycloak line's status, which tells the console that PATs are off so that it offers none of the refused actions.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminUnavailableResource extends UnavailableResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissions permissions;

    AdminUnavailableResource(KeycloakSession session, RealmModel realm, AdminPermissions permissions) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
    }

    @GET
    @Path("setup")
    public Map<String, Object> setupHealth() {
        permissions.requireMayViewSetup();
        return Map.of("findings", SetupHealth.check(realm, false, AccountThemeCheck.hasTab(session, realm)));
    }

    @GET
    @Path(AdminTokensResource.KEYCLOAK_LINE)
    public LineStatus keycloakLine() {
        permissions.requireMayViewAnyTab();
        return LineStatus.current();
    }
}
