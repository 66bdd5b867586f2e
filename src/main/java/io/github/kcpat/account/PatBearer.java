package io.github.kcpat.account;

import io.github.kcpat.access.ActivePat;
import io.github.kcpat.access.ActivePatResolver;
import io.github.kcpat.http.PatApiException;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A personal access token presented as the bearer of a request. Only {@code /self} and {@code /self/rotate} accept
 * one: a token may learn about itself and replace its own secret, nothing else. The token must be active by every rule
 * introspection applies; a refusal is a JSON 401 and a {@code USER_INFO_REQUEST_ERROR} event with the reason.
 */
final class PatBearer {

    private PatBearer() {
    }

    /** The active PAT presented as the bearer; the secret is never logged or kept. */
    static ActivePat authenticate(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        String header = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (secret == null || !session.getProvider(PersonalAccessTokenProvider.class).isPersonalAccessToken(secret)) {
            throw PatApiException.unauthorized(realm.getName(), "A personal access token is required as the bearer");
        }
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.USER_INFO_REQUEST);
        ActivePat active = new ActivePatResolver(session).resolve(secret, event);
        if (active == null) {
            throw PatApiException.unauthorized(realm.getName(), "The personal access token is not active");
        }
        return active;
    }
}
