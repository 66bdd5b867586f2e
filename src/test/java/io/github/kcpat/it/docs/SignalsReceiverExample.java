package io.github.kcpat.it.docs;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * A resource server's side of PAT signals: introspection answers cached by the SHA-256 of the token, and a Shared
 * Signals receiver that polls its stream (RFC 8936), verifies each SET, drops the cached answers of the PAT it names
 * and of every token exchanged from it, then acknowledges it. Needs only the JDK and Nimbus JOSE+JWT.
 */
public final class SignalsReceiverExample {

    static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    static final String CREDENTIAL_COMPROMISE = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";
    static final String PAT = "personal-access-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Active introspection answers, kept by the SHA-256 of the token (never the token), none past its {@code exp}. */
    public static final class IntrospectionCache {

        private record Entry(Map<String, Object> answer, Instant until) {
        }

        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        private final Duration maxAge;

        public IntrospectionCache(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public Map<String, Object> get(String token) {
            String key = key(token);
            Entry entry = entries.get(key);
            if (entry != null && Instant.now().isBefore(entry.until())) {
                return entry.answer();
            }
            entries.remove(key);
            return null;
        }

        /** Keeps an active answer; an inactive one is not kept (asking again is cheap, and always right). */
        public void put(String token, Map<String, Object> answer) {
            if (!Boolean.TRUE.equals(answer.get("active"))) {
                return;
            }
            Instant until = Instant.now().plus(maxAge);
            if (answer.get("exp") instanceof Number exp && Instant.ofEpochSecond(exp.longValue()).isBefore(until)) {
                until = Instant.ofEpochSecond(exp.longValue());
            }
            entries.put(key(token), new Entry(answer, until));
        }

        /** Drops the answers of this PAT and of every token exchanged from it: each names it in {@code pat_id}. */
        public int dropPat(String patId) {
            int dropped = 0;
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                if (patId.equals(entry.getValue().answer().get("pat_id")) && entries.remove(entry.getKey(), entry.getValue())) {
                    dropped++;
                }
            }
            return dropped;
        }

        private static String key(String token) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Introspection (RFC 7662) at the realm with the resource server's own client, through the cache. */
    public static final class CachingIntrospector {

        private final String issuer;
        private final String clientId;
        private final String clientSecret;
        private final IntrospectionCache cache;

        public CachingIntrospector(String issuer, String clientId, String clientSecret, IntrospectionCache cache) {
            this.issuer = issuer;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.cache = cache;
        }

        public Map<String, Object> introspect(String token) throws IOException, InterruptedException, ParseException {
            Map<String, Object> answer = cache.get(token);
            if (answer == null) {
                answer = postForm(issuer + "/protocol/openid-connect/token/introspect", clientId, clientSecret,
                        Map.of("token", token));
                cache.put(token, answer);
            }
            return answer;
        }
    }

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String pollUrl;
    private final IntrospectionCache cache;
    private final DefaultJWTProcessor<SecurityContext> sets = new DefaultJWTProcessor<>();
    private final List<String> acknowledged = new ArrayList<>();
    private final Map<String, Object> refused = new LinkedHashMap<>();

    /**
     * @param issuer the realm's URL, {@code https://keycloak.example.org/realms/demo}
     * @param clientId the receiver client ({@code ssf.enabled=true}, a service account, the scope {@code ssf.read})
     * @param pollUrl the stream's {@code delivery.endpoint_url}
     * @param audience the stream's {@code aud}
     */
    public SignalsReceiverExample(String issuer, String clientId, String clientSecret, String pollUrl, String audience,
            IntrospectionCache cache) throws IOException {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.pollUrl = pollUrl;
        this.cache = cache;
        sets.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("secevent+jwt")));
        sets.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.Family.SIGNATURE,
                JWKSourceBuilder.create(new URL(issuer + "/protocol/openid-connect/certs")).build()));
        sets.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("jti", "iat", "events")));
    }

    /** The SET's claims if Keycloak signed it for this stream: signature, {@code typ}, {@code iss} and {@code aud}. */
    public JWTClaimsSet verify(String set) throws ParseException, BadJOSEException, JOSEException {
        return sets.process(set, null);
    }

    /**
     * Takes every SET waiting, acting on each before acknowledging it (in the next request, as RFC 8936 does), and
     * refusing the ones that do not verify. Returns how many cached answers were dropped.
     */
    public int poll() throws IOException, InterruptedException, ParseException {
        String bearer = (String) postForm(issuer + "/protocol/openid-connect/token", clientId, clientSecret,
                Map.of("grant_type", "client_credentials", "scope", "ssf.read")).get("access_token");
        int dropped = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> request = new LinkedHashMap<>(Map.of("maxEvents", 100, "returnImmediately", true));
            request.put("ack", List.copyOf(acknowledged));
            if (!refused.isEmpty()) {
                request.put("setErrs", Map.copyOf(refused));
            }
            Map<String, Object> answer = postJson(pollUrl, bearer, request);
            acknowledged.clear();
            refused.clear();
            for (Map.Entry<String, Object> set : JSONObjectUtils.getJSONObject(answer, "sets").entrySet()) {
                try {
                    dropped += act(verify((String) set.getValue()));
                    acknowledged.add(set.getKey());
                } catch (ParseException | BadJOSEException | JOSEException e) {
                    refused.put(set.getKey(), Map.of("err", "invalid_request", "description", String.valueOf(e.getMessage())));
                }
            }
            more = Boolean.TRUE.equals(answer.get("moreAvailable"));
        }
        return dropped;
    }

    /** A PAT's credential-change (create, update, revoke, delete) or credential-compromise names it: forget it. */
    private int act(JWTClaimsSet set) throws ParseException {
        int dropped = 0;
        Map<String, Object> events = set.getJSONObjectClaim("events");
        for (String type : List.of(CREDENTIAL_CHANGE, CREDENTIAL_COMPROMISE)) {
            if (events.get(type) instanceof Map<?, ?> event && PAT.equals(event.get("credential_type"))
                    && event.get("kc_credential_id") instanceof String patId) {
                dropped += cache.dropPat(patId);
            }
        }
        return dropped;
    }

    private static Map<String, Object> postForm(String url, String clientId, String clientSecret, Map<String, String> form)
            throws IOException, InterruptedException, ParseException {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static Map<String, Object> postJson(String url, String bearer, Map<String, Object> json)
            throws IOException, InterruptedException, ParseException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(json))).build());
    }

    private static Map<String, Object> send(HttpRequest request) throws IOException, InterruptedException, ParseException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSONObjectUtils.parse(response.body());
    }
}
