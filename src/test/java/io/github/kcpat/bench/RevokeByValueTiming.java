package io.github.kcpat.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.token.TokenFormat;
import io.github.kcpat.token.TokenHasher;

/**
 * Times revoke by value (not a test): one request at a time, live, dead (well formed, never issued) and malformed values
 * interleaved, each request's answer time recorded; prints the medians side by side and their differences. A live
 * value is a token stored just before (straight into the table, with a known secret; the API would need a fresh
 * sign-in per token and stop at the realm's per-user limit) that the request revokes. Its owner has a verified e-mail
 * address and the realm a working SMTP server, so each revocation also sends a mail: the heaviest work a live value
 * starts. The answer must not tell which was which, so the medians should be the same within the machine's noise.
 */
final class RevokeByValueTiming {

    private static final int PER_KIND = Integer.getInteger("bench.revoke.requests", 1_000);

    private RevokeByValueTiming() {
    }

    /**
     * Once with the server's own start delay of the revocation after the answer; with
     * {@code -Dbench.revoke.start-delays=0,300} once per delay (milliseconds), one after the other, to compare them under
     * the same load.
     */
    static void run(KeycloakServer server) throws Exception {
        String delays = System.getProperty("bench.revoke.start-delays", "");
        for (String delay : delays.isBlank() ? new String[] {null} : delays.split(",")) {
            // the per-address rate limit would stop a timing run after 30 requests
            server.restartWith(List.of("--spi-realm-restapi-extension--personal-access-tokens--revoke-rate-limit=0"),
                    delay == null ? null : "-Dkcpat.bench.exposure-start-delay-millis=" + delay.trim());
            System.out.println();
            System.out.println(delay == null ? "Revocation started after the answer with the server's own delay"
                    : "Revocation started " + delay.trim() + " ms after the commit");
            runOnce(server);
        }
    }

    private static void runOnce(KeycloakServer server) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            time(server, smtp);
        } finally {
            smtp.stop();
        }
    }

    private static void time(KeycloakServer server, GreenMail smtp) throws Exception {
        KeycloakApi.expect(new KeycloakApi(server).adminPut("demo", Map.of("smtpServer", Map.of("host", "127.0.0.1",
                "port", Integer.toString(smtp.getSmtp().getPort()), "from", "keycloak@example.org"))), 204);
        TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
        List<String> live = storeLiveTokens(server, format, PER_KIND + 50);
        String url = server.baseUrl() + "/realms/demo/personal-access-tokens/revoke";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long[][] nanos = new long[3][PER_KIND];
        String[] names = {"live token", "dead token (well formed, never issued)", "malformed value"};
        for (int i = 0; i < 50; i++) { // warm-up of every kind
            post(client, url, live.get(PER_KIND + i));
            post(client, url, format.newToken());
            post(client, url, "kcpat_not-a-token");
        }
        for (int i = 0; i < PER_KIND; i++) {
            for (int k = 0; k < 3; k++) {
                int kind = (k + i) % 3; // rotate the order, so no kind always follows another
                String value = kind == 0 ? live.get(i) : kind == 1 ? format.newToken() : "kcpat_not-a-" + i;
                nanos[kind][i] = post(client, url, value);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Revoke by value, one request at a time, %d of each kind interleaved; Keycloak %s on %s%n",
                PER_KIND, System.getProperty("keycloak.server.version"), server.database().kind());
        System.out.println();
        System.out.println("| value | median (ms) | p90 (ms) |");
        System.out.println("| --- | ---: | ---: |");
        double[] medians = new double[3];
        for (int kind = 0; kind < 3; kind++) {
            long[] sorted = nanos[kind].clone();
            Arrays.sort(sorted);
            medians[kind] = sorted[sorted.length / 2] / 1e6;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", names[kind], medians[kind],
                    sorted[(int) (sorted.length * 0.9)] / 1e6);
        }
        System.out.printf(Locale.ROOT, "%nMedian live - dead: %+.2f ms (live / dead %.2f); live - malformed: %+.2f ms"
                        + " (live / malformed %.2f); target: 0 within noise%n",
                medians[0] - medians[1], medians[0] / medians[1], medians[0] - medians[2], medians[0] / medians[2]);
        // each revocation is started a moment after its answer: give the last ones time to land before counting
        long deadline = System.currentTimeMillis() + 30_000;
        long left = countLive(server, live.subList(0, PER_KIND));
        while (left > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            left = countLive(server, live.subList(0, PER_KIND));
        }
        System.out.printf(Locale.ROOT, "Live tokens still stored after the run: %d of %d (each was revoked after its answer);"
                + " mails received: %d%n", left, PER_KIND, smtp.getReceivedMessages().length);
    }

    private static long post(HttpClient client, String url, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tokens\":[\"" + value + "\"]}")).build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 202) {
            throw new IllegalStateException("revoke answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    private static List<String> storeLiveTokens(KeycloakServer server, TokenFormat format, int count) throws Exception {
        List<String> secrets = new ArrayList<>();
        try (TokenTable table = TokenTable.open(server)) {
            String realmId = table.demoRealmId();
            String userId;
            try (PreparedStatement user = table.connection().prepareStatement(
                    "SELECT ID FROM USER_ENTITY WHERE REALM_ID = ? AND USERNAME = 'bob'")) {
                user.setString(1, realmId);
                try (ResultSet rs = user.executeQuery()) {
                    rs.next();
                    userId = rs.getString(1);
                }
            }
            long now = System.currentTimeMillis() / 1000;
            for (int i = 0; i < count; i++) {
                String secret = format.newToken();
                secrets.add(secret);
                table.add(realmId, userId, "revoke timing " + UUID.randomUUID(), TokenHasher.hash(secret),
                        format.displayHint(secret), now, now + 86_400);
            }
            table.flush();
        }
        return secrets;
    }

    private static long countLive(KeycloakServer server, List<String> secrets) throws Exception {
        long left = 0;
        try (Connection c = TokenTable.connect(server);
             PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM PERSONAL_ACCESS_TOKEN WHERE SECRET_HASH = ?")) {
            for (String secret : secrets) {
                query.setString(1, TokenHasher.hash(secret));
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    left += rs.getLong(1);
                }
            }
        }
        return left;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
