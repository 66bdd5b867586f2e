package io.github.kcpat.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;

/**
 * Introspection throughput and latency, on loopback, against one Keycloak with this extension: a PAT, a JWT access
 * token of the same user and scopes, and a malformed token (the floor: client authentication and parsing), in the same
 * run, with 1,000 PATs stored, then the PAT again with 100,000 stored; each once with the realm storing its
 * {@code INTROSPECT_TOKEN} events and once without. Every request must succeed with the expected answer.
 * Run it with {@code ./benchmark.sh}; not a test.
 */
public final class IntrospectionBenchmark {

    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 10_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5_000);

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    private interface Scenario {
        Result run() throws Exception;
    }

    /** Runs the scenarios in turn, {@link #ROUNDS} times, and answers each one's median round by throughput. */
    private static List<Result> interleaved(List<Scenario> scenarios) throws Exception {
        List<List<Result>> rounds = new ArrayList<>();
        scenarios.forEach(s -> rounds.add(new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            // each round starts with another row, so that none always follows the same one (H2 compacts its file
            // after bursts of writes, for instance, and the next row would always pay for it)
            for (int k = 0; k < scenarios.size(); k++) {
                int i = (round + k) % scenarios.size();
                rounds.get(i).add(scenarios.get(i).run());
            }
        }
        List<Result> medians = new ArrayList<>();
        for (List<Result> runs : rounds) {
            runs.sort(java.util.Comparator.comparingDouble(Result::throughput));
            medians.add(runs.get(runs.size() / 2));
        }
        return medians;
    }

    private record Result(String name, int requests, double seconds, double p50, double p99) {
        double throughput() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        KeycloakServer server = KeycloakServer.get();
        if (Boolean.getBoolean("bench.revoke-only")) {
            RevokeByValueTiming.run(server);
            System.exit(0);
        }
        KeycloakApi kc = new KeycloakApi(server);
        String alice = kc.demoToken("alice");
        JsonNode created = KeycloakApi.expect(Http.postJson(kc.patApi(KeycloakApi.DEMO), alice, Map.of("name",
                "benchmark", "scopes", List.of("api.read"))), 201).json();
        String pat = created.get("token").asText();
        String introspect = kc.base() + "/realms/demo/protocol/openid-connect/token/introspect";

        String jwt = kc.userToken(KeycloakApi.DEMO, "demo-cli", "alice", "alice", "api.read");
        // every path warmed up before any is measured, so that no row pays for the JIT compiler's work on another
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int round = 0; round < 2; round++) {
            load(client, request(introspect, pat), "\"active\":true", WARMUP);
            load(client, request(introspect, jwt), "\"active\":true", WARMUP);
            load(client, request(introspect, "kcpat_not-a-token"), "\"active\":false", WARMUP);
        }
        // interleaved rounds, each row's median reported: slow drifts of the machine hit every row alike
        fill(server, 1_000);
        Map<Boolean, List<Result>> byEvents = new java.util.LinkedHashMap<>();
        for (boolean stored : List.of(true, false)) {
            storeEvents(kc, stored);
            byEvents.put(stored, new ArrayList<>(interleaved(List.of(
                    () -> run("PAT (1,000 stored)", introspect, pat, true),
                    // a fresh JWT each round: the run outlasts an access token's lifespan
                    () -> run("JWT access token", introspect, kc.userToken(KeycloakApi.DEMO, "demo-cli", "alice", "alice", "api.read"), true),
                    () -> run("malformed token (floor)", introspect, "kcpat_not-a-token", false)))));
        }
        fill(server, 100_000);
        for (boolean stored : List.of(true, false)) {
            storeEvents(kc, stored);
            byEvents.get(stored).addAll(interleaved(List.of(() -> run("PAT (100,000 stored)", introspect, pat, true))));
        }
        storeEvents(kc, true);

        System.out.println();
        System.out.printf(Locale.ROOT, "Introspection at concurrency %d; each row the median of %d interleaved rounds of %d"
                        + " requests (every path warmed up with 2 x %d first); Keycloak %s on %s; %d cores, load generator on"
                        + " the same machine%n",
                CONCURRENCY, ROUNDS, REQUESTS, WARMUP, System.getProperty("keycloak.server.version"), server.database().kind(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("Metrics: " + (Boolean.parseBoolean(System.getProperty("kc.test.metrics", "true"))
                ? "on (--metrics-enabled=true)" : "off"));
        System.out.println(server.database().kind().equals("h2") ? "Database: Keycloak's embedded H2."
                : "Database: " + server.database().kind() + " on 127.0.0.1, connected to directly.");
        for (Map.Entry<Boolean, List<Result>> table : byEvents.entrySet()) {
            List<Result> results = table.getValue();
            System.out.println();
            System.out.println(table.getKey()
                    ? "INTROSPECT_TOKEN events stored (as the demo realm does): every request writes an event row."
                    : "INTROSPECT_TOKEN events not stored (events off in the realm).");
            System.out.println();
            System.out.println("| token | requests/s | p50 (ms) | p99 (ms) |");
            System.out.println("| --- | ---: | ---: | ---: |");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f |%n", r.name(), r.throughput(), r.p50(), r.p99());
            }
            Result pat1k = results.get(0);
            Result jwtRow = results.get(1);
            Result floor = results.get(2);
            Result pat100k = results.get(3);
            System.out.println();
            System.out.printf(Locale.ROOT, "PAT / JWT throughput: %.2f (target >= 1.00)%n", pat1k.throughput() / jwtRow.throughput());
            System.out.printf(Locale.ROOT, "PAT / malformed-token floor: %.2f (target >= %s)%n",
                    pat1k.throughput() / floor.throughput(), table.getKey() ? "0.60" : "0.35");
            System.out.printf(Locale.ROOT, "PAT at 100,000 / at 1,000 stored: %.2f (target >= 0.90)%n",
                    pat100k.throughput() / pat1k.throughput());
            System.out.printf(Locale.ROOT, "p99 PAT / p99 JWT: %.2f (target <= 1.00)%n", pat1k.p99() / jwtRow.p99());
        }
        RevokeByValueTiming.run(server);
        System.exit(0);
    }

    /** Turns the demo realm's stored user events on (as it ships) or off. */
    private static void storeEvents(KeycloakApi kc, boolean on) {
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                kc.adminGet(KeycloakApi.DEMO + "/events/config").json();
        config.put("eventsEnabled", on);
        KeycloakApi.expect(kc.adminPut(KeycloakApi.DEMO + "/events/config", config), 204);
    }

    private static HttpRequest request(String url, String token) {
        String auth = "Basic " + Base64.getEncoder().encodeToString("demo-api:demo-api-secret".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
    }

    private static Result run(String name, String url, String token, boolean expectActive) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = request(url, token);
        String expected = "\"active\":" + expectActive;
        load(client, request, expected, WARMUP / 5);
        long[] latencies = new long[REQUESTS];
        long start = System.nanoTime();
        load(client, request, expected, REQUESTS, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        java.util.Arrays.sort(latencies);
        return new Result(name, REQUESTS, seconds, latencies[REQUESTS / 2] / 1e6, latencies[(int) (REQUESTS * 0.99)] / 1e6);
    }

    private static void load(HttpClient client, HttpRequest request, String expected, int count) throws Exception {
        load(client, request, expected, count, new long[count]);
    }

    private static void load(HttpClient client, HttpRequest request, String expected, int count, long[] latencies)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        long begin = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - begin;
                        if (response.statusCode() != 200 || !response.body().contains(expected)) {
                            throw new IllegalStateException("Request failed: " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long stored(KeycloakServer server) throws Exception {
        try (Connection c = connect(server); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM PERSONAL_ACCESS_TOKEN")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stores PATs of other users, straight into the table, until the realm holds {@code total}. */
    private static void fill(KeycloakServer server, long total) throws Exception {
        SecureRandom random = new SecureRandom();
        try (Connection c = connect(server)) {
            String realmId;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT ID FROM REALM WHERE NAME = 'demo'")) {
                rs.next();
                realmId = rs.getString(1);
            }
            long missing = total - stored(server);
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO PERSONAL_ACCESS_TOKEN (ID, REALM_ID, USER_ID, NAME,"
                    + " SCOPES, SECRET_HASH, HINT, CREATED_AT, EXPIRES_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long now = System.currentTimeMillis() / 1000;
                byte[] hash = new byte[32];
                for (long i = 0; i < missing; i++) {
                    random.nextBytes(hash);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, realmId);
                    insert.setString(3, "bench-user-" + (i % 5_000));
                    insert.setString(4, "bench " + UUID.randomUUID());
                    insert.setString(5, "api.read");
                    insert.setString(6, HexFormat.of().formatHex(hash));
                    insert.setString(7, "kcpat_...bnch");
                    insert.setLong(8, now);
                    insert.setLong(9, now + 30 * 86_400);
                    insert.addBatch();
                    if (i % 1_000 == 999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
        }
    }

    private static Connection connect(KeycloakServer server) throws Exception {
        return DriverManager.getConnection(server.database().jdbcUrl(), server.database().user(), server.database().password());
    }
}
