package io.github.kcpat.lifecycle;

import io.github.kcpat.model.PersonalAccessTokenProvider;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Forgets replaced secrets past their retention, then runs {@link PatLifecycle} over every realm, each in its own
 * transaction; scheduled once per cluster.
 */
public final class PatLifecycleTask implements ScheduledTask {

    public static final String NAME = "personal-access-token-lifecycle";
    private static final Logger LOG = Logger.getLogger(PatLifecycleTask.class);

    @Override
    public void run(KeycloakSession session) {
        int forgotten = session.getProvider(PersonalAccessTokenProvider.class).forgetRetiredSecrets(Time.currentTime());
        if (forgotten > 0) {
            LOG.debugf("Forgot %d replaced personal access token secrets past their retention", forgotten);
        }
        session.realms().getRealmsStream().map(RealmModel::getId).toList().forEach(realmId ->
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), inner -> {
                    RealmModel realm = inner.realms().getRealm(realmId);
                    if (realm == null) {
                        return;
                    }
                    inner.getContext().setRealm(realm);
                    PatLifecycle.Outcome outcome = new PatLifecycle(inner, realm).run();
                    if (outcome.remindersSent() > 0 || outcome.revoked() > 0) {
                        LOG.infof("Personal access tokens in realm %s: %d expiry reminders sent, %d unused tokens revoked",
                                realm.getName(), outcome.remindersSent(), outcome.revoked());
                    }
                }));
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
