package io.github.kcpat.access;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keycloak's issuer, computed once per base URI and realm name, in a bounded memory. */
class RealmIssuerTest {

    private final List<String> computed = new ArrayList<>();
    private final RealmIssuer issuers = new RealmIssuer((base, realm) -> {
        computed.add(base + " " + realm);
        return base + "realms/" + realm;
    }, 100);

    @Test
    void computesOncePerBaseUriAndRealm() {
        for (int i = 0; i < 3; i++) {
            assertEquals("http://a.example/realms/demo", issuers.issuer(URI.create("http://a.example/"), "demo"));
        }
        assertEquals("http://b.example/realms/demo", issuers.issuer(URI.create("http://b.example/"), "demo"));
        assertEquals("http://a.example/realms/other", issuers.issuer(URI.create("http://a.example/"), "other"));
        assertEquals(List.of("http://a.example/ demo", "http://b.example/ demo", "http://a.example/ other"), computed);
    }

    @Test
    void aFloodOfHostsStaysWithinTheBound() {
        for (int i = 0; i < 10_000; i++) {
            issuers.issuer(URI.create("http://host-" + i + ".example/"), "demo");
        }
        assertTrue(issuers.size() <= 100, "at most the bound: " + issuers.size());
        assertEquals("http://host-9999.example/realms/demo", issuers.issuer(URI.create("http://host-9999.example/"), "demo"));
    }
}
