package io.github.kcpat.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.policy.PatPolicy;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A token as admins see it: with its owner and its last use: when ({@code lastUsedAt}), how ({@code lastUsedVia}:
 * {@code introspection}, {@code exchange} or {@code self}), by which client ({@code lastUsedBy}, its clientId; null at
 * {@code self}, where the token's holder presented it) and from which address ({@code lastUsedIp}: the resource server's
 * at introspection, the exchanging client's at exchange, the holder's at self). A use recorded by an older release has
 * no client and no kind. {@code token}, the secret, only in the answer to an admin's create or regenerate.
 */
record AdminTokenRepresentation(
        String id,
        String name,
        List<String> scopes,
        String hint,
        long createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long expiresAt,
        boolean expiryCutByPolicy,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long lastUsedAt,
        String lastUsedIp,
        @JsonInclude(JsonInclude.Include.ALWAYS) String lastUsedBy,
        @JsonInclude(JsonInclude.Include.ALWAYS) String lastUsedVia,
        boolean selfRotate,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long previousSecretExpiresAt,
        Owner owner,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    /** @param serviceAccountOf the client id, when the owner is a client's service account (a bot) */
    record Owner(String id, String username, @JsonInclude(JsonInclude.Include.NON_NULL) String serviceAccountOf) {
    }

    static AdminTokenRepresentation of(PersonalAccessToken pat, RealmModel realm, UserModel owner, String secret) {
        String serviceAccountOf = null;
        if (owner != null && owner.getServiceAccountClientLink() != null) {
            ClientModel client = realm.getClientById(owner.getServiceAccountClientLink());
            serviceAccountOf = client == null ? null : client.getClientId();
        }
        Owner ownerView = new Owner(pat.userId(), owner == null ? null : owner.getUsername(), serviceAccountOf);
        PatPolicy policy = PatPolicy.of(realm);
        Long effective = policy.effectiveExpiry(pat);
        return new AdminTokenRepresentation(pat.id(), pat.name(), pat.scopes(), pat.hint(), pat.createdAt(),
                effective, !java.util.Objects.equals(effective, pat.expiresAt()), pat.lastUsedAt(), pat.lastUsedIp(),
                pat.lastUsedClient(), pat.lastUsedVia() == null ? null : pat.lastUsedVia().apiName(), pat.selfRotate(), policy.previousSecretLiveUntil(pat, Time.currentTime()), ownerView, secret);
    }

    /** The same, never with the secret: what admin events may store. */
    AdminTokenRepresentation withoutSecret() {
        return new AdminTokenRepresentation(id, name, scopes, hint, createdAt, expiresAt, expiryCutByPolicy, lastUsedAt,
                lastUsedIp, lastUsedBy, lastUsedVia, selfRotate, previousSecretExpiresAt, owner, null);
    }

    @Override
    public String toString() {
        return "AdminTokenRepresentation[" + id + "]";
    }
}
