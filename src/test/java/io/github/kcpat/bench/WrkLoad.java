package io.github.kcpat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Introspection load from wrk (Debian's package), a load generator in C that takes far less of the shared cores than a
 * JVM client would: POSTs to the introspection endpoint for a fixed time, the tokens taken in turn from a list, and
 * counts every answer that is not 200 with the expected {@code active} as a failure (the run then stops).
 */
final class WrkLoad {

    private static final Pattern SUMMARY = Pattern.compile(
            "BENCH requests=(\\d+) micros=(\\d+) p50=(\\d+) p99=(\\d+) failures=(\\d+) first=(.*)");

    /** Throughput and latency of one timed run. */
    record Result(String name, long requests, double seconds, double p50Millis, double p99Millis) {
        double throughput() {
            return requests / seconds;
        }
    }

    private final String url;
    private final String basic;
    private final int connections;
    private final int threads;
    private final Path script;

    WrkLoad(String url, String clientId, String secret, int connections, int threads) throws IOException {
        this.url = url;
        this.basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.connections = connections;
        this.threads = threads;
        this.script = Files.createTempFile("kcpat-introspect", ".lua");
        try (InputStream in = WrkLoad.class.getResourceAsStream("/bench/introspect.lua")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Fails unless wrk is on the PATH. */
    static void requireWrk() throws Exception {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("The benchmark needs wrk: apt-get install wrk", e);
        }
    }

    Result run(String name, List<String> tokens, boolean active, int seconds) throws Exception {
        Path bodies = Files.createTempFile("kcpat-bodies", ".txt");
        try {
            StringBuilder lines = new StringBuilder();
            for (String token : tokens) {
                lines.append("token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8)).append('\n');
            }
            Files.writeString(bodies, lines);
            Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                    "--timeout", "10s", "-s", script.toString(), url, "--", bodies.toString(),
                    "\"active\":" + active, basic).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            Matcher m = SUMMARY.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("No summary from wrk: " + out);
            }
            if (Long.parseLong(m.group(5)) > 0) {
                throw new IllegalStateException(name + ": " + m.group(5) + " requests failed; the first: " + m.group(6));
            }
            return new Result(name, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
                    Long.parseLong(m.group(3)) / 1e3, Long.parseLong(m.group(4)) / 1e3);
        } finally {
            Files.deleteIfExists(bodies);
        }
    }
}
