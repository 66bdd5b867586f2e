package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak distribution (unpacked from Maven Central by the build) started as a process with the freshly
 * built provider jar and the demo realm, on its embedded H2 database. One server per test JVM, started on first
 * use and stopped when the JVM exits. Its whole output goes to {@code target/keycloak-it.log}.
 */
public final class KeycloakServer {

    private static KeycloakServer instance;

    private final Path home;
    private final Path log;
    /** Where in the log the last start began. */
    private volatile int lastStartMark;
    private final int port;
    private final TestDatabase database;
    /** Options beyond the defaults; a cluster node's, for instance. */
    private final List<String> extraOptions = new ArrayList<>();
    private final java.util.Map<String, String> extraEnvironment = new java.util.HashMap<>();
    private Process process;
    private int managementPort;

    private KeycloakServer(Path home, Path log, int port) {
        this.home = home;
        this.log = log;
        this.port = port;
        this.database = TestDatabase.choose(home);
    }

    /**
     * Another Keycloak process on the test server's database (PostgreSQL), as a member of an Infinispan cluster that
     * discovers its peers through that database; on loopback, with its own copy of the distribution. Stop it with
     * {@link #shutdown()}.
     */
    public static KeycloakServer clusterNode(String name) {
        return clusterNode(name, List.of());
    }

