package io.github.kcpat.admin;

import io.github.kcpat.compat.PlainProviderFactory;
import io.github.kcpat.access.DerivedTokens;
import io.github.kcpat.compat.PatGate;
import io.github.kcpat.http.ApiPath;
import io.github.kcpat.http.PatApiException;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Serves the admin API at {@code /admin/realms/{realm}/personal-access-tokens}, behind Keycloak's admin authentication. */
public final class AdminApiProviderFactory implements AdminRealmResourceProviderFactory,
        AdminRealmResourceProvider, PlainProviderFactory<AdminRealmResourceProvider> {

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        if (!PatGate.on()) {
            return new AdminUnavailableResource(session, realm, new AdminPermissions(realm, auth)); // its setup check tells why
        }
        if (auth.adminAuth() != null && DerivedTokens.isDerived(auth.adminAuth().getToken())) {
            // Keycloak's admin authentication already refuses these (their type is not Bearer); this is the second lock
            throw PatApiException.forbidden("A token exchanged from a personal access token cannot manage Keycloak");
        }
        return new AdminTokensResource(session, realm, new AdminPermissions(realm, auth), adminEvent);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ApiPath.SEGMENT;
    }
}
