package io.github.kcpat.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where an introspection's CPU time goes, from a JDK Flight Recorder file: each execution sample is put in the step
 * of the outermost frame that names one (the rules below, in their order), and the JVM's CPU time over the recording
 * is shared out by the samples, per request. Samples in no step are the HTTP server, RESTEasy and the rest of
 * Keycloak's request handling, which every request pays.
 */
final class ProfileBreakdown {

    /** A step of an introspection and the frames that belong to it (class name and method). */
    private record Step(String name, Predicate<String> frame) {
    }

    static final List<String> STEPS = List.of(
            "client authentication", "secret hash (SHA-256)", "token look-up (cache)", "user look-up",
            "policy, PAT client, not-before", "JWT checks and its claims (signature, user session, mappers)",
            "transient session, client scopes and roles", "claims through protocol mappers", "audience check",
            "last use", "event", "metrics", "JSON answer", "rest of the request (HTTP, RESTEasy, Keycloak's session)");

    private static final List<Step> RULES = List.of(
            new Step(STEPS.get(0), f -> f.startsWith("org.keycloak.protocol.oidc.utils.AuthorizeClientUtil.")
                    || f.contains("ClientAuthenticator.")),
            new Step(STEPS.get(1), f -> f.startsWith("io.github.kcpat.token.TokenHasher.")),
            new Step(STEPS.get(2), f -> f.contains("PersonalAccessTokenProvider.findBySecretHash")
                    || f.contains("PersonalAccessTokenProvider.findRetiredSecret")),
            new Step(STEPS.get(3), f -> f.endsWith(".getUserById")),
            new Step(STEPS.get(4), f -> f.startsWith("io.github.kcpat.policy.PatPolicy.")
                    || f.startsWith("io.github.kcpat.scope.PatClient.") || f.endsWith(".getNotBeforeOfUser")
                    || f.startsWith("io.github.kcpat.access.NotBefore.")),
            new Step(STEPS.get(5), f -> f.endsWith("AccessTokenIntrospectionProvider.introspectionChecks")
                    || f.endsWith("AccessTokenIntrospectionProvider.verifyToken")),
            new Step(STEPS.get(6), f -> f.endsWith("PatAccessTokens.open")
                    || f.startsWith("org.keycloak.services.util.DefaultClientSessionContext.")
                    || f.endsWith(".createUserSession") || f.endsWith(".createClientSession")),
            new Step(STEPS.get(7), f -> f.startsWith("io.github.kcpat.compat.IntrospectionClaims.")
                    || f.endsWith("TokenManager.transformIntrospectionAccessToken")
                    || f.endsWith("AccessTokenIntrospectionProvider.transformAccessToken")),
            new Step(STEPS.get(8), f -> f.endsWith(".verifyAudience") || f.endsWith(".audienceAllows")),
            new Step(STEPS.get(9), f -> f.endsWith("ActivePatResolver.recordIntrospection")),
            new Step(STEPS.get(10), f -> f.startsWith("org.keycloak.events.EventBuilder.")),
            new Step(STEPS.get(11), f -> f.startsWith("io.github.kcpat.metrics.") || f.startsWith("io.micrometer.")),
            new Step(STEPS.get(12), f -> f.startsWith("org.keycloak.util.JsonSerialization.")
                    || f.startsWith("com.fasterxml.jackson.")));

    /** CPU microseconds per request by step, in the order of {@link #STEPS}, and the total. */
    record Breakdown(Map<String, Double> microsByStep, double microsPerRequest, long samples) {
    }

    /** The samples and CPU load recorded from {@code from} to {@code to}, while {@code requests} were answered. */
    static Breakdown of(Path recording, java.time.Instant from, java.time.Instant to, long requests) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        STEPS.forEach(s -> counts.put(s, 0L));
        long samples = 0;
        double cpuLoadSum = 0;
        int cpuLoads = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            String type = event.getEventType().getName();
            if (type.equals("jdk.CPULoad")) {
                cpuLoadSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                cpuLoads++;
            } else if (type.equals("jdk.ExecutionSample")) {
                samples++;
                counts.merge(stepOf(event.getStackTrace()), 1L, Long::sum);
            }
        }
        // jvmUser and jvmSystem are fractions of the whole machine, sampled once a second
        double seconds = java.time.Duration.between(from, to).toMillis() / 1000.0;
        double cpuMicros = cpuLoads == 0 ? 0 : (cpuLoadSum / cpuLoads) * Runtime.getRuntime().availableProcessors() * seconds * 1e6;
        double perRequest = cpuMicros / requests;
        Map<String, Double> micros = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            micros.put(e.getKey(), samples == 0 ? 0 : perRequest * e.getValue() / samples);
        }
        return new Breakdown(micros, perRequest, samples);
    }

    private static String stepOf(RecordedStackTrace stack) {
        if (stack == null) {
            return STEPS.get(STEPS.size() - 1);
        }
        List<RecordedFrame> frames = stack.getFrames();
        // the outermost frame first: a step's own calls (a look-up inside the claims, say) stay in that step
        for (int i = frames.size() - 1; i >= 0; i--) {
            RecordedFrame frame = frames.get(i);
            if (frame.getMethod() == null) {
                continue;
            }
            String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            for (Step rule : RULES) {
                if (rule.frame().test(name)) {
                    return rule.name();
                }
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }
}
