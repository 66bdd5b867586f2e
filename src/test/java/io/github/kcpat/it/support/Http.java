package io.github.kcpat.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A minimal HTTP client for the tests: JSON in, {@link Reply} out. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public record Reply(int status, HttpResponse<String> raw) {

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Every value of the header, however many times the server sent it. */
        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public static Reply get(String url, String bearer) {
        return send(request(url, bearer).GET());
    }

    public static Reply delete(String url, String bearer) {
        return send(request(url, bearer).DELETE());
    }

    public static Reply delete(String url, String bearer, Object body) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public static Reply postJson(String url, String bearer, Object body) {
        String text = body instanceof String s ? s : write(body);
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public static Reply putJson(String url, String bearer, Object body) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public static Reply post(String url, String bearer, String contentType, String body) {
        return send(request(url, bearer).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST with no body and no content type, as {@code curl -X POST} sends it. */
    public static Reply postEmpty(String url, String bearer) {
        return send(request(url, bearer).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST whose body has no announced length (chunked), as a client streaming a body sends it. */
    public static Reply postChunked(String url, String bearer, String contentType, byte[] body) {
        return send(request(url, bearer).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    public static Reply putRaw(String url, String bearer, String contentType, String body) {
        return send(request(url, bearer).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static Reply postForm(String url, String basicUser, String basicPassword, Map<String, String> form) {
        return postForm(url, basicUser, basicPassword, form, Map.of());
    }

    /** A form posted with client credentials and extra headers (what a hostile caller may add, such as X-Forwarded-For). */
    public static Reply postForm(String url, String basicUser, String basicPassword, Map<String, String> form,
                                 Map<String, String> headers) {
        HttpRequest.Builder builder = request(url, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(builder::header);
        if (basicUser != null) {
            String credentials = URLEncoder.encode(basicUser, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(basicPassword, StandardCharsets.UTF_8);
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return send(builder);
    }

    /** A form posted with a bearer token, as a client holding a user's token does (UMA, for instance). */
    public static Reply postFormAsBearer(String url, String bearer, Map<String, String> form) {
        return send(request(url, bearer)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
