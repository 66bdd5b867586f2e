package io.github.kcpat.rest;

import java.util.List;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.model.IssuedToken;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.scope.PatClient;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Issues and regenerates tokens for people and bots alike, under the realm's scopes and policy, and records each as a
 * user event of the owner. Refusals are {@link PatApiException}s that say in plain words what to change.
 */
final class TokenIssuer {

    private final KeycloakSession session;
    private final RealmModel realm;

    TokenIssuer(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    IssuedToken issue(PatClient client, UserModel owner, CreateTokenRequest request, UserModel actor) {
        List<String> unknown = client.unknownScopes(request.scopes());
        if (!unknown.isEmpty()) {
            throw new PatApiException(Response.Status.BAD_REQUEST, "invalid_scope",
                    "Not a scope you can choose for a personal access token: " + String.join(", ", unknown));
        }
        PatPolicy policy = PatPolicy.of(realm);
        String refusal = policy.expiryRefusal(request.expiresAt(), Time.currentTime());
        if (refusal != null) {
            throw new PatApiException(Response.Status.BAD_REQUEST, "policy_violation", refusal);
        }
        tokens().lockHolder(realm, owner.getId());
        refusal = policy.countRefusal(tokens().countOfUser(realm, owner.getId()));
        if (refusal != null) {
            throw new PatApiException(Response.Status.BAD_REQUEST, "policy_violation", refusal);
        }
        IssuedToken issued;
        try {
            issued = tokens().create(realm, owner, request.name(), request.scopes(), request.expiresAt());
        } catch (ModelDuplicateException e) {
            session.getTransactionManager().setRollbackOnly();
            throw new PatApiException(Response.Status.CONFLICT, "conflict",
                    "There already is a personal access token with this name");
        }
        new PatAuditEvents(session, realm).record(PatAuditEvents.Action.CREATED, owner, issued.token(), actor);
        return issued;
    }

    IssuedToken regenerate(PersonalAccessToken token, UserModel owner, UserModel actor) {
        long now = Time.currentTime();
        Long expiresAt = token.expiresAt() == null ? null : now + (token.expiresAt() - token.createdAt());
        String refusal = PatPolicy.of(realm).expiryRefusal(expiresAt, now);
        if (refusal != null) {
            throw new PatApiException(Response.Status.BAD_REQUEST, "policy_violation",
                    refusal + "; delete this token and create a new one instead");
        }
        IssuedToken issued = tokens().regenerate(realm, token.id());
        if (issued == null) {
            throw PatApiException.notFound();
        }
        new PatAuditEvents(session, realm).record(PatAuditEvents.Action.REGENERATED, owner, issued.token(), actor);
        return issued;
    }

    void delete(PersonalAccessToken token, UserModel owner, UserModel actor, PatAuditEvents.Action action) {
        if (!tokens().delete(realm, token.id())) {
            throw PatApiException.notFound();
        }
        if (owner != null) {
            new PatAuditEvents(session, realm).record(action, owner, token, actor);
        }
    }

    private PersonalAccessTokenProvider tokens() {
        return session.getProvider(PersonalAccessTokenProvider.class);
    }
}
