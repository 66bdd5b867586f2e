package io.github.kcpat.lifecycle;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/** Runs {@link PatLifecycle} over every realm, each in its own transaction; scheduled once per cluster. */
public final class PatLifecycleTask implements ScheduledTask {

    public static final String NAME = "personal-access-token-lifecycle";
    private static final Logger LOG = Logger.getLogger(PatLifecycleTask.class);

    @Override
    public void run(KeycloakSession session) {
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
