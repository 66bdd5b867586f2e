package io.github.kcpat.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.models.RealmModel;

/**
 * Who may exchange a PAT (or a token exchanged from one), and for what: only a client the subject token is meant
 * for (its {@code aud}; the introspection bypass does not count), never one of Keycloak's own; the requested
 * {@code audience} narrows the subject's and never widens it; Keycloak's own clients are never in the result.
 *
 * @param audience what the new token may be meant for
 * @param notAfter when the new token must have expired at the latest (Unix seconds), or null for no bound but the
 *        realm's access token lifespan
 */
public record ExchangeGrant(Set<String> audience, Long notAfter) {

    /** @throws Refusal when the requester may not exchange the token, or asks for an audience beyond it */
    public static ExchangeGrant decide(RealmModel realm, String requester, Collection<String> subjectAudience,
                                       List<String> requestedAudience, Long notAfter) {
        Set<String> reachable = new LinkedHashSet<>();
        for (String aud : subjectAudience) {
            if (!KeycloakClients.isOwn(realm, aud)) {
                reachable.add(aud);
            }
        }
        if (!reachable.contains(requester)) {
            // 403 rather than 400: the client is not one the token is meant for (as Keycloak's own exchange answers)
            throw Refusal.forbidden("access_denied", "Client is not within the token audience: add an Audience mapper"
                    + " naming this client to the token's scopes (Client scopes -> the scope -> Mappers)");
        }
        if (requestedAudience == null || requestedAudience.isEmpty()) {
            return new ExchangeGrant(reachable, notAfter);
        }
        List<String> beyond = new ArrayList<>();
        for (String wanted : requestedAudience) {
            if (!reachable.contains(wanted)) {
                beyond.add(wanted);
            }
        }
        if (!beyond.isEmpty()) {
            throw Refusal.invalid("invalid_target", "The token's audience does not include: " + String.join(" ", beyond));
        }
        return new ExchangeGrant(new LinkedHashSet<>(requestedAudience), notAfter);
    }
}
