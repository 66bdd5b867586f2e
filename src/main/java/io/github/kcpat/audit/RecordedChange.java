package io.github.kcpat.audit;

import io.github.kcpat.model.PersonalAccessToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A change to a token as {@link PatAuditEvents} recorded it, handed to whoever observes the record (the Shared Signals
 * of {@code signals/}), inside the transaction that made the change. Holds the token's row, never its secret.
 *
 * @param actor the admin who acted on another user's token, or null when the owner acted (or the scheduler)
 */
public record RecordedChange(KeycloakSession session, RealmModel realm, PatAuditEvents.Action action, UserModel owner,
        PersonalAccessToken token, UserModel actor) {

    /** Whether someone other than the owner made the change (an admin, on a person's or a bot's token). */
    public boolean byAnotherUser() {
        return actor != null && !actor.getId().equals(owner.getId());
    }
}
