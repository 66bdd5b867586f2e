package io.github.kcpat.admin;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.kcpat.audit.PatAuditEvents;
import io.github.kcpat.issuance.TokenIssuer;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.TokenQuery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * An admin's revocation of many tokens at once (a user's, the realm's). Counts only what this request deleted: a token
 * another request deleted meanwhile is skipped, not an error.
 */
final class AdminRevocations {

    private static final int PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TokenIssuer issuer;
    private final UserModel actor;

    AdminRevocations(KeycloakSession session, RealmModel realm, TokenIssuer issuer, UserModel actor) {
        this.session = session;
        this.realm = realm;
        this.issuer = issuer;
        this.actor = actor;
    }

    int ofUser(UserModel user) {
        return (int) tokens().list(realm, user).toList().stream()
                .filter(token -> issuer.deleteIfPresent(token, user, actor, PatAuditEvents.Action.REVOKED))
                .count();
    }

    /**
     * Page by page until no token is left that this request has not tried: where reads see a snapshot (MariaDB's
     * repeatable read), a token another request deleted may still be listed, and must not be tried for ever.
     */
    int ofRealm() {
        Set<String> tried = new HashSet<>();
        int revoked = 0;
        while (true) {
            List<PersonalAccessToken> page = tokens().search(realm, new TokenQuery(null, null, null, 0, PAGE + tried.size()))
                    .filter(token -> !tried.contains(token.id())).toList();
            if (page.isEmpty()) {
                return revoked;
            }
            for (PersonalAccessToken token : page) {
                tried.add(token.id());
                UserModel owner = session.users().getUserById(realm, token.userId());
                if (issuer.deleteIfPresent(token, owner, actor, PatAuditEvents.Action.REVOKED)) {
                    revoked++;
                }
            }
        }
    }

    private PersonalAccessTokenProvider tokens() {
        return session.getProvider(PersonalAccessTokenProvider.class);
    }
}
