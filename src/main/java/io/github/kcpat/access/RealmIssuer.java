package io.github.kcpat.access;

import java.net.URI;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.keycloak.services.Urls;

/**
 * A realm's issuer ({@code iss}) for a request's base URI, as Keycloak writes it ({@link Urls#realmIssuer}). Keycloak
 * builds it through JAX-RS's URI builder, which reads annotations and encodes the path on every call: about a
 * twentieth of a PAT introspection's CPU time. The result depends on nothing but the two strings, so it is remembered
 * for them; the bound (the base URI comes from the request's host where the hostname is not fixed) keeps a flood of
 * made-up hosts from growing it.
 */
public final class RealmIssuer {

    static final int BOUND = 1_024;
    private static final RealmIssuer KEYCLOAK = new RealmIssuer(Urls::realmIssuer, BOUND);

    private record Key(String baseUri, String realm) {
    }

    private final BiFunction<URI, String, String> compute;
    private final Cache<Key, String> issuers;

    RealmIssuer(BiFunction<URI, String, String> compute, int bound) {
        this.compute = compute;
        this.issuers = Caffeine.newBuilder().maximumSize(bound).executor(Runnable::run).build();
    }

    public static String of(URI baseUri, String realmName) {
        return KEYCLOAK.issuer(baseUri, realmName);
    }

    String issuer(URI baseUri, String realmName) {
        return issuers.get(new Key(baseUri.toString(), realmName), key -> compute.apply(baseUri, realmName));
    }

    long size() {
        issuers.cleanUp();
        return issuers.estimatedSize();
    }
}
