package io.github.kcpat.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The self-service and admin APIs attacked with hostile requests: racing regenerates, oversized bodies, names that
 * hide or reorder text; and answers carrying a secret are never cached.
 */
@org.junit.jupiter.api.Tag("line-independent")
@KeycloakTest(realm = "security-input", from = "security.json")
class SecurityHostileInputIT extends SecurityAttacks {

    @Test
    void concurrentRegeneratesNeverHandOutADeadSecret() throws Exception {
        String bearer = login("alice");
        JsonNode created = expect(create(bearer, "raced " + now(), List.of("api.read")), 201).json();
        SECRETS.remember(created.get("token").asText());
        String url = kc.patApi(realm) + "/" + created.get("id").asText() + "/regenerate";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return Http.post(url, bearer, "application/json", "");
                }));
            }
            start.countDown();
            int served = 0;
            for (Future<Http.Reply> future : replies) {
                Http.Reply reply = future.get();
                if (reply.status() == 200) {
                    served++;
                    String secret = SECRETS.remember(reply.json().get("token").asText());
                    assertTrue(introspect("rs", "rs-secret", secret).get("active").asBoolean(),
                            "every secret handed out works");
                } else {
                    assertEquals(409, reply.status(), reply.body());
                    assertEquals("conflict", reply.json().get("error").asText());
                }
            }
            assertTrue(served >= 1);
            assertFalse(introspect("rs", "rs-secret", created.get("token").asText()).get("active").asBoolean());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bodiesOver16KiBAreRefusedBeforeParsing() {
        String bearer = login("alice");
        String big = "{\"name\":\"big\",\"padding\":\"" + "x".repeat(17 * 1024) + "\"}";
        Http.Reply announced = Http.postJson(kc.patApi(realm), bearer, big);
        assertEquals(413, announced.status(), announced.body());
        assertEquals("invalid_request", announced.json().get("error").asText());
        Http.Reply chunked = Http.postChunked(kc.patApi(realm), bearer, "application/json", big.getBytes(StandardCharsets.UTF_8));
        assertEquals(413, chunked.status(), chunked.body());
        assertEquals(413, kc.adminPost(realm + "/personal-access-tokens/service-accounts/robot", big).status());
        assertEquals(413, kc.adminPut(realm + "/personal-access-tokens/policy", big).status());
        String justUnder = "{\"name\":\"fits " + now() + "\",\"scopes\":[],\"expiresAt\":" + (now() + DAY) + "}"
                + " ".repeat(15 * 1024);
        Http.Reply fits = Http.postJson(kc.patApi(realm), bearer, justUnder);
        assertEquals(201, fits.status(), fits.body());
        SECRETS.remember(fits.json().get("token").asText());
    }

    @Test
    void namesThatHideOrReorderTextAreRefused() {
        String bearer = login("alice");
        for (String name : List.of("invoice\u202egpj.exe", "zero\u200bwidth", "line\u2028separator", "para\u2029graph",
                "isolate\u2066d", "bom\ufeff")) {
            Http.Reply reply = create(bearer, name, List.of());
            assertEquals(400, reply.status(), name + ": " + reply.body());
            assertEquals("invalid_request", reply.json().get("error").asText());
        }
    }

    @Test
    void answersWithASecretAreNeverCached() {
        String bearer = login("alice");
        Http.Reply created = create(bearer, "uncached " + now(), List.of());
        assertEquals(201, created.status());
        SECRETS.remember(created.json().get("token").asText());
        assertEquals("no-store", created.header("Cache-Control"));
        Http.Reply regenerated = Http.post(kc.patApi(realm) + "/" + created.json().get("id").asText() + "/regenerate",
                bearer, "application/json", "");
        assertEquals(200, regenerated.status());
        SECRETS.remember(regenerated.json().get("token").asText());
        assertEquals("no-store", regenerated.header("Cache-Control"));
    }
}
