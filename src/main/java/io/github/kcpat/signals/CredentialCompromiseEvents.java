package io.github.kcpat.signals;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.ssf.event.SsfEvent;
import org.keycloak.ssf.event.SsfEventProviderFactory;

/**
 * Adds RISC credential-compromise to the SSF transmitter's event types (SPI {@code ssf-events}) where the server's own
 * registry lacks it; where Keycloak ships its own class for the type, it contributes nothing and Keycloak's is used.
 * Read only by servers that have the SPI: elsewhere its service file names an interface nobody loads.
 */
public final class CredentialCompromiseEvents implements SsfEventProviderFactory {

    static final String KEYCLOAKS_OWN = "org.keycloak.ssf.event.risc.RiscCredentialCompromise";

    @Override
    public Map<String, Supplier<? extends SsfEvent>> getContributedEventFactories() {
        return serverHasItsOwn() ? Map.of() : Map.of(RiscCredentialCompromise.TYPE, RiscCredentialCompromise::new);
    }

    @Override
    public Set<String> getEmittableEventTypes() {
        return serverHasItsOwn() ? Set.of() : Set.of(RiscCredentialCompromise.TYPE);
    }

    private static boolean serverHasItsOwn() {
        try {
            Class.forName(KEYCLOAKS_OWN, false, SsfEventProviderFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    /** Below Keycloak's own factory, so that the SPI's provider stays Keycloak's registry. */
    @Override
    public int order() {
        return -100;
    }

    @Override
    public String getId() {
        return "personal-access-token-risc";
    }
}
