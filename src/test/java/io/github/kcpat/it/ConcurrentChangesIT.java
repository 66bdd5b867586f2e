package io.github.kcpat.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every change of one token, raced against the others as a script hammering the APIs would: delete (self-service and
 * admin), revoke (one, a user's, the realm's, by value), regenerate (self-service, and admin for a bot token) and
 * rotate ({@code /self/rotate}). Each answer is a success or a clear JSON refusal (404, 409; 401 for a rotation whose
 * bearer secret another request just replaced), never a 5xx; afterwards the token is either gone with no secret working,
 * or there with exactly one working secret; and the server logged no failure. CI runs it on H2, PostgreSQL and MariaDB.
 */
@org.junit.jupiter.api.Tag("races")
@KeycloakTest(realm = "races")
class ConcurrentChangesIT {

    private static final int ROUNDS = 8;
    private static final int RACERS = 8;
    private static IssuedSecrets SECRETS;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static String botUserId;

    @BeforeAll
    static void createRealm() {
        realm.user("rae");
        expect(kc.adminPost(realm.name() + "/clients", Realms.confidentialClient("robot", "robot-secret",
                "serviceAccountsEnabled", true)), 201);
        botUserId = expect(kc.adminGet(realm.name() + "/clients/" + kc.clientUuid(realm.name(), "robot")
                + "/service-account-user"), 200).json().get("id").asText();
    }

    /** What one racer does to the token: a named request. */
    private record Change(String name, Supplier<Http.Reply> request) {
    }

    @Test
    void aPersonsTokenRacedByEveryChange() throws Exception {
        Random random = new Random(19);
        for (int round = 0; round < ROUNDS; round++) {
            String bearer = realm.bearer("rae");
            Map<String, Object> body = new HashMap<>(Map.of("name", "raced " + round + " " + System.nanoTime(),
                    "scopes", List.of("files.read"), "selfRotate", true, "expiresAt", System.currentTimeMillis() / 1000 + 3600));
            JsonNode created = expect(Http.postJson(kc.patApi(realm.name()), bearer, body), 201).json();
            String id = created.get("id").asText();
            String secret = SECRETS.remember(created.get("token").asText());
            String userId = kc.userId(realm.name(), "rae");
            List<Change> menu = List.of(
                    new Change("self-service delete", () -> Http.delete(kc.patApi(realm.name()) + "/" + id, bearer)),
                    new Change("self-service regenerate", () -> Http.post(kc.patApi(realm.name()) + "/" + id + "/regenerate",
                            bearer, "application/json", "")),
                    new Change("self rotate", () -> Http.post(kc.patApi(realm.name()) + "/self/rotate", secret,
                            "application/json", "")),
                    new Change("admin revoke", () -> kc.adminDelete(realm.name() + "/personal-access-tokens/" + id)),
                    new Change("admin revoke of the user's tokens", () -> kc.adminDelete(realm.name()
                            + "/personal-access-tokens/users/" + userId)),
                    new Change("admin revoke of the realm's tokens", () -> kc.adminDelete(realm.name()
                            + "/personal-access-tokens?all=true")),
                    new Change("revoke by value", () -> kc.reportExposed(realm.name(), List.of(secret))));
            race(pick(menu, random, round), id, secret);
        }
    }

    @Test
    void aBotTokenRacedByAdminChanges() throws Exception {
        Random random = new Random(23);
        for (int round = 0; round < ROUNDS; round++) {
            JsonNode created = expect(kc.adminPost(realm.name() + "/personal-access-tokens/service-accounts/robot",
                    Map.of("name", "bot " + round + " " + System.nanoTime(), "scopes", List.of("files.read"),
                            "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
            String id = created.get("id").asText();
            String secret = SECRETS.remember(created.get("token").asText());
            List<Change> menu = List.of(
                    new Change("admin regenerate", () -> kc.adminPost(realm.name() + "/personal-access-tokens/" + id
                            + "/regenerate", Map.of())),
                    new Change("admin revoke", () -> kc.adminDelete(realm.name() + "/personal-access-tokens/" + id)),
                    new Change("admin revoke of the bot's tokens", () -> kc.adminDelete(realm.name()
                            + "/personal-access-tokens/users/" + botUserId)),
                    new Change("revoke by value", () -> kc.reportExposed(realm.name(), List.of(secret))));
            race(pick(menu, random, round), id, secret);
        }
    }

    /** Round 0 races one change against itself; later rounds mix the menu at random. */
    private static List<Change> pick(List<Change> menu, Random random, int round) {
        List<Change> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(round == 0 ? menu.get(0) : round == 1 ? menu.get(menu.size() > 3 ? 3 : 1)
                    : menu.get(random.nextInt(menu.size())));
        }
        return racers;
    }

    private void race(List<Change> racers, String id, String firstSecret) throws Exception {
        List<String> names = racers.stream().map(Change::name).toList();
        int logBefore = server.log().length();
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try {
            for (Change change : racers) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return change.request().get();
                }));
            }
            start.countDown();
            List<String> secrets = new ArrayList<>(List.of(firstSecret));
            boolean deleted = false;
            for (int i = 0; i < racers.size(); i++) {
                String what = racers.get(i).name();
                Http.Reply reply = replies.get(i).get();
                int status = reply.status();
                assertTrue(status < 500, what + " answered " + status + ": " + reply.body());
                if (status >= 400) {
                    Set<Integer> clear = what.equals("self rotate") ? Set.of(401, 404, 409) : Set.of(404, 409);
                    assertTrue(clear.contains(status), what + " answered " + status + ": " + reply.body());
                    assertTrue(reply.json().hasNonNull("error"), what + ": not a JSON error: " + reply.body());
                    continue;
                }
                if (reply.body() != null && !reply.body().isBlank() && reply.json().has("token")) {
                    secrets.add(SECRETS.remember(reply.json().get("token").asText()));
                }
                if (status == 204 || reply.json().path("revoked").asInt(0) > 0) {
                    deleted = true;
                }
            }
            awaitReportsHandled();
            boolean exists = kc.adminGet(realm.name() + "/personal-access-tokens/" + id).status() == 200;
            long working = secrets.stream().filter(s -> realm.introspect(s).get("active").asBoolean()).count();
            if (deleted) {
                assertFalse(exists, "a delete answered success, yet the token is there: " + names);
            }
            assertEquals(exists ? 1 : 0, working, "exists=" + exists + ", working secrets: " + working + " after " + names);
            String log = server.log().substring(logBefore);
            for (String failure : List.of("Uncaught server error", "StaleObjectStateException", "ModelIllegalStateException",
                    "temporarily_unavailable", "NullPointerException")) {
                assertFalse(log.contains(failure), "the server logged " + failure + " during " + names);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A report is answered before it is carried out; give it the moment it takes. */
    private static void awaitReportsHandled() throws InterruptedException {
        Thread.sleep(1000);
    }
}
