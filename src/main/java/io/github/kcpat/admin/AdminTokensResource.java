package io.github.kcpat.admin;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.kcpat.access.BotTokenRule;
import io.github.kcpat.access.Refusal;
import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.compat.LineStatus;
import io.github.kcpat.http.ApiCall;
import io.github.kcpat.http.NoStore;
import io.github.kcpat.http.RequestBody;
import io.github.kcpat.http.PatApiException;
import io.github.kcpat.issuance.SecretReplacementRequest;
import io.github.kcpat.issuance.TokenIssuer;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.TokenQuery;
import io.github.kcpat.policy.PatPolicy;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * The admin API at {@code /admin/realms/{realm}/personal-access-tokens}: the realm's tokens, and through locators its
 * bot tokens ({@link BotTokensResource}), policy ({@link AdminPolicyResource}), setup ({@link AdminSetupResource}) and
 * lifecycle ({@link AdminLifecycleResource}). Each method and locator checks its permission first
 * ({@link AdminPermissions}). Every change is an admin event, and for the token's owner a user event.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminTokensResource {

    static final String RESOURCE_TYPE = "PERSONAL_ACCESS_TOKEN";
    /** The path of the Keycloak line's status, served while PATs are on and while they are off. */
    static final String KEYCLOAK_LINE = "keycloak-line";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissions permissions;
    private final AdminEventBuilder adminEvent;

    AdminTokensResource(KeycloakSession session, RealmModel realm, AdminPermissions permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
    }

    /** The realm's tokens with their owners, newest first, filtered and paged. */
    @GET
    public List<AdminTokenRepresentation> list(@QueryParam("userId") String userId,
                                               @QueryParam("expiresBefore") String expiresBefore,
                                               @QueryParam("unusedSince") String unusedSince,
                                               @QueryParam("first") String first,
                                               @QueryParam("max") String max) {
        permissions.requireMayViewTokens();
        TokenQuery query = AdminQuery.parse(userId, expiresBefore, unusedSince, first, max);
        if (permissions.mayViewEveryone()) {
            return tokens().search(realm, query).map(this::view).toList();
        }
        // fine-grained permissions: only the tokens of users this admin may view, paged after that filter
        Map<String, Boolean> visible = new LinkedHashMap<>();
        Predicate<PersonalAccessToken> mayView = pat -> visible.computeIfAbsent(pat.userId(),
                id -> permissions.mayView(session.users().getUserById(realm, id)));
        TokenQuery all = new TokenQuery(query.userId(), query.expiresBefore(), query.unusedSince(), 0, Integer.MAX_VALUE);
        return tokens().search(realm, all).filter(mayView).skip(query.first()).limit(query.max()).map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public AdminTokenRepresentation get(@PathParam("id") String id) {
        permissions.requireMayViewTokens();
        return ApiCall.run(session, () -> view(visibleToken(id)));
    }

    /** Revokes one token; it stops working at once. */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        permissions.requireMayManageTokens();
        return ApiCall.run(session, () -> {
            PersonalAccessToken token = visibleToken(id);
            UserModel owner = manageableOwner(token);
            AdminTokenRepresentation before = view(token);
            issuer().delete(token, owner, permissions.actor(), PatAuditEvents.Action.REVOKED);
            adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                    .representation(before.withoutSecret()).success();
            return Response.noContent().build();
        });
    }

    /**
     * A new secret for a bot token, shown to the admin once; the old one stops working at once, or after the overlap
     * the optional body asks for ({@code {"overlapSeconds": n}}). A person's token is refused: admins revoke, people
     * regenerate.
     */
    @POST
    @Path("{id}/regenerate")
    public Response regenerate(@PathParam("id") String id, InputStream body) {
        permissions.requireMayManageTokens();
        return ApiCall.run(session, () -> {
            PersonalAccessToken token = visibleToken(id);
            UserModel owner = manageableOwner(token);
            BotTokenRule.require(permissions.evaluator(), BotTokenRule.botClientOf(realm, owner), owner);
            SecretReplacementRequest request = SecretReplacementRequest.parse(RequestBody.readOptionalJson(session, body));
            IssuedToken issued = issuer().regenerate(token, owner, permissions.actor(), request);
            AdminTokenRepresentation answer = AdminTokenRepresentation.of(issued.token(), realm, owner, issued.secret());
            adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                    .representation(answer.withoutSecret()).success();
            return NoStore.of(Response.ok(answer));
        });
    }

    /** Revokes every token of one user. */
    @DELETE
    @Path("users/{userId}")
    public Map<String, Integer> revokeAllOfUser(@PathParam("userId") String userId) {
        permissions.requireMayManageTokens();
        UserModel user = session.users().getUserById(realm, userId);
        if (!permissions.mayView(user)) {
            throw PatApiException.of(Refusal.notFound("not_found", "No such user"), realm.getName());
        }
        permissions.requireMayRevokeTokensOf(user);
        int revoked = ApiCall.run(session, () -> revocations().ofUser(user));
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .detail("revoked", Integer.toString(revoked)).success();
        return Map.of("revoked", revoked);
    }

    /** Revokes every token of the realm; {@code ?all=true} says it is meant. */
    @DELETE
    public Map<String, Integer> revokeAll(@QueryParam("all") String all) {
        permissions.requireMayManageEveryone();
        if (!"true".equals(all)) {
            throw PatApiException.invalidRequest("Add ?all=true to revoke every personal access token of the realm");
        }
        int revoked = ApiCall.run(session, () -> revocations().ofRealm());
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .detail("revoked", Integer.toString(revoked)).success();
        return Map.of("revoked", revoked);
    }

    /** Tokens for a client's service account: {@link BotTokensResource}. */
    @Path("service-accounts/{clientId}")
    public BotTokensResource botTokens(@PathParam("clientId") String clientId) {
        permissions.requireMayMintBotTokens();
        return new BotTokensResource(session, realm, permissions, adminEvent, clientId);
    }

    /** The Keycloak line this server runs on, for the console's warning on an untested one. */
    @GET
    @Path(KEYCLOAK_LINE)
    public LineStatus keycloakLine() {
        permissions.requireMayViewAnyTab();
        return LineStatus.current();
    }

    /** The realm's policy: {@link AdminPolicyResource}. */
    /**
     * The scope requests: no admin role is needed to reach them (an approver group's members may have none); each
     * method asks which scopes the caller approves.
     */
    @Path("requests")
    public AdminScopeRequestsResource requests() {
        return new AdminScopeRequestsResource(session, realm, permissions, adminEvent);
    }

    @Path("policy")
    public AdminPolicyResource policy() {
        permissions.requireMayViewPolicy();
        return new AdminPolicyResource(session, realm, permissions, adminEvent);
    }

    /** The realm's setup health and one-step setup: {@link AdminSetupResource}. */
    @Path("setup")
    public AdminSetupResource setup() {
        permissions.requireMayViewSetup();
        return new AdminSetupResource(session, realm, permissions, adminEvent);
    }

    /** Runs the lifecycle now: {@link AdminLifecycleResource}. */
    @Path("lifecycle")
    public AdminLifecycleResource lifecycle() {
        permissions.requireMayRunLifecycle();
        return new AdminLifecycleResource(session, realm);
    }

    /** The token, when its owner exists and this admin may see them; otherwise 404, whatever the reason. */
    private PersonalAccessToken visibleToken(String id) {
        PersonalAccessToken token = tokens().getById(realm, id);
        UserModel owner = token == null ? null : session.users().getUserById(realm, token.userId());
        if (!permissions.mayView(owner)) {
            throw Refusal.noSuchToken();
        }
        return token;
    }

    private UserModel manageableOwner(PersonalAccessToken token) {
        UserModel owner = session.users().getUserById(realm, token.userId());
        permissions.requireMayManage(owner);
        return owner;
    }

    private AdminTokenRepresentation view(PersonalAccessToken token) {
        return AdminTokenRepresentation.of(token, realm, session.users().getUserById(realm, token.userId()), null);
    }

    private TokenIssuer issuer() {
        return new TokenIssuer(session, PatPolicy.of(realm));
    }

    private AdminRevocations revocations() {
        return new AdminRevocations(session, realm, issuer(), permissions.actor());
    }

    private PersonalAccessTokenProvider tokens() {
        return session.getProvider(PersonalAccessTokenProvider.class);
    }
}
