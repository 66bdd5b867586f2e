package io.github.kcpat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.token.TokenFormat;
import io.github.kcpat.token.TokenHasher;

/**
 * Introspection throughput and latency on loopback, against one Keycloak with this extension, the load from wrk on the
 * same cores, the realm storing no events: a PAT, a JWT access token of the same user and scopes, and a malformed
 * token (the floor: client authentication, parsing, the error event), in interleaved rounds; then the same three with
 * 100,000 PATs stored and 2,000 distinct PATs of 200 users in use; then with 50 more client scopes (each with a
 * protocol mapper) on both clients and 200 roles on the user. Every request must succeed with the expected answer.
 * With {@code -Dbench.profile=DIR} (a server started recording, as {@code BENCH_PROFILE} in benchmark.sh does), the rows of
 * the first and of the last table run once more and their CPU time per request is broken down by step
 * ({@link ProfileBreakdown}); {@code -Dbench.first-table-only=true} stops after the first table. Run it with
 * {@code ./benchmark.sh}; not a test.
 */
public final class IntrospectionBenchmark {

    private static final int CONNECTIONS = Integer.getInteger("bench.concurrency", 16);
    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 15);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final String PROFILE_DIR = System.getProperty("bench.profile", "");
    private static final int PROFILE_SECONDS = Integer.getInteger("bench.profile-seconds", 30);
    private static final int USERS_IN_USE = 200;
    private static final int TOKENS_PER_USER = 10;
    private static final int CLIENT_SCOPES = 50;
    private static final int ROLES = 200;

    /** One row of a table: a named load. */
    private interface Scenario {
        WrkLoad.Result run(int seconds) throws Exception;

        default WrkLoad.Result run() throws Exception {
            return run(SECONDS);
        }
    }

    /** Runs the scenarios in turn, {@link #ROUNDS} times, and answers each one's median round by throughput. */
    private static List<WrkLoad.Result> interleaved(List<Scenario> scenarios) throws Exception {
        List<List<WrkLoad.Result>> rounds = new ArrayList<>();
        scenarios.forEach(s -> rounds.add(new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            // each round starts with another row, so that none always follows the same one
            for (int k = 0; k < scenarios.size(); k++) {
                int i = (round + k) % scenarios.size();
                rounds.get(i).add(scenarios.get(i).run());
            }
        }
        List<WrkLoad.Result> medians = new ArrayList<>();
        for (List<WrkLoad.Result> runs : rounds) {
            runs.sort(java.util.Comparator.comparingDouble(WrkLoad.Result::throughput));
            medians.add(runs.get(runs.size() / 2));
        }
        return medians;
    }

    public static void main(String[] args) throws Exception {
        KeycloakServer server = KeycloakServer.get();
        if (Boolean.getBoolean("bench.revoke-only")) {
            RevokeByValueTiming.run(server);
            System.exit(0);
        }
        WrkLoad.requireWrk();
        KeycloakApi kc = new KeycloakApi(server);
        String alice = kc.demoToken("alice");
        long expiry = System.currentTimeMillis() / 1000 + 30 * 86_400L;
        String pat = KeycloakApi.expect(Http.postJson(kc.patApi(KeycloakApi.DEMO), alice,
                KeycloakApi.patBody("benchmark", List.of("api.read"), expiry)), 201).json().get("token").asText();
        String introspect = kc.base() + "/realms/demo/protocol/openid-connect/token/introspect";
        WrkLoad wrk = new WrkLoad(introspect, KeycloakApi.RESOURCE_SERVER, KeycloakApi.RESOURCE_SERVER_SECRET,
                CONNECTIONS, THREADS);
        storeEvents(kc, false);
        fill(server, 1_000);

        Scenario patRow = seconds -> wrk.run("PAT", List.of(pat), true, seconds);
        // a fresh JWT each run: the rounds outlast an access token's lifespan
        Scenario jwtRow = seconds -> wrk.run("JWT access token", List.of(jwt(kc)), true, seconds);
        Scenario floorRow = seconds -> wrk.run("malformed token (floor)", List.of("kcpat_not-a-token"), false, seconds);
        // every path warmed up before any is measured, so that no row pays for the JIT compiler's work on another
        for (int round = 0; round < 2; round++) {
            wrk.run("warm-up", List.of(pat), true, WARMUP_SECONDS);
            wrk.run("warm-up", List.of(jwt(kc)), true, WARMUP_SECONDS);
            wrk.run("warm-up", List.of("kcpat_not-a-token"), false, WARMUP_SECONDS);
        }
        Map<String, List<WrkLoad.Result>> tables = new LinkedHashMap<>();
        tables.put("Demo realm, 1,000 PATs stored, one PAT in use", interleaved(List.of(patRow, jwtRow, floorRow)));
        Map<String, Map<String, ProfileBreakdown.Breakdown>> profiles = new LinkedHashMap<>();
        if (!PROFILE_DIR.isBlank()) {
            profiles.put("the first table's rows", profile(server, "demo", Map.of("PAT", patRow, "JWT", jwtRow, "floor", floorRow)));
        }

        if (Boolean.getBoolean("bench.first-table-only")) {
            print(server, tables, profiles);
            System.exit(0);
        }
        List<String> inUse = storeInUse(server, kc);
        fill(server, 100_000);
        wrk.run("warm-up", inUse, true, WARMUP_SECONDS);
        tables.put("100,000 PATs stored, 2,000 distinct PATs of 200 users in use, in turn", interleaved(List.of(
                seconds -> wrk.run("PAT (2,000 in use)", inUse, true, seconds), jwtRow, floorRow)));

        EnterpriseRealm.apply(kc, CLIENT_SCOPES, ROLES);
        for (int round = 0; round < 2; round++) {
            wrk.run("warm-up", List.of(pat), true, WARMUP_SECONDS);
            wrk.run("warm-up", List.of(jwt(kc)), true, WARMUP_SECONDS);
        }
        tables.put("As the first, with " + CLIENT_SCOPES + " more client scopes (a mapper each) on both clients and "
                + ROLES + " roles on the user", interleaved(List.of(patRow, jwtRow, floorRow)));
        if (!PROFILE_DIR.isBlank()) {
            profiles.put("the last table's rows (" + CLIENT_SCOPES + " client scopes, " + ROLES + " roles)",
                    profile(server, "enterprise", Map.of("PAT", patRow, "JWT", jwtRow, "floor", floorRow)));
        }
        storeEvents(kc, true);

        print(server, tables, profiles);
        if (Boolean.getBoolean("bench.revoke")) {
            RevokeByValueTiming.run(server);
        }
        System.exit(0);
    }

    private static String jwt(KeycloakApi kc) {
        return kc.userToken(KeycloakApi.DEMO, "demo-cli", "alice", "alice", "api.read");
    }

    /** Each row once more under JDK Flight Recorder, and its CPU time per request by step. */
    private static Map<String, ProfileBreakdown.Breakdown> profile(KeycloakServer server, String label, Map<String, Scenario> rows)
            throws Exception {
        Path dir = Path.of(PROFILE_DIR);
        Files.createDirectories(dir);
        // the server records from its start (BENCH_PROFILE in benchmark.sh sets -XX:StartFlightRecording): starting a
        // recording later makes the JVM recompile code, which would be measured; each row's samples are cut out by time
        Map<String, java.time.Instant[]> windows = new LinkedHashMap<>();
        Map<String, WrkLoad.Result> runs = new LinkedHashMap<>();
        for (String name : List.of("PAT", "JWT", "floor")) {
            java.time.Instant from = java.time.Instant.now();
            runs.put(name, rows.get(name).run(PROFILE_SECONDS));
            windows.put(name, new java.time.Instant[]{from, java.time.Instant.now()});
        }
        Path file = dir.resolve("introspection-" + label + ".jfr");
        new FlightRecorder(server.javaPid()).dump(file);
        Map<String, ProfileBreakdown.Breakdown> result = new LinkedHashMap<>();
        for (String name : runs.keySet()) {
            System.out.printf(Locale.ROOT, "Recorded %s: %.0f requests/s%n", name, runs.get(name).throughput());
            result.put(name, ProfileBreakdown.of(file, windows.get(name)[0], windows.get(name)[1], runs.get(name).requests()));
        }
        return result;
    }

    private static void print(KeycloakServer server, Map<String, List<WrkLoad.Result>> tables,
                              Map<String, Map<String, ProfileBreakdown.Breakdown>> allProfiles) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Introspection by wrk (%d threads, %d connections) on the same %d cores; each row the"
                        + " median of %d interleaved rounds of %d s (every path warmed up first); Keycloak %s on %s;"
                        + " INTROSPECT_TOKEN events not stored%n",
                THREADS, CONNECTIONS, Runtime.getRuntime().availableProcessors(), ROUNDS, SECONDS,
                System.getProperty("keycloak.server.version"), server.database().kind());
        System.out.println("Metrics: " + (Boolean.parseBoolean(System.getProperty("kc.test.metrics", "true"))
                ? "on (--metrics-enabled=true)" : "off"));
        System.out.println(server.database().kind().equals("h2") ? "Database: Keycloak's embedded H2."
                : "Database: " + server.database().kind() + " on 127.0.0.1, connected to directly.");
        for (Map.Entry<String, List<WrkLoad.Result>> table : tables.entrySet()) {
            List<WrkLoad.Result> rows = table.getValue();
            System.out.println();
            System.out.println(table.getKey() + ":");
            System.out.println();
            System.out.println("| token | requests/s | p50 (ms) | p99 (ms) |");
            System.out.println("| --- | ---: | ---: | ---: |");
            for (WrkLoad.Result r : rows) {
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f |%n", r.name(), r.throughput(), r.p50Millis(), r.p99Millis());
            }
            double patJwt = rows.get(0).throughput() / rows.get(1).throughput();
            double patFloor = rows.get(0).throughput() / rows.get(2).throughput();
            System.out.println();
            System.out.printf(Locale.ROOT, "PAT / JWT: %.2f (target >= 1.30)   PAT / floor: %.2f (target >= 0.60)%n",
                    patJwt, patFloor);
            // one line per table for benchmark.sh's summary of metrics on against off
            System.out.printf(Locale.ROOT, "RATIOS|%s|%s|%d|%.3f|%.3f%n", server.database().kind(),
                    System.getProperty("kc.test.metrics", "true"), table.getKey().hashCode() & 0xffff, patJwt, patFloor);
        }
        for (Map.Entry<String, Map<String, ProfileBreakdown.Breakdown>> entry : allProfiles.entrySet()) {
            Map<String, ProfileBreakdown.Breakdown> profiles = entry.getValue();
            System.out.println();
            System.out.println("CPU time per request by step (microseconds; JDK Flight Recorder, " + entry.getKey() + "):");
            System.out.println();
            System.out.println("| step | floor | PAT | JWT | PAT - floor |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            for (String step : ProfileBreakdown.STEPS) {
                double floor = profiles.get("floor").microsByStep().get(step);
                double pat = profiles.get("PAT").microsByStep().get(step);
                double jwt = profiles.get("JWT").microsByStep().get(step);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %+.0f |%n", step, floor, pat, jwt, pat - floor);
            }
            System.out.printf(Locale.ROOT, "| **total** | **%.0f** | **%.0f** | **%.0f** | **%+.0f** |%n",
                    profiles.get("floor").microsPerRequest(), profiles.get("PAT").microsPerRequest(),
                    profiles.get("JWT").microsPerRequest(),
                    profiles.get("PAT").microsPerRequest() - profiles.get("floor").microsPerRequest());
        }
    }

    /**
     * Stores {@link #TOKENS_PER_USER} PATs for each of {@link #USERS_IN_USE} new users (made with the demo users' role)
     * straight into the table, with secrets of the realm's format, and answers the secrets.
     */
    private static List<String> storeInUse(KeycloakServer server, KeycloakApi kc) throws Exception {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int u = 0; u < USERS_IN_USE; u++) {
            users.add(Map.of("id", UUID.randomUUID().toString(), "username", "bench-" + u, "enabled", true,
                    "realmRoles", List.of("default-roles-demo")));
        }
        KeycloakApi.expect(kc.adminPost(KeycloakApi.DEMO + "/partialImport", Map.of("ifResourceExists", "SKIP",
                "users", users)), 200);
        TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
        List<String> secrets = new ArrayList<>();
        try (TokenTable table = TokenTable.open(server)) {
            String realmId = table.demoRealmId();
            table.connection().setAutoCommit(false);
            long now = System.currentTimeMillis() / 1000;
            for (Map<String, Object> user : users) {
                for (int t = 0; t < TOKENS_PER_USER; t++) {
                    String secret = format.newToken();
                    secrets.add(secret);
                    table.add(realmId, (String) user.get("id"), "in use " + t, TokenHasher.hash(secret),
                            format.displayHint(secret), now, now + 30 * 86_400);
                }
            }
            table.flush();
            table.connection().commit();
            settle(table.connection(), server.database().kind());
        }
        // spread over the list, so that consecutive requests are for different users
        java.util.Collections.shuffle(secrets, new java.util.Random(1));
        return secrets;
    }

    /** Turns the demo realm's stored user events on (as it ships) or off. */
    private static void storeEvents(KeycloakApi kc, boolean on) {
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                kc.adminGet(KeycloakApi.DEMO + "/events/config").json();
        config.put("eventsEnabled", on);
        KeycloakApi.expect(kc.adminPut(KeycloakApi.DEMO + "/events/config", config), 204);
    }

    private static long stored(KeycloakServer server) throws Exception {
        try (Connection c = TokenTable.connect(server); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM PERSONAL_ACCESS_TOKEN")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stores PATs of other users, straight into the table, until the realm holds {@code total}. */
    private static void fill(KeycloakServer server, long total) throws Exception {
        SecureRandom random = new SecureRandom();
        try (TokenTable table = TokenTable.open(server)) {
            String realmId = table.demoRealmId();
            long missing = total - stored(server);
            table.connection().setAutoCommit(false);
            long now = System.currentTimeMillis() / 1000;
            byte[] hash = new byte[32];
            for (long i = 0; i < missing; i++) {
                random.nextBytes(hash);
                table.add(realmId, "bench-user-" + (i % 5_000), "bench " + UUID.randomUUID(), HexFormat.of().formatHex(hash),
                        "kcpat_...bnch", now, now + 30 * 86_400);
                if (i % 1_000 == 999) {
                    table.flush();
                    table.connection().commit();
                }
            }
            table.flush();
            table.connection().commit();
            settle(table.connection(), server.database().kind());
        }
    }

    /**
     * Has the database update its statistics of the token table now, so that its own background work after a bulk
     * insert (PostgreSQL's autovacuum) does not fall into the measured rounds.
     */
    private static void settle(Connection c, String kind) throws Exception {
        c.setAutoCommit(true);
        try (java.sql.Statement statement = c.createStatement()) {
            switch (kind) {
                case "postgres" -> statement.execute("VACUUM ANALYZE PERSONAL_ACCESS_TOKEN");
                case "mariadb" -> statement.execute("ANALYZE TABLE PERSONAL_ACCESS_TOKEN");
                default -> statement.execute("ANALYZE");
            }
        }
    }

}
