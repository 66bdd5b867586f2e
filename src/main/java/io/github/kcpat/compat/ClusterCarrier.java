package io.github.kcpat.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.keycloak.cluster.ClusterEvent;

/**
 * Carries a short text between the nodes of a Keycloak cluster through Keycloak's {@code ClusterProvider}.
 * <p>
 * Keycloak marshals cluster events with ProtoStream and knows only its own event classes, so an extension cannot send
 * an event class of its own. This borrows one of Keycloak's that holds a single string, {@code
 * UserCacheRealmInvalidationEvent} (the same on every supported version), and sends it under this extension's own
 * task key: only this extension's listener receives it, and Keycloak's caches never see it. When the class is missing
 * (an unknown Keycloak), {@link #available()} is false and the caller must not rely on other nodes hearing of changes.
 */
public final class ClusterCarrier {

    private static final String CARRIER = "org.keycloak.models.cache.infinispan.events.UserCacheRealmInvalidationEvent";
    private static final String BASE = "org.keycloak.models.cache.infinispan.events.InvalidationEvent";

    private static final MethodHandle CREATE;
    private static final MethodHandle READ;
    private static final Class<?> CARRIER_CLASS;

    static {
        MethodHandle create = null;
        MethodHandle read = null;
        Class<?> carrier = null;
        try {
            ClassLoader loader = ClusterEvent.class.getClassLoader();
            carrier = Class.forName(CARRIER, false, loader);
            Class<?> base = Class.forName(BASE, false, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            create = lookup.findStatic(carrier, "create", MethodType.methodType(carrier, String.class));
            read = lookup.findVirtual(base, "getId", MethodType.methodType(String.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            create = null;
            read = null;
            carrier = null;
        }
        CREATE = create;
        READ = read;
        CARRIER_CLASS = carrier;
    }

    private ClusterCarrier() {
    }

    public static boolean available() {
        return CREATE != null;
    }

    public static ClusterEvent wrap(String text) {
        if (CREATE == null) {
            throw new IllegalStateException("No cluster event class to carry messages on this Keycloak");
        }
        try {
            return (ClusterEvent) CREATE.invoke(text);
        } catch (Throwable e) {
            throw new IllegalStateException("Could not create a cluster event", e);
        }
    }

    /** The text the event carries, or null when it is not such an event. */
    public static String unwrap(ClusterEvent event) {
        if (READ == null || event == null || !CARRIER_CLASS.isInstance(event)) {
            return null;
        }
        try {
            return (String) READ.invoke(event);
        } catch (Throwable e) {
            return null;
        }
    }
}
