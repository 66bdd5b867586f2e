package io.github.kcpat.http;



/**
 * Where both APIs are served: {@code /realms/{realm}/personal-access-tokens} (self-service) and
 * {@code /admin/realms/{realm}/personal-access-tokens} (admin); the path segment is the id of both provider factories.
 */
public final class ApiPath {

    public static final String SEGMENT = "personal-access-tokens";

    private ApiPath() {
    }
}
