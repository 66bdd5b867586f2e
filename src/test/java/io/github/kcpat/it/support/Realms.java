package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Realm, client and user representations for the tests: whole realms as JSON files under
 * {@code src/test/resources/realms/}, and the few shapes the tests build again and again.
 */
public final class Realms {

    private Realms() {
    }

    /**
     * The realm representation of {@code realms/<file>}, each {@code {{name}}} replaced by its value (as JSON string
     * content; {@code {{realm}}} is the usual one). Every placeholder must be given one.
     */
    public static Map<String, Object> load(String file, Map<String, String> values) {
        String text;
        try (InputStream in = Realms.class.getResourceAsStream("/realms/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No realm file realms/" + file + " on the test classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        if (text.contains("{{")) {
            throw new IllegalArgumentException("realms/" + file + " has a placeholder without a value: "
                    + text.substring(text.indexOf("{{"), Math.min(text.length(), text.indexOf("{{") + 40)));
        }
        try {
            return Http.JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("realms/" + file + " is not a JSON object", e);
        }
    }

    /** {@link #load(String, Map)} with {@code {{realm}}} only. */
    public static Map<String, Object> load(String file, String realm) {
        return load(file, Map.of("realm", realm));
    }

    /**
     * A confidential client with a secret and no browser flow ({@code standardFlowEnabled} false), plus any more
     * properties given as name, value, name, value…
     */
    public static Map<String, Object> confidentialClient(String clientId, String secret, Object... more) {
        Map<String, Object> client = new HashMap<>(Map.of("clientId", clientId, "enabled", true, "publicClient", false,
                "secret", secret, "standardFlowEnabled", false));
        for (int i = 0; i < more.length; i += 2) {
            client.put((String) more[i], more[i + 1]);
        }
        return client;
    }

    /** An enabled user with a verified e-mail address at example.org, the last name Tester and a password. */
    public static Map<String, Object> user(String username, String firstName, String password) {
        return new HashMap<>(Map.of("username", username, "enabled", true, "email", username + "@example.org",
                "emailVerified", true, "firstName", firstName, "lastName", "Tester",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
    }

    /**
     * An OpenID Connect client scope named in the token's {@code scope} claim that puts the client {@code audience}
     * into the access token's and the introspection's {@code aud}.
     */
    public static Map<String, Object> audienceScope(String name, String audience) {
        Map<String, Object> mapper = Map.of("name", audience + " audience", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", audience,
                        "access.token.claim", "true", "introspection.token.claim", "true"));
        return Map.of("name", name, "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "true"), "protocolMappers", List.of(mapper));
    }
}
