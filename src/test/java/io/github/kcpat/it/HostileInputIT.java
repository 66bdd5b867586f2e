package io.github.kcpat.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an exposed server meets: absurd tokens, hostile names, and a flood of concurrent creates. */
@org.junit.jupiter.api.Tag("line-independent")
@KeycloakTest(realm = "hostile")
class HostileInputIT {

    private static IssuedSecrets SECRETS;
    private static final long DAY = 86_400;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static Http.Reply introspectRaw(String token) {
        return Http.postForm(kc.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token/introspect",
                "checker", "checker-secret", Map.of("token", token));
    }

    private static void assertNoServerError(Http.Reply reply) {
        assertTrue(reply.status() < 500, "no 5xx: " + reply.status() + " " + reply.body());
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"), "no stack trace in the answer");
    }

    @Test
    void absurdTokensAreInactiveOrRefusedButNeverAnError() {
        List<String> tokens = List.of("", " ", "kcpat_", "kcpat_" + "\u00e9\u00e8\u4e2d\u6587".repeat(12),
                "kcpat_" + "a".repeat(49), "KCPAT_" + "a".repeat(49), "ghp_" + "a".repeat(36), "\u0000\u0001\u0002",
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "kcpat_" + "x".repeat(10_000));
        for (String token : tokens) {
            Http.Reply reply = introspectRaw(token);
            assertNoServerError(reply);
            if (reply.status() == 200) {
                assertFalse(reply.json().get("active").asBoolean(), "inactive: " + token.length());
            }
        }
        Http.Reply huge = introspectRaw("kcpat_" + "A".repeat(1024 * 1024));
        assertNoServerError(huge);
        if (huge.status() == 200) {
            assertFalse(huge.json().get("active").asBoolean());
        }
    }

    @Test
    void hostileNamesAreDataNotCode() {
        realm.user("harry");
        String bearer = realm.bearer("harry");
        List<String> names = List.of("<script>alert(1)</script>", "'; DROP TABLE PERSONAL_ACCESS_TOKEN; --",
                "Robert'); DELETE FROM USER_ENTITY;--", "emoji \uD83D\uDE80 name", "%s%n%x");
        for (String name : names) {
            JsonNode created = expect(realm.create(bearer, name, now() + DAY), 201).json();
            SECRETS.remember(created.get("token").asText());
            assertEquals(name, created.get("name").asText());
            JsonNode read = expect(Http.get(kc.patApi(realm.name()) + "/" + created.get("id").asText(), bearer), 200).json();
            assertEquals(name, read.get("name").asText(), "stored and returned exactly");
        }
        assertEquals(names.size(), expect(Http.get(kc.patApi(realm.name()), bearer), 200).json().size(), "the table is intact");
        Http.Reply tenThousand = realm.create(bearer, "n".repeat(10_000), now() + DAY);
        assertEquals(400, tenThousand.status());
        assertEquals("invalid_request", tenThousand.json().get("error").asText());
        for (String invisible : List.of("bell\u0007", "\u202eevil\u202c", "line\u2028break")) {
            assertEquals(400, realm.create(bearer, invisible, now() + DAY).status(), "control, format and separator characters");
        }
        Http.Reply notJson = Http.post(kc.patApi(realm.name()), bearer, "application/json", "{\"name\": \"x\", ".repeat(500));
        assertEquals(400, notJson.status());
        Http.Reply huge = Http.post(kc.patApi(realm.name()), bearer, "application/json", "{\"name\": \"x\", ".repeat(50_000));
        assertEquals(413, huge.status(), "refused before parsing");
    }

    @Test
    void twoHundredConcurrentCreatesKeepTheLimitAndTheNames() throws Exception {
        realm.user("flood");
        String bearer = realm.bearer("flood");
        List<Http.Reply> replies = concurrently(200, i -> realm.create(bearer, "flood " + i, now() + DAY));
        List<Integer> statuses = replies.stream().map(Http.Reply::status).toList();
        long created = statuses.stream().filter(s -> s == 201).count();
        assertEquals(50, created, "the policy's limit of 50 holds: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 400), statuses.toString());
        for (Http.Reply reply : replies) {
            if (reply.status() == 201) {
                SECRETS.remember(reply.json().get("token").asText());
            } else {
                assertEquals("policy_violation", reply.json().get("error").asText(), reply.body());
            }
        }
        JsonNode list = expect(Http.get(kc.patApi(realm.name()), bearer), 200).json();
        assertEquals(50, list.size());
        Set<String> names = new HashSet<>();
        list.forEach(token -> names.add(token.get("name").asText()));
        assertEquals(50, names.size(), "no duplicates");
    }

    @Test
    void concurrentCreatesOfOneNameMakeOneToken() throws Exception {
        realm.user("twin");
        String bearer = realm.bearer("twin");
        List<Http.Reply> replies = concurrently(40, i -> realm.create(bearer, "same name", now() + DAY));
        List<Integer> statuses = replies.stream().map(Http.Reply::status).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(39, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        replies.stream().filter(r -> r.status() == 201).forEach(r -> SECRETS.remember(r.json().get("token").asText()));
        assertEquals(1, expect(Http.get(kc.patApi(realm.name()), bearer), 200).json().size());
    }

    interface Request {
        Http.Reply send(int index) throws Exception;
    }

    private static List<Http.Reply> concurrently(int count, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Http.Reply>) () -> request.send(index)));
            }
            List<Http.Reply> replies = new ArrayList<>();
            for (Future<Http.Reply> future : futures) {
                Http.Reply reply = future.get(120, TimeUnit.SECONDS);
                assertNotEquals(500, reply.status(), reply.body());
                replies.add(reply);
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
