package io.github.kcpat.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.kcpat.compat.ClusterCarrier;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterEvent;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Keeps every node's {@link PatCache} true to the database. The changes of one transaction (a token, all of a user's,
 * all of a realm's) leave this node's cache at once, again once the transaction has committed (so a look-up that read
 * the old row in between cannot keep it), and are then sent to the other nodes through Keycloak's cluster provider,
 * which delivers them within milliseconds.
 */
public final class PatCacheInvalidations {

    static final String TASK_KEY = "personal-access-tokens-cache";
    private static final String SESSION_ATTRIBUTE = PatCacheInvalidations.class.getName();
    private static final Logger LOG = Logger.getLogger(PatCacheInvalidations.class);

    private final KeycloakSession session;
    private final PatCache cache;
    private final Set<String> messages = new LinkedHashSet<>();

    private PatCacheInvalidations(KeycloakSession session, PatCache cache) {
        this.session = session;
        this.cache = cache;
    }

    /** Subscribes this node's cache to the changes made on other nodes; once per node, at start. */
    public static void listen(KeycloakSessionFactory factory, PatCache cache) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                .registerListener(TASK_KEY, event -> apply(cache, ClusterCarrier.unwrap(event))));
    }

    /** The changes of the session's transaction. */
    public static PatCacheInvalidations of(KeycloakSession session, PatCache cache) {
        PatCacheInvalidations changes = session.getAttribute(SESSION_ATTRIBUTE, PatCacheInvalidations.class);
        if (changes == null) {
            changes = new PatCacheInvalidations(session, cache);
            session.setAttribute(SESSION_ATTRIBUTE, changes);
        }
        return changes;
    }

    public void token(String tokenId) {
        record("token:" + tokenId);
    }

    public void user(String userId) {
        record("user:" + userId);
    }

    public void realm(String realmId) {
        record("realm:" + realmId);
    }

    private void record(String message) {
        apply(cache, message);
        if (messages.isEmpty()) {
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    publish();
                }

                @Override
                protected void rollbackImpl() {
                    messages.clear();
                }
            });
        }
        messages.add(message);
    }

    private void publish() {
        List<String> sent = new ArrayList<>(messages);
        messages.clear();
        sent.forEach(message -> apply(cache, message));
        if (!ClusterCarrier.available()) {
            return;
        }
        try {
            List<ClusterEvent> events = sent.stream().map(ClusterCarrier::wrap).toList();
            session.getProvider(ClusterProvider.class).notify(TASK_KEY, events, true, ClusterProvider.DCNotify.ALL_DCS);
        } catch (RuntimeException e) {
            LOG.warnf("Could not tell the other nodes that %d personal access token change(s) happened; their cached copies"
                    + " end when the cache lifetime does: %s", sent.size(), e.toString());
        }
    }

    /** Applies one change to a cache; a message not understood empties the whole cache, which is always safe. */
    static void apply(PatCache cache, String message) {
        if (message == null) {
            return;
        }
        int colon = message.indexOf(':');
        String kind = colon < 0 ? "" : message.substring(0, colon);
        String id = colon < 0 ? "" : message.substring(colon + 1);
        switch (kind) {
            case "token" -> cache.invalidateToken(id);
            case "user" -> cache.invalidateUser(id);
            case "realm" -> cache.invalidateRealm(id);
            default -> cache.invalidateAll();
        }
    }
}
