package io.github.kcpat.admin;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.access.Refusal;
import io.github.kcpat.approval.Approver;
import io.github.kcpat.approval.ScopeDecisions;
import io.github.kcpat.http.ApiCall;
import io.github.kcpat.http.PatApiException;
import io.github.kcpat.http.RequestBody;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.ScopeRequest;
import io.github.kcpat.model.ScopeRequestQuery;
import io.github.kcpat.policy.PatPolicy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code …/personal-access-tokens/requests}: the scope requests a caller may decide, and their decisions. Reached with
 * no admin role at all: each method asks who the caller approves for ({@link Approver}) first; a caller who approves
 * nothing sees empty lists and is refused every decision ({@code 403}). Only requests for the caller's scopes are
 * listed, never the caller's own; a request for another scope is {@code 404}, as if it did not exist.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminScopeRequestsResource {

    static final String RESOURCE_TYPE = AdminTokensResource.RESOURCE_TYPE + "_SCOPE_REQUEST";
    private static final long DAY = 86_400;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissions permissions;
    private final AdminEventBuilder adminEvent;

    AdminScopeRequestsResource(KeycloakSession session, RealmModel realm, AdminPermissions permissions,
                               AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    /** The requests the caller may decide, oldest first, filtered and paged; {@code []} for a caller who approves nothing. */
    @GET
    public List<ScopeRequestRepresentation> list(@QueryParam("state") String state, @QueryParam("scope") String scope,
                                                 @QueryParam("user") String user,
                                                 @QueryParam("olderThanDays") String olderThanDays,
                                                 @QueryParam("first") String first, @QueryParam("max") String max) {
        return ApiCall.run(session, () -> {
            Approver approver = approver(PatPolicy.of(realm));
            String stateFilter = state(state);
            int from = AdminQuery.number("first", first, 0, 0, Integer.MAX_VALUE);
            int size = AdminQuery.number("max", max, AdminQuery.DEFAULT_MAX, 1, AdminQuery.LARGEST_MAX);
            int days = AdminQuery.number("olderThanDays", olderThanDays, 0, 0, 36_500);
            List<String> scopes = scope == null || scope.isBlank() ? approver.scopes()
                    : approver.scopes().stream().filter(scope::equals).toList();
            String userId = null;
            if (user != null && !user.isBlank()) {
                UserModel owner = owner(user);
                if (owner == null) {
                    return List.of();
                }
                userId = owner.getId();
            }
            ScopeRequestQuery query = new ScopeRequestQuery(stateFilter, scopes, userId, approver.user().getId(),
                    days > 0 ? Time.currentTime() - days * DAY : null, from, size);
            return tokens().searchScopeRequests(realm, query).stream().map(this::view).toList();
        });
    }

    /** The scopes the caller may approve: {@code {"scopes": [...]}}, empty for none. */
    @GET
    @Path("scopes")
    public Map<String, List<String>> scopes() {
        return ApiCall.run(session, () -> Map.of("scopes", approver(PatPolicy.of(realm)).scopes()));
    }

    @POST
    @Path("{id}/approve")
    public ScopeRequestRepresentation approve(@PathParam("id") String id, InputStream body) {
        return decideOne(id, true, body);
    }

    @POST
    @Path("{id}/deny")
    public ScopeRequestRepresentation deny(@PathParam("id") String id, InputStream body) {
        return decideOne(id, false, body);
    }

    /**
     * Decides many requests the same way, each on its own: {@code {"decided": [ids], "refused": [{"id", "error"}]}},
     * where {@code error} is what deciding that one alone would have answered.
     */
    @POST
    @Path("decide")
    public Map<String, Object> decide(InputStream body) {
        return ApiCall.run(session, () -> {
            PatPolicy policy = PatPolicy.of(realm);
            Approver approver = approver(policy);
            DecisionBody decision = DecisionBody.bulk(RequestBody.readJson(session, body));
            if (approver.approvesNothing()) {
                throw Refusal.forbidden("access_denied", "You approve no scope of this realm's personal access tokens");
            }
            List<String> decided = new ArrayList<>();
            List<Map<String, String>> refused = new ArrayList<>();
            for (String id : decision.ids()) {
                try {
                    recorded(new ScopeDecisions(session, realm).decide(approver, policy, id, decision.approve(),
                            decision.reason()));
                    decided.add(id);
                } catch (Refusal refusal) {
                    refused.add(Map.of("id", id, "error", refusal.error()));
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("decided", decided);
            answer.put("refused", refused);
            return answer;
        });
    }

    private ScopeRequestRepresentation decideOne(String id, boolean approve, InputStream body) {
        return ApiCall.run(session, () -> {
            PatPolicy policy = PatPolicy.of(realm);
            Approver approver = approver(policy);
            String reason = DecisionBody.reasonOf(RequestBody.readOptionalJson(session, body));
            return recorded(new ScopeDecisions(session, realm).decide(approver, policy, id, approve, reason));
        });
    }

    private ScopeRequestRepresentation recorded(ScopeRequest decided) {
        ScopeRequestRepresentation answer = view(decided);
        adminEvent.resource(RESOURCE_TYPE).operation(OperationType.UPDATE)
                .resourcePath(session.getContext().getUri()).representation(answer).success();
        return answer;
    }

    private Approver approver(PatPolicy policy) {
        UserModel actor = permissions.actor();
        if (actor == null) {
            throw PatApiException.forbidden("Only a signed-in user approves scope requests");
        }
        boolean ofThisRealm = realm.getId().equals(permissions.evaluator().adminAuth().getRealm().getId());
        return Approver.of(actor, ofThisRealm, policy, permissions.mayManageEveryUser());
    }

    private static String state(String state) {
        if (state == null || state.isBlank()) {
            return ScopeRequest.PENDING;
        }
        return switch (state) {
            case ScopeRequest.PENDING, ScopeRequest.APPROVED, ScopeRequest.DENIED -> state;
            case "all" -> null;
            default -> throw PatApiException.invalidRequest("state must be pending, approved, denied or all");
        };
    }

    private UserModel owner(String user) {
        UserModel byId = user.length() <= 255 ? session.users().getUserById(realm, user) : null;
        return byId != null ? byId : session.users().getUserByUsername(realm, user);
    }

    private ScopeRequestRepresentation view(ScopeRequest request) {
        return ScopeRequestRepresentation.of(request, tokens().getById(realm, request.tokenId()),
                session.users().getUserById(realm, request.userId()),
                request.decidedBy() == null ? null : session.users().getUserById(realm, request.decidedBy()));
    }

    private PersonalAccessTokenProvider tokens() {
        return session.getProvider(PersonalAccessTokenProvider.class);
    }
}
