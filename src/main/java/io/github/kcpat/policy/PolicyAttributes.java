package io.github.kcpat.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * Reads a realm's policy attributes. A missing attribute takes its default; a value that cannot be read (a typo in an
 * import, a hand-edited attribute) fails closed: it is read as the strictest setting and reported as a warning, once
 * in the server log and in every {@code GET …/policy} answer, so that a mistake never opens the realm wider.
 */
public final class PolicyAttributes {

    private static final Logger LOG = Logger.getLogger(PolicyAttributes.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[^\\s,]+");
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, List<ApprovalScope>> PARSED = new ConcurrentHashMap<>();
    private static final TypeReference<List<ApprovalScope>> APPROVAL_SCOPES = new TypeReference<>() {
    };

    /** The policy as read, with what could not be read. */
    public record Reading(PatPolicy policy, List<String> warnings) {
    }

    private PolicyAttributes() {
    }

    public static Reading read(RealmModel realm) {
        Reading reading = read(name -> realm.getAttribute(PatPolicy.PREFIX + name));
        for (String warning : reading.warnings()) {
            if (LOGGED.size() < 10_000 && LOGGED.add(realm.getId() + warning)) {
                LOG.warnf("Realm %s: %s", realm.getName(), warning);
            }
        }
        return reading;
    }

    static Reading read(Function<String, String> attribute) {
        List<String> warnings = new ArrayList<>();
        PatPolicy d = PatPolicy.DEFAULT;
        Field fields = new Field(attribute, warnings);
        PatPolicy policy = new PatPolicy(
                fields.bool("expiryRequired", d.expiryRequired(), true),
                fields.number("maxLifetimeDays", d.maxLifetimeDays(), 0, PatPolicy.MAX_DAYS, 1),
                fields.number("defaultLifetimeDays", d.defaultLifetimeDays(), 1, PatPolicy.MAX_DAYS, 1),
                fields.number("maxTokensPerUser", d.maxTokensPerUser(), 0, PatPolicy.MAX_TOKENS, 1),
                fields.number("unusedRevokeDays", d.unusedRevokeDays(), 0, PatPolicy.MAX_DAYS, 1),
                clients(attribute.apply("creationClients"), d.creationClients()),
                fields.number("maxAuthAgeSeconds", d.maxAuthAgeSeconds(), PatPolicy.MIN_AUTH_AGE, PatPolicy.MAX_AUTH_AGE,
                        PatPolicy.MIN_AUTH_AGE),
                // unreadable: on, as before the setting; the owner is told rather than surprised
                fields.bool("expiryRemindersEnabled", d.expiryRemindersEnabled(), true),
                // unreadable: replaced secrets end at once, the strictest
                fields.number("maxRotationOverlapSeconds", d.maxRotationOverlapSeconds(), 0, PatPolicy.MAX_ROTATION_OVERLAP, 0),
                // unreadable: every scope waiting for approval keeps waiting
                fields.approvalScopes("approvalScopes"),
                // unreadable: the shortest wait, so a request is not left open longer than meant
                fields.number("approvalLapseDays", d.approvalLapseDays(), 1, PatPolicy.MAX_APPROVAL_LAPSE_DAYS, 1));
        if (policy.maxLifetimeDays() > 0 && policy.defaultLifetimeDays() > policy.maxLifetimeDays()) {
            policy = new PatPolicy(policy.expiryRequired(), policy.maxLifetimeDays(), policy.maxLifetimeDays(),
                    policy.maxTokensPerUser(), policy.unusedRevokeDays(), policy.creationClients(), policy.maxAuthAgeSeconds(),
                    policy.expiryRemindersEnabled(), policy.maxRotationOverlapSeconds(), policy.approvalScopes(),
                    policy.approvalLapseDays());
        }
        return new Reading(policy, List.copyOf(warnings));
    }

    /** The approval scopes as the realm attribute keeps them: a JSON array of {@code {"scope", "approverGroup"}}. */
    static String writeApprovalScopes(List<ApprovalScope> scopes) {
        try {
            return MAPPER.writeValueAsString(scopes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approval scopes cannot be written", e);
        }
    }

    static boolean isClientId(String text) {
        return text != null && CLIENT_ID.matcher(text).matches();
    }

    /** Client ids separated by commas or white space; empty means no client may create tokens. */
    private static List<String> clients(String value, List<String> fallback) {
        if (value == null) {
            return fallback;
        }
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private record Field(Function<String, String> attribute, List<String> warnings) {

        boolean bool(String name, boolean fallback, boolean strictest) {
            String value = attribute.apply(name);
            if (value == null) {
                return fallback;
            }
            if ("true".equalsIgnoreCase(value.trim()) || "false".equalsIgnoreCase(value.trim())) {
                return Boolean.parseBoolean(value.trim());
            }
            return unreadable(name, value, strictest);
        }

        int number(String name, int fallback, int min, int max, int strictest) {
            String value = attribute.apply(name);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            return unreadable(name, value, strictest);
        }

        List<ApprovalScope> approvalScopes(String name) {
            String value = attribute.apply(name);
            if (value == null || value.isBlank()) {
                return List.of();
            }
            // read on every introspection: the same text is parsed once
            List<ApprovalScope> known = PARSED.get(value);
            if (known != null) {
                return known;
            }
            try {
                List<ApprovalScope> read = MAPPER.readValue(value, APPROVAL_SCOPES);
                if (read != null && read.stream().allMatch(s -> s != null && isClientId(s.scope()))) {
                    List<ApprovalScope> scopes = List.copyOf(read);
                    if (PARSED.size() >= 1_000) {
                        PARSED.clear();
                    }
                    PARSED.put(value, scopes);
                    return scopes;
                }
            } catch (JsonProcessingException e) {
                // reported below
            }
            unreadable(name, value, "every scope waiting for approval");
            return List.of(PatPolicy.EVERY_SCOPE);
        }

        private <T> T unreadable(String name, String value, T strictest) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            warnings.add("The realm attribute " + PatPolicy.PREFIX + name + " has the invalid value '" + shown
                    + "'; it is read as " + strictest + ", the strictest setting, until an admin saves the policy");
            return strictest;
        }
    }
}