    /** A cluster node as {@link #clusterNode(String)}, started with these options besides (a feature, say). */
    public static KeycloakServer clusterNode(String name, List<String> options) {
        KeycloakServer main = get();
        Path copy = main.home.resolveSibling("keycloak-" + name);
        try {
            deleteTree(copy);
            Process cp = new ProcessBuilder("cp", "-r", main.home.toString(), copy.toString()).inheritIO().start();
            if (cp.waitFor() != 0) {
                throw new IllegalStateException("Could not copy the distribution for " + name);
            }
            deleteTree(copy.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        KeycloakServer node = new KeycloakServer(copy, copy.getParent().resolve("keycloak-" + name + ".log"), freePort());
        node.extraOptions.addAll(List.of("--cache=ispn", "--cache-stack=jdbc-ping"));
        node.extraOptions.addAll(options);
        node.extraEnvironment.put("JAVA_OPTS_APPEND", "-Djgroups.bind.address=127.0.0.1 -Djgroups.bind.port=" + freePort());
        node.extraEnvironment.put("KC_DB_URL", node.database.directUrl());
        try {
            Files.deleteIfExists(node.log);
            for (int attempt = 1; ; attempt++) {
                try {
                    node.launch();
                    break;
                } catch (IllegalStateException e) {
                    // Keycloak's own start-up race with --cache=ispn: JGroups' JDBC discovery may ask for the JPA
                    // connection before Hibernate's EntityManagerFactory exists ("emf" is null), and the process exits.
                    // It is not what these tests are about; a second start gets past it.
                    if (attempt >= 3 || !node.log().contains("\"emf\" is null")) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    public void shutdown() {
        stop();
    }

    /** The distribution's folder themes: a theme written here is served without a restart (start-dev caches none). */
    public Path themesDir() {
        return home.resolve("themes");
    }

    /** The distribution's folder, where {@code kc.sh} runs: {@code providers/}, {@code data/h2/} (on H2) and the rest. */
    public Path home() {
        return home;
    }

    /** The server's JVM (kc.sh starts it as a child), for tools that attach to it such as {@code jcmd}. */
    public long javaPid() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    public TestDatabase database() {
        return database;
    }

    public static synchronized KeycloakServer get() {
        if (instance == null) {
            Path home = Path.of(required("keycloak.server.dir"));
            Path log = home.getParent().resolve("keycloak-it.log");
            instance = new KeycloakServer(home, log, freePort());
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** Keycloak's Prometheus metrics on the management port of the current start. */
    public String metricsUrl() {
        return "http://localhost:" + managementPort + "/metrics";
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** What the server has printed since it last started (or restarted), for what a start logs on its line. */
    public String logSinceLastStart() {
        String all = log();
        return all.substring(Math.min(lastStartMark, all.length()));
    }

    /** Everything the server has printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() {
        try {
            prepareHome();
            database.recreate();
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
    }

    /** Stops the server and starts it again on the same port and database, keeping every row. */
    public synchronized void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart Keycloak from " + home, e);
        }
    }

    /**
     * Kills the server at once, as a crash would (no shutdown, nothing flushed), and starts it again on the same port
     * and database with these extra options and Java system properties for this start only ({@code null} for none).
     */
    public synchronized void crashAndRestart(List<String> options, String javaOptions) {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(all, Duration.ofSeconds(30))) {
                throw new IllegalStateException("Keycloak did not exit when killed; see " + log);
            }
            awaitPortFree(Duration.ofSeconds(30));
        }
        relaunchWith(options, javaOptions);
    }

    /** Stops the server and starts it again with these extra options and Java system properties, for this start only. */
    public synchronized void restartWith(List<String> options, String javaOptions) {
        stop();
        relaunchWith(options, javaOptions);
    }

    private void relaunchWith(List<String> options, String javaOptions) {
        List<String> savedOptions = new ArrayList<>(extraOptions);
        java.util.Map<String, String> savedEnvironment = new java.util.HashMap<>(extraEnvironment);
        extraOptions.addAll(options);
        if (javaOptions != null && !javaOptions.isBlank()) {
            extraEnvironment.merge("JAVA_OPTS_APPEND", javaOptions, (a, b) -> a + " " + b);
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart Keycloak from " + home, e);
        } finally {
            extraOptions.clear();
            extraOptions.addAll(savedOptions);
            extraEnvironment.clear();
            extraEnvironment.putAll(savedEnvironment);
        }
    }

    private void launch() throws IOException {
        lastStartMark = Files.exists(log) ? log().length() : 0;
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port,
                "--http-management-port=" + (managementPort = freePort()),
                // Keycloak's metrics (and the extension's) on the management port, as operators run it
                // (-Dkc.test.metrics=false for the benchmark's comparison without them)
                "--metrics-enabled=" + Boolean.parseBoolean(System.getProperty("kc.test.metrics", "true")),
                "--import-realm",
                "--log-level=" + System.getProperty("kc.test.log-level", "INFO,io.github.kcpat:debug,org.keycloak.events:debug")));
        command.addAll(extraEnvironment.containsKey("KC_DB_URL")
                ? database.serverOptions().stream().filter(o -> !o.startsWith("--db-url=")).toList()
                : database.serverOptions());
        command.addAll(extraOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().putAll(extraEnvironment);
        String javaOpts = System.getProperty("kc.test.java-opts", "");
        if (!javaOpts.isBlank()) {
            builder.environment().merge("JAVA_OPTS_APPEND", javaOpts, (a, b) -> a + " " + b);
        }
        process = builder.start();
        // a loaded machine (CI, shared cores) may need longer: -Dkc.test.start-timeout-seconds
        awaitReady(Duration.ofSeconds(Long.getLong("kc.test.start-timeout-seconds", 240)));
    }

    /** A clean database, this build's provider jar and the demo realm to import. */
    private void prepareHome() throws IOException {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + "; run the tests through 'mvn verify'");
        }
        deleteTree(home.resolve("data"));
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        try (Stream<Path> old = Files.list(providers)) {
            for (Path jar : old.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        Files.deleteIfExists(log);
        Path jar = Path.of(required("provider.jar"));
        Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(Path.of(required("demo.realm")), imports.resolve("demo-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        URI demo = URI.create(baseUrl() + "/realms/demo/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log
                        + "; its last lines:\n" + lastLines(logSinceLastStart(), 40));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(demo).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1000);
        }
        stop();
        throw new IllegalStateException("Keycloak did not start within " + timeout + "; see " + log);
    }

    /**
     * Stops the server and waits until every process of it has exited, so that the next start finds the port and the
     * H2 file free: first a graceful stop, then, after 30 s, a forced one, waited for too.
     */
    private void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        if (!awaitExit(all, Duration.ofSeconds(30))) {
            all.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(all, Duration.ofSeconds(30))) {
                throw new IllegalStateException("Keycloak did not exit; see " + log);
            }
        }
        awaitPortFree(Duration.ofSeconds(30));
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (ProcessHandle handle : processes) {
            try {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // cannot happen: onExit completes normally
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void awaitPortFree(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (ServerSocket probe = new ServerSocket(port)) {
                return;
            } catch (IOException stillBound) {
                sleep(200);
            }
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests through 'mvn verify'");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
