package io.github.kcpat.admin;

import java.io.InputStream;

import io.github.kcpat.access.BotTokenRule;
import io.github.kcpat.access.Refusal;
import io.github.kcpat.http.ApiCall;
import io.github.kcpat.http.ApiPath;
import io.github.kcpat.http.NoStore;
import io.github.kcpat.http.RequestBody;
import io.github.kcpat.issuance.CreateTokenRequest;
import io.github.kcpat.issuance.TokenIssuer;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.scope.PatClient;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code …/personal-access-tokens/service-accounts/{clientId}}: a token for a client's service account, a bot token
 * that acts for the integration, not for a person. Reached only after {@link AdminPermissions#requireMayMintBotTokens};
 * who may hold its secret is {@link BotTokenRule}'s to say.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class BotTokensResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissions permissions;
    private final AdminEventBuilder adminEvent;
    private final String clientId;

    BotTokensResource(KeycloakSession session, RealmModel realm, AdminPermissions permissions, AdminEventBuilder adminEvent,
                      String clientId) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
        this.clientId = clientId;
    }

    /** Creates the bot token; the secret is in this answer only. */
    @POST
    public Response create(InputStream body) {
        return ApiCall.run(session, () -> {
            ClientModel client = realm.getClientByClientId(clientId);
            UserModel bot = client == null || !client.isServiceAccountsEnabled() ? null
                    : session.users().getServiceAccount(client);
            if (bot == null) {
                throw Refusal.notFound("not_found", "No client with a service account has this client id");
            }
            BotTokenRule.require(permissions.evaluator(), client, bot);
            PatClient patClient = PatClient.of(realm);
            if (patClient == null) {
                throw Refusal.notFound("not_enabled", "Personal access tokens are not enabled in this realm (it has no"
                        + " enabled '" + PatClient.CLIENT_ID + "' client)");
            }
            CreateTokenRequest request = CreateTokenRequest.parse(RequestBody.readJson(session, body), Time.currentTime());
            IssuedToken issued = new TokenIssuer(session, PatPolicy.of(realm)).issue(patClient, bot, request,
                    permissions.actor());
            AdminTokenRepresentation answer = AdminTokenRepresentation.of(issued.token(), realm, bot, issued.secret());
            adminEvent.operation(OperationType.CREATE)
                    .resourcePath(session.getContext().getUri(), issued.token().id())
                    .representation(answer.withoutSecret()).success();
            return NoStore.of(Response.created(UriBuilder.fromUri(session.getContext().getUri().getBaseUri())
                            .path("admin").path("realms").path(realm.getName()).path(ApiPath.SEGMENT)
                            .path(issued.token().id()).build())
                    .entity(answer));
        });
    }
}
