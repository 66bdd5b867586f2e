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

    /**
     * Regenerations with an overlap raced against each other and against uses of the first secret: every secret handed
     * out (and the first one) works until its stated end, every use during the race is answered active, and once the
     * overlaps are over only the last secret works.
     */
    @Test
    void regenerationsWithAnOverlapRacedKeepEverySecretUntilItsEndAndNoLonger() throws Exception {
        for (int round = 0; round < 3; round++) {
            String bearer = realm.bearer("rae");
            JsonNode created = expect(Http.postJson(kc.patApi(realm.name()), bearer, Map.of("name", "overlapped " + round
                    + " " + System.nanoTime(), "scopes", List.of("files.read"),
                    "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
            String id = created.get("id").asText();
            String first = SECRETS.remember(created.get("token").asText());
            ExecutorService pool = Executors.newFixedThreadPool(RACERS + 2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Http.Reply>> regenerations = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    regenerations.add(pool.submit(() -> {
                        start.await();
                        return Http.postJson(kc.patApi(realm.name()) + "/" + id + "/regenerate", bearer,
                                Map.of("overlapSeconds", 600));
                    }));
                }
                List<Future<List<Boolean>>> uses = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    uses.add(pool.submit(() -> {
                        start.await();
                        List<Boolean> answers = new ArrayList<>();
                        for (int n = 0; n < 20; n++) {
                            answers.add(realm.introspect(first).get("active").asBoolean());
                        }
                        return answers;
                    }));
                }
                start.countDown();
                List<String> handedOut = new ArrayList<>(List.of(first));
                long now = System.currentTimeMillis() / 1000;
                for (Future<Http.Reply> future : regenerations) {
                    Http.Reply reply = future.get();
                    assertTrue(reply.status() == 200 || reply.status() == 409, "regenerate answered " + reply.status()
                            + ": " + reply.body());
                    if (reply.status() == 409) {
                        assertTrue(reply.json().hasNonNull("error"), reply.body());
                        continue;
                    }
                    handedOut.add(SECRETS.remember(reply.json().get("token").asText()));
                    long previousEnd = reply.json().get("previousSecretExpiresAt").asLong();
                    assertTrue(previousEnd > now && previousEnd <= now + 600 + 5,
                            "the replaced secret's stated end is the overlap asked for: " + reply.body());
                }
                for (Future<List<Boolean>> answers : uses) {
                    assertFalse(answers.get().contains(false), "the first secret answered inactive during its overlap");
                }
                assertTrue(handedOut.size() >= 2, "at least one regeneration succeeded");
                for (String secret : handedOut) {
                    assertTrue(realm.introspect(secret).get("active").asBoolean(), "a secret handed out stopped before its end");
                }
                // the overlaps over (within the grace for requests under way, so this is no reuse): one secret is left
                long ended = System.currentTimeMillis() / 1000 - 10;
                server.database().update("UPDATE PAT_RETIRED_SECRET SET LIVE_UNTIL = ? WHERE TOKEN_ID = ?", ended, id);
                server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET PREVIOUS_SECRET_UNTIL = NULL WHERE ID = ?", id);
                long working = handedOut.stream().filter(s -> realm.introspect(s).get("active").asBoolean()).count();
                assertEquals(1, working, "after the overlaps only the last secret works");
                assertEquals(200, kc.adminGet(realm.name() + "/personal-access-tokens/" + id).status(),
                        "a replaced secret used within the grace revokes nothing");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * A regeneration without an overlap raced against uses of the old secret: uses sent before it answer active, after
     * it inactive, and none of them is taken for a leak (the token and its new secret live on).
     */
    @Test
    void usesOfTheOldSecretRacedAgainstItsReplacementAreNoLeak() throws Exception {
        String bearer = realm.bearer("rae");
        JsonNode created = expect(Http.postJson(kc.patApi(realm.name()), bearer, Map.of("name", "replaced in use "
                + System.nanoTime(), "scopes", List.of("files.read"),
                "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
        String id = created.get("id").asText();
        String old = SECRETS.remember(created.get("token").asText());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> uses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                uses.add(pool.submit(() -> {
                    start.await();
                    int answered = 0;
                    for (int n = 0; n < 30; n++) {
                        realm.introspect(old);
                        answered++;
                    }
                    return answered;
                }));
            }
            Future<Http.Reply> regeneration = pool.submit(() -> {
                start.await();
                Thread.sleep(50);
                return Http.postEmpty(kc.patApi(realm.name()) + "/" + id + "/regenerate", bearer);
            });
            start.countDown();
            String fresh = SECRETS.remember(expect(regeneration.get(), 200).json().get("token").asText());
            for (Future<Integer> use : uses) {
                assertEquals(30, use.get());
            }
            assertFalse(realm.introspect(old).get("active").asBoolean());
            assertTrue(realm.introspect(fresh).get("active").asBoolean(), "the token was not revoked as leaked");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Replacements by the owner (with and without an overlap) and by the token itself, changes of the policy's overlap
     * limit, uses of the current secret and uses (and a report) of a secret the owner replaced long ago, raced: every
     * answer is a success or a clear JSON refusal, never more than one previous secret works, the token is never lost
     * (a dead secret its owner replaced ends nothing), a token remembers a bounded number of replaced secrets, and a
     * limit of 0 leaves only the current secret.
     */
    @Test
    void replacementsPolicyChangesAndReusesRacedLeaveAtMostOnePreviousSecret() throws Exception {
        String policy = realm.name() + "/personal-access-tokens/policy";
        try {
            for (int round = 0; round < 3; round++) {
                String bearer = realm.bearer("rae");
                JsonNode created = expect(Http.postJson(kc.patApi(realm.name()), bearer, Map.of("name", "rotated under fire "
                        + round + " " + System.nanoTime(), "scopes", List.of("files.read"), "selfRotate", true,
                        "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
                String id = created.get("id").asText();
                String url = kc.patApi(realm.name()) + "/" + id + "/regenerate";
                // the secret it was created with, replaced by its owner and long dead: whoever holds it joins the race
                String dead = SECRETS.remember(created.get("token").asText());
                String first = SECRETS.remember(expect(Http.postEmpty(url, bearer), 200).json().get("token").asText());
                server.database().update("UPDATE PAT_RETIRED_SECRET SET LIVE_UNTIL = ? WHERE TOKEN_ID = ?",
                        System.currentTimeMillis() / 1000 - 120, id);
                server.database().update("UPDATE PERSONAL_ACCESS_TOKEN SET REGENERATED_AT = REGENERATED_AT - 60 WHERE ID = ?", id);
                List<Change> racers = List.of(
                        new Change("regenerate with an overlap", () -> Http.postJson(url, bearer, Map.of("overlapSeconds", 600))),
                        new Change("regenerate with an overlap", () -> Http.postJson(url, bearer, Map.of("overlapSeconds", 600))),
                        new Change("regenerate without an overlap", () -> Http.postEmpty(url, bearer)),
                        new Change("self rotate", () -> Http.postJson(kc.patApi(realm.name()) + "/self/rotate", first,
                                Map.of("overlapSeconds", 600))),
                        new Change("policy limit lowered", () -> kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 300))),
                        new Change("policy limit raised", () -> kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 86_400))),
                        new Change("use of the first secret", () -> Http.get(kc.patApi(realm.name()) + "/self", first)),
                        new Change("use of the dead secret", () -> Http.get(kc.patApi(realm.name()) + "/self", dead)),
                        new Change("revoke by value of the dead secret", () -> kc.reportExposed(realm.name(), List.of(dead))));
                int logBefore = server.log().length();
                ExecutorService pool = Executors.newFixedThreadPool(racers.size());
                CountDownLatch start = new CountDownLatch(1);
                List<String> handedOut = new ArrayList<>(List.of(first));
                try {
                    List<Future<Http.Reply>> replies = new ArrayList<>();
                    for (Change change : racers) {
                        replies.add(pool.submit(() -> {
                            start.await();
                            return change.request().get();
                        }));
                    }
                    start.countDown();
                    for (int i = 0; i < racers.size(); i++) {
                        String what = racers.get(i).name();
                        Http.Reply reply = replies.get(i).get();
                        assertTrue(reply.status() < 500, what + " answered " + reply.status() + ": " + reply.body());
                        if (reply.status() >= 400) {
                            assertTrue(Set.of(400, 401, 403, 409).contains(reply.status()), what + " answered " + reply.status()
                                    + ": " + reply.body());
                            assertTrue(reply.json().hasNonNull("error"), what + ": not a JSON error: " + reply.body());
                        } else if (reply.json().has("token")) {
                            handedOut.add(SECRETS.remember(reply.json().get("token").asText()));
                        }
                    }
                } finally {
                    pool.shutdownNow();
                }
                expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 86_400)), 200);
                awaitReportsHandled();
                assertEquals(200, kc.adminGet(realm.name() + "/personal-access-tokens/" + id).status(),
                        "the token is not lost: holding a secret its owner replaced ends nothing");
                assertFalse(realm.introspect(dead).get("active").asBoolean());
                long working = handedOut.stream().filter(s -> realm.introspect(s).get("active").asBoolean()).count();
                assertTrue(working >= 1 && working <= 2, working + " of " + handedOut.size()
                        + " secrets handed out work: the current one and at most one previous");
                assertTrue(server.database().number("SELECT COUNT(*) FROM PAT_RETIRED_SECRET WHERE TOKEN_ID = ?", id) <= 10);
                expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 0)), 200);
                assertEquals(1, handedOut.stream().filter(s -> realm.introspect(s).get("active").asBoolean()).count(),
                        "with a limit of 0 only the current secret works");
                expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 86_400)), 200);
                String log = server.log().substring(logBefore);
                for (String failure : List.of("Uncaught server error", "StaleObjectStateException", "NullPointerException")) {
                    assertFalse(log.contains(failure), "the server logged " + failure);
                }
            }
        } finally {
            expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 86_400)), 200);
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

    /**
     * A report is answered before it is carried out (a moment after, and retried when it races another change): wait
     * until the queue is empty, that is until every report's revocation, or its finding nothing, is committed. A
     * report whose retries all lost stays queued for the sweep, which leaves the token as consistent as before: after
     * 15 s the checks go on regardless.
     */
    private static void awaitReportsHandled() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (server.database().pendingExposureReports() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}
