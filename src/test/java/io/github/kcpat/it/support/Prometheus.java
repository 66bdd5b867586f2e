package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of Keycloak's {@code /metrics} (the Prometheus text format), read as series: name, labels, value.
 */
public final class Prometheus {

    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public record Series(String name, Map<String, String> labels, double value) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final java.util.List<Series> series;
    private final String text;

    private Prometheus(String text) {
        this.text = text;
        this.series = text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).map(Prometheus::parse).toList();
    }

    public static Prometheus scrape(KeycloakServer server) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.metricsUrl())).header("Accept", "text/plain").GET().build();
        try {
            HttpResponse<String> reply = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("GET " + server.metricsUrl() + " answered " + reply.statusCode());
            }
            return new Prometheus(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Series parse(String line) {
        Matcher m = SERIES.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("Not a Prometheus series: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null) {
            Matcher l = LABEL.matcher(m.group(3));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        return new Series(m.group(1), labels, Double.parseDouble(m.group(4)));
    }

    /** The sum of the series of that name whose labels include these pairs (name, value, name, value …); 0 if none. */
    public double value(String name, String... labels) {
        return series.stream().filter(s -> s.name().equals(name) && has(s.labels(), labels)).mapToDouble(Series::value).sum();
    }

    /** Whether a series of that name is there at all. */
    public boolean has(String name) {
        return series.stream().anyMatch(s -> s.name().equals(name));
    }

    public java.util.List<Series> series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).toList();
    }

    public String text() {
        return text;
    }

    private static boolean has(Map<String, String> actual, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(actual.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
