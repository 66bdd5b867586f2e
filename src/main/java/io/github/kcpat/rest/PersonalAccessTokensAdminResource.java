package io.github.kcpat.rest;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.lifecycle.PatLifecycle;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.PersonalAccessTokenProviderFactory;
import io.github.kcpat.setup.AccountThemeCheck;
import io.github.kcpat.setup.Finding;
import io.github.kcpat.setup.PatSetup;
import io.github.kcpat.setup.SetupHealth;
import io.github.kcpat.model.TokenQuery;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.policy.PolicyAttributes;
import io.github.kcpat.policy.PolicyRepresentation;
import io.github.kcpat.policy.PolicyWarnings;
import io.github.kcpat.scope.PatClient;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The admin API at {@code /admin/realms/{realm}/personal-access-tokens}. Reading needs {@code view-users}, revoking
 * and bot tokens {@code manage-users}, the policy {@code view-realm}/{@code manage-realm}, always through Keycloak's
 * admin permission evaluator (so fine-grained admin permissions on users are respected). Every change is an admin
 * event, and for the token's owner a user event.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class PersonalAccessTokensAdminResource {

    static final String RESOURCE_TYPE = "PERSONAL_ACCESS_TOKEN";
    static final int DEFAULT_MAX = 100;
    static final int LARGEST_MAX = 1000;
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    PersonalAccessTokensAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
    }

    /** The realm's tokens with their owners, newest first, filtered and paged. */
    @GET
    public List<AdminTokenRepresentation> list(@QueryParam("userId") String userId,
                                               @QueryParam("expiresBefore") String expiresBefore,
                                               @QueryParam("unusedSince") String unusedSince,
                                               @QueryParam("first") String first,
                                               @QueryParam("max") String max) {
        boolean viewAll = auth.users().canView();
        if (!viewAll && !auth.users().canQuery()) {
            throw forbidden("view-users is required to see personal access tokens");
        }
        int from = number("first", first, 0, 0, Integer.MAX_VALUE);
        int size = number("max", max, DEFAULT_MAX, 1, LARGEST_MAX);
        Long before = time("expiresBefore", expiresBefore);
        Long since = time("unusedSince", unusedSince);
        if (viewAll) {
            return tokens().search(realm, new TokenQuery(userId, before, since, from, size))
                    .map(this::view).toList();
        }
        // fine-grained permissions: only the tokens of users this admin may view, paged after that filter
        Map<String, Boolean> visible = new LinkedHashMap<>();
        Predicate<PersonalAccessToken> mayView = pat -> visible.computeIfAbsent(pat.userId(), id -> {
            UserModel owner = session.users().getUserById(realm, id);
            return owner != null && auth.users().canView(owner);
        });
        return tokens().search(realm, new TokenQuery(userId, before, since, 0, Integer.MAX_VALUE))
                .filter(mayView).skip(from).limit(size).map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public AdminTokenRepresentation get(@PathParam("id") String id) {
        requireMayView();
        return view(visibleToken(id));
    }

    /** Revokes one token; it stops working at once. */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        requireMayManage();
        return StoreUnavailable.guard(() -> {
            PersonalAccessToken token = visibleToken(id);
            UserModel owner = manageableOwner(token);
            AdminTokenRepresentation before = view(token);
            new TokenIssuer(session).delete(token, owner, actor(), PatAuditEvents.Action.REVOKED);
            adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                    .representation(before.withoutSecret()).success();
            return Response.noContent().build();
        });
    }

    /**
     * A new secret for a bot token, shown to the admin once; the old one stops working at once. A person's token is
     * refused: admins revoke, people regenerate.
     */
    @POST
    @Path("{id}/regenerate")
    public Response regenerate(@PathParam("id") String id) {
        requireMayManage();
        return StoreUnavailable.guard(() -> {
            PersonalAccessToken token = visibleToken(id);
            UserModel owner = manageableOwner(token);
            BotTokenRule.require(auth, BotTokenRule.botClientOf(realm, owner), owner);
            IssuedToken issued = new TokenIssuer(session).regenerate(token, owner, actor());
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
        requireMayManage();
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null || !auth.users().canView(user)) {
            throw new PatApiException(Response.Status.NOT_FOUND, "not_found", "No such user");
        }
        if (!auth.users().canManage(user)) {
            throw forbidden("manage-users is required to revoke personal access tokens");
        }
        int revoked = StoreUnavailable.guard(() -> revokeEach(tokens().list(realm, user), user));
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .detail("revoked", Integer.toString(revoked)).success();
        return Map.of("revoked", revoked);
    }

    /** Revokes every token of the realm; {@code ?all=true} says it is meant. */
    @DELETE
    public Map<String, Integer> revokeAll(@QueryParam("all") String all) {
        if (!auth.users().canManage()) {
            throw forbidden("manage-users is required to revoke personal access tokens");
        }
        if (!"true".equals(all)) {
            throw PatApiException.invalidRequest("Add ?all=true to revoke every personal access token of the realm");
        }
        int revoked = StoreUnavailable.guard(this::revokeEveryToken);
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .detail("revoked", Integer.toString(revoked)).success();
        return Map.of("revoked", revoked);
    }

    /**
     * A token for a client's service account: a bot token that acts for the integration, not for a person. The secret
     * is in this answer only.
     */
    @POST
    @Path("service-accounts/{clientId}")
    public Response createBotToken(@PathParam("clientId") String clientId, InputStream body) {
        requireMayManage();
        if (!auth.clients().canManage() && !(realm.isAdminPermissionsEnabled() && auth.clients().canList())) {
            throw forbidden("manage-clients is required to create tokens for a service account");
        }
        ClientModel client = realm.getClientByClientId(clientId);
        UserModel bot = client == null || !client.isServiceAccountsEnabled() ? null : session.users().getServiceAccount(client);
        if (bot == null) {
            throw new PatApiException(Response.Status.NOT_FOUND, "not_found",
                    "No client with a service account has this client id");
        }
        BotTokenRule.require(auth, client, bot);
        PatClient patClient = PatClient.of(realm);
        if (patClient == null) {
            throw new PatApiException(Response.Status.NOT_FOUND, "not_enabled",
                    "Personal access tokens are not enabled in this realm (it has no enabled '" + PatClient.CLIENT_ID + "' client)");
        }
        CreateTokenRequest request = PersonalAccessTokensResource.parse(session, body);
        IssuedToken issued = StoreUnavailable.guard(() -> new TokenIssuer(session).issue(patClient, bot, request, actor()));
        AdminTokenRepresentation answer = AdminTokenRepresentation.of(issued.token(), realm, bot, issued.secret());
        adminEvent.operation(OperationType.CREATE)
                .resourcePath(session.getContext().getUri(), issued.token().id())
                .representation(answer.withoutSecret()).success();
        return NoStore.of(Response.created(UriBuilder.fromUri(session.getContext().getUri().getBaseUri())
                        .path("admin").path("realms").path(realm.getName()).path(PersonalAccessTokensResourceProviderFactory.ID)
                        .path(issued.token().id()).build())
                .entity(answer));
    }

    @GET
    @Path("policy")
    public PolicyRepresentation policy() {
        if (!auth.realm().canViewRealm()) {
            throw forbidden("view-realm is required to see the personal access token policy");
        }
        PolicyAttributes.Reading reading = PolicyAttributes.read(realm);
        return PolicyRepresentation.of(reading.policy(), PolicyWarnings.of(realm, reading));
    }

    /** Changes the policy; absent fields keep their value. Tokens that break a tightened policy stop working. */
    @PUT
    @Path("policy")
    public PolicyRepresentation updatePolicy(InputStream input) {
        if (!auth.realm().canManageRealm()) {
            throw forbidden("manage-realm is required to change the personal access token policy");
        }
        String body = RequestBody.readJson(session, input);
        PolicyRepresentation change;
        try {
            change = STRICT.readValue(body == null || body.isBlank() ? "{}" : body, PolicyRepresentation.class);
        } catch (Exception e) {
            throw PatApiException.invalidRequest("The body must be a JSON object with expiryRequired, maxLifetimeDays, "
                    + "defaultLifetimeDays, maxTokensPerUser, unusedRevokeDays, creationClients, maxAuthAgeSeconds and "
                    + "expiryRemindersEnabled");
        }
        PatPolicy updated = change.applyTo(PatPolicy.of(realm));
        List<String> problems = updated.problems();
        if (!problems.isEmpty()) {
            throw PatApiException.invalidRequest(String.join("; ", problems));
        }
        updated.store(realm);
        PolicyRepresentation answer = PolicyRepresentation.of(updated, PolicyWarnings.of(realm, PolicyAttributes.read(realm)));
        adminEvent.resource(RESOURCE_TYPE + "_POLICY").operation(OperationType.UPDATE)
                .resourcePath(session.getContext().getUri()).representation(answer).success();
        return answer;
    }

    /** What is missing or risky in this realm's PAT setup, each with its code, a sentence and the fix. */
    @GET
    @Path("setup")
    public Map<String, Object> setupHealth() {
        if (!auth.realm().canViewRealm()) {
            throw forbidden("view-realm is required to see the personal access token setup");
        }
        return Map.of("findings", findings());
    }

    /**
     * Turns PATs on in this realm, safe by default: creates or repairs the {@code personal-access-tokens} client;
     * {@code {"accountTheme": true}} also sets the realm's account theme. Answers every change made, and what is left.
     */
    @POST
    @Path("setup")
    public Map<String, Object> setup(InputStream input) {
        if (!auth.realm().canManageRealm() || !auth.clients().canManage()) {
            throw forbidden("manage-realm and manage-clients are required to set up personal access tokens");
        }
        String body = session.getContext().getRequestHeaders().getMediaType() == null ? null
                : RequestBody.readJson(session, input);
        SetupRequest request;
        try {
            request = STRICT.readValue(body == null || body.isBlank() ? "{}" : body, SetupRequest.class);
        } catch (Exception e) {
            throw PatApiException.invalidRequest("The body, if any, must be a JSON object such as {\"accountTheme\": true}");
        }
        List<String> changes = PatSetup.apply(realm, Boolean.TRUE.equals(request.accountTheme()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("changes", changes);
        answer.put("findings", findings());
        adminEvent.resource(RESOURCE_TYPE + "_SETUP").operation(OperationType.ACTION)
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

    /** Runs the daily expiry reminders and unused-token revocation for this realm now. */
    @POST
    @Path("lifecycle")
    public Map<String, Integer> runLifecycle() {
        if (!auth.realm().canManageRealm()) {
            throw forbidden("manage-realm is required to run the personal access token lifecycle");
        }
        PatLifecycle.Outcome outcome = new PatLifecycle(session, realm).run();
        return Map.of("remindersSent", outcome.remindersSent(), "revoked", outcome.revoked(),
                "orphansRemoved", outcome.orphansRemoved());
    }

    /** Counts only what this request deleted: a token another request deleted meanwhile is skipped, not an error. */
    private int revokeEach(Stream<PersonalAccessToken> tokens, UserModel owner) {
        TokenIssuer issuer = new TokenIssuer(session);
        return (int) tokens.toList().stream()
                .filter(token -> issuer.deleteIfPresent(token, owner, actor(), PatAuditEvents.Action.REVOKED))
                .count();
    }

    /**
     * Page by page until no token is left that this request has not tried: where reads see a snapshot (MariaDB's
     * repeatable read), a token another request deleted may still be listed, and must not be tried for ever.
     */
    private int revokeEveryToken() {
        Set<String> tried = new HashSet<>();
        int revoked = 0;
        while (true) {
            List<PersonalAccessToken> page = tokens().search(realm, new TokenQuery(null, null, null, 0, 500 + tried.size()))
                    .filter(token -> !tried.contains(token.id())).toList();
            if (page.isEmpty()) {
                return revoked;
            }
            for (PersonalAccessToken token : page) {
                tried.add(token.id());
                UserModel owner = session.users().getUserById(realm, token.userId());
                if (new TokenIssuer(session).deleteIfPresent(token, owner, actor(), PatAuditEvents.Action.REVOKED)) {
                    revoked++;
                }
            }
        }
    }

    /** Checked before any look-up, so that without rights existing and unknown ids answer the same 403. */
    private void requireMayView() {
        if (!auth.users().canView() && !auth.users().canQuery()) {
            throw forbidden("view-users is required to see personal access tokens");
        }
    }

    /** Checked before any look-up; with fine-grained permissions, the owner's own permission is checked after. */
    private void requireMayManage() {
        if (!auth.users().canManage() && !(realm.isAdminPermissionsEnabled() && auth.users().canQuery())) {
            throw forbidden("manage-users is required to change personal access tokens");
        }
    }

    /** The token, when its owner exists and this admin may see them; otherwise 404, whatever the reason. */
    private PersonalAccessToken visibleToken(String id) {
        PersonalAccessToken token = tokens().getById(realm, id);
        UserModel owner = token == null ? null : session.users().getUserById(realm, token.userId());
        if (owner == null || !auth.users().canView(owner)) {
            throw PatApiException.notFound();
        }
        return token;
    }

    private UserModel manageableOwner(PersonalAccessToken token) {
        UserModel owner = session.users().getUserById(realm, token.userId());
        if (owner == null || !auth.users().canManage(owner)) {
            throw forbidden("manage-users is required to change personal access tokens");
        }
        return owner;
    }

    private AdminTokenRepresentation view(PersonalAccessToken token) {
        return AdminTokenRepresentation.of(token, realm, session.users().getUserById(realm, token.userId()), null);
    }

    private UserModel actor() {
        return auth.adminAuth().getUser();
    }

    private PersonalAccessTokenProvider tokens() {
        return session.getProvider(PersonalAccessTokenProvider.class);
    }

    private static PatApiException forbidden(String description) {
        return new PatApiException(Response.Status.FORBIDDEN, "access_denied", description);
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw PatApiException.invalidRequest(name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw PatApiException.invalidRequest(name + " must be a whole number");
        }
    }

    private static Long time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw PatApiException.invalidRequest(name + " must be Unix seconds");
        }
    }
}
