package io.github.kcpat.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.RetiredSecret;
import org.keycloak.models.RealmModel;

/**
 * A realm's rules for personal access tokens, kept as realm attributes ({@code personalAccessTokens.*}).
 * A limit of 0 means "no limit". The rules bind new tokens and, where a token breaks a tightened rule, existing ones:
 * a token stops working at the new lifetime limit, or once unused for longer than allowed.
 *
 * @param expiryRequired every token must expire
 * @param maxLifetimeDays the longest a token may live, counted from its creation (0: no limit)
 * @param defaultLifetimeDays the lifetime the account console offers first
 * @param maxTokensPerUser the most tokens one user may hold (0: no limit)
 * @param unusedRevokeDays a token unused for this many days is revoked (0: never)
 * @param creationClients the clients whose access tokens may create or regenerate tokens at the self-service API
 * @param maxAuthAgeSeconds how recent the sign-in behind such an access token must be
 * @param expiryRemindersEnabled whether owners are e-mailed before their tokens expire; off, the daily lifecycle still
 *        revokes unused tokens, and the realm needs no e-mail server for reminders
 * @param maxRotationOverlapSeconds the longest a replaced secret may keep working after a regenerate or rotation
 *        (the overlap its owner asks for; 0: a replaced secret always ends at once)
 * @param approvalScopes the client scopes a person's token holds only once approved, with their approvers
 * @param approvalLapseDays after how many days a request nobody decided lapses as denied
 */
public record PatPolicy(boolean expiryRequired, int maxLifetimeDays, int defaultLifetimeDays, int maxTokensPerUser,
                        int unusedRevokeDays, List<String> creationClients, int maxAuthAgeSeconds,
                        boolean expiryRemindersEnabled, int maxRotationOverlapSeconds,
                        List<ApprovalScope> approvalScopes, int approvalLapseDays) {

    public static final String PREFIX = "personalAccessTokens.";
    public static final List<String> DEFAULT_CREATION_CLIENTS = List.of("account-console");
    public static final int DEFAULT_MAX_AUTH_AGE = 300;
    /** Reminders are on unless a realm turns them off: realms from before the setting keep being reminded. */
    public static final boolean DEFAULT_EXPIRY_REMINDERS = true;
    public static final int DEFAULT_MAX_ROTATION_OVERLAP = 86_400;
    public static final int DEFAULT_APPROVAL_LAPSE_DAYS = 7;
    public static final PatPolicy DEFAULT = new PatPolicy(true, 365, 30, 50, 0, DEFAULT_CREATION_CLIENTS, DEFAULT_MAX_AUTH_AGE,
            DEFAULT_EXPIRY_REMINDERS, DEFAULT_MAX_ROTATION_OVERLAP, List.of(), DEFAULT_APPROVAL_LAPSE_DAYS);
    /**
     * The entry an unreadable {@code approvalScopes} attribute is read as: every scope waiting for approval keeps
     * waiting (nothing is granted by a typo), and nobody can decide until an admin saves the policy.
     */
    static final ApprovalScope EVERY_SCOPE = new ApprovalScope("*", null);
    static final int MAX_APPROVAL_LAPSE_DAYS = 90;
    static final int MAX_APPROVAL_SCOPES = 200;
    static final long DAY = 86_400;
    static final int MAX_DAYS = 36_500;
    static final int MAX_TOKENS = 10_000;
    static final int MIN_AUTH_AGE = 5;
    static final int MAX_AUTH_AGE = 2_592_000;
    static final int MAX_ROTATION_OVERLAP = 2_592_000;

    public PatPolicy {
        // nulls are kept so that problems() can name them rather than fail
        creationClients = creationClients == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(creationClients));
        approvalScopes = approvalScopes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(approvalScopes));
    }

    /** A policy in which no scope needs approval. */
    public PatPolicy(boolean expiryRequired, int maxLifetimeDays, int defaultLifetimeDays, int maxTokensPerUser,
                     int unusedRevokeDays, List<String> creationClients, int maxAuthAgeSeconds,
                     boolean expiryRemindersEnabled, int maxRotationOverlapSeconds) {
        this(expiryRequired, maxLifetimeDays, defaultLifetimeDays, maxTokensPerUser, unusedRevokeDays, creationClients,
                maxAuthAgeSeconds, expiryRemindersEnabled, maxRotationOverlapSeconds, List.of(), DEFAULT_APPROVAL_LAPSE_DAYS);
    }

    /** A policy with the default rotation overlap limit. */
    public PatPolicy(boolean expiryRequired, int maxLifetimeDays, int defaultLifetimeDays, int maxTokensPerUser,
                     int unusedRevokeDays, List<String> creationClients, int maxAuthAgeSeconds,
                     boolean expiryRemindersEnabled) {
        this(expiryRequired, maxLifetimeDays, defaultLifetimeDays, maxTokensPerUser, unusedRevokeDays, creationClients,
                maxAuthAgeSeconds, expiryRemindersEnabled, DEFAULT_MAX_ROTATION_OVERLAP);
    }

    /** A policy with expiry reminders on. */
    public PatPolicy(boolean expiryRequired, int maxLifetimeDays, int defaultLifetimeDays, int maxTokensPerUser,
                     int unusedRevokeDays, List<String> creationClients, int maxAuthAgeSeconds) {
        this(expiryRequired, maxLifetimeDays, defaultLifetimeDays, maxTokensPerUser, unusedRevokeDays, creationClients,
                maxAuthAgeSeconds, DEFAULT_EXPIRY_REMINDERS);
    }

    /** A policy with the default sign-in rules for creation. */
    public PatPolicy(boolean expiryRequired, int maxLifetimeDays, int defaultLifetimeDays, int maxTokensPerUser,
                     int unusedRevokeDays) {
        this(expiryRequired, maxLifetimeDays, defaultLifetimeDays, maxTokensPerUser, unusedRevokeDays,
                DEFAULT_CREATION_CLIENTS, DEFAULT_MAX_AUTH_AGE);
    }

    /** The realm's policy; an unreadable attribute is read as its strictest setting (see {@link PolicyAttributes}). */
    public static PatPolicy of(RealmModel realm) {
        return PolicyAttributes.read(realm).policy();
    }

    public void store(RealmModel realm) {
        toAttributes().forEach((name, value) -> realm.setAttribute(PREFIX + name, value));
    }

    Map<String, String> toAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("expiryRequired", Boolean.toString(expiryRequired));
        attributes.put("maxLifetimeDays", Integer.toString(maxLifetimeDays));
        attributes.put("defaultLifetimeDays", Integer.toString(defaultLifetimeDays));
        attributes.put("maxTokensPerUser", Integer.toString(maxTokensPerUser));
        attributes.put("unusedRevokeDays", Integer.toString(unusedRevokeDays));
        attributes.put("creationClients", String.join(",", creationClients));
        attributes.put("maxAuthAgeSeconds", Integer.toString(maxAuthAgeSeconds));
        attributes.put("expiryRemindersEnabled", Boolean.toString(expiryRemindersEnabled));
        attributes.put("maxRotationOverlapSeconds", Integer.toString(maxRotationOverlapSeconds));
        attributes.put("approvalScopes", PolicyAttributes.writeApprovalScopes(approvalScopes));
        attributes.put("approvalLapseDays", Integer.toString(approvalLapseDays));
        return attributes;
    }

    /** What is wrong with this policy, in words for the admin; empty when it is sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (maxLifetimeDays < 0 || maxLifetimeDays > MAX_DAYS) {
            problems.add("maxLifetimeDays must be between 0 (no limit) and " + MAX_DAYS);
        }
        if (defaultLifetimeDays < 1 || defaultLifetimeDays > MAX_DAYS) {
            problems.add("defaultLifetimeDays must be between 1 and " + MAX_DAYS);
        } else if (maxLifetimeDays > 0 && defaultLifetimeDays > maxLifetimeDays) {
            problems.add("defaultLifetimeDays must not exceed maxLifetimeDays");
        }
        if (maxTokensPerUser < 0 || maxTokensPerUser > MAX_TOKENS) {
            problems.add("maxTokensPerUser must be between 0 (no limit) and " + MAX_TOKENS);
        }
        if (unusedRevokeDays < 0 || unusedRevokeDays > MAX_DAYS) {
            problems.add("unusedRevokeDays must be between 0 (never) and " + MAX_DAYS);
        }
        if (maxAuthAgeSeconds < MIN_AUTH_AGE || maxAuthAgeSeconds > MAX_AUTH_AGE) {
            problems.add("maxAuthAgeSeconds must be between " + MIN_AUTH_AGE + " and " + MAX_AUTH_AGE);
        }
        if (maxRotationOverlapSeconds < 0 || maxRotationOverlapSeconds > MAX_ROTATION_OVERLAP) {
            problems.add("maxRotationOverlapSeconds must be between 0 (replaced secrets end at once) and "
                    + MAX_ROTATION_OVERLAP);
        }
        if (approvalLapseDays < 1 || approvalLapseDays > MAX_APPROVAL_LAPSE_DAYS) {
            problems.add("approvalLapseDays must be between 1 and " + MAX_APPROVAL_LAPSE_DAYS);
        }
        problems.addAll(approvalScopeProblems());
        for (String client : creationClients) {
            if (!PolicyAttributes.isClientId(client)) {
                problems.add("creationClients must be client ids without spaces or commas");
                break;
            }
        }
        return problems;
    }

    /** Whether a token may be created without an expiry. */
    public boolean allowsNoExpiry() {
        return !expiryRequired && maxLifetimeDays == 0;
    }

    /** Why a new token with this expiry is refused, in plain words; null when it is allowed. */
    public String expiryRefusal(Long expiresAt, long nowSeconds) {
        if (expiresAt == null && expiryRequired) {
            return "This realm requires every personal access token to have an expiration date";
        }
        if (maxLifetimeDays > 0 && (expiresAt == null || expiresAt - nowSeconds > maxLifetimeDays * DAY)) {
            return "Personal access tokens in this realm may last at most " + maxLifetimeDays + " days";
        }
        return null;
    }

    /** Why an overlap of this many seconds for a replaced secret is refused; null when it is allowed. */
    public String overlapRefusal(long overlapSeconds) {
        if (overlapSeconds < 0) {
            return "overlapSeconds must not be negative";
        }
        if (overlapSeconds > maxRotationOverlapSeconds) {
            return maxRotationOverlapSeconds == 0
                    ? "In this realm a replaced secret stops working at once; leave overlapSeconds out or set it to 0"
                    : "In this realm a replaced secret may keep working for at most " + maxRotationOverlapSeconds
                            + " seconds (overlapSeconds)";
        }
        return null;
    }

    /** Why a user holding {@code held} tokens may not create another; null when they may. */
    public String countRefusal(long held) {
        if (maxTokensPerUser > 0 && held >= maxTokensPerUser) {
            return "You may hold at most " + maxTokensPerUser + " personal access tokens in this realm; delete one first";
        }
        return null;
    }

    /**
     * When the token stops working under this policy: its own expiry, cut to the longest lifetime allowed.
     * Null for never; a token without expiry that the policy requires to expire (and no lifetime limit) ends at its
     * creation, that is, it no longer works.
     */
    public Long effectiveExpiry(PersonalAccessToken token) {
        Long expiry = token.expiresAt();
        if (maxLifetimeDays > 0) {
            long cap = token.createdAt() + maxLifetimeDays * DAY;
            expiry = expiry == null ? cap : Math.min(expiry, cap);
        }
        if (expiry == null && expiryRequired) {
            return token.createdAt();
        }
        return expiry;
    }

    /**
     * When a replaced secret stops working under this policy: the end its replacement asked for, cut to the longest
     * overlap the policy allows now, counted from its replacement. Lowering the limit ends running overlaps at once.
     */
    public long previousSecretEnd(long replacedAt, long liveUntil) {
        return Math.min(liveUntil, replacedAt + maxRotationOverlapSeconds);
    }

    /**
     * When the token's replaced secret stops working under this policy. Secrets replaced before the replacement time
     * was kept count from the token's current secret, the latest replacement there was.
     */
    public long previousSecretEnd(PersonalAccessToken token, RetiredSecret retired) {
        long replacedAt = retired.replacedAt() != null ? retired.replacedAt() : token.createdAt();
        return previousSecretEnd(replacedAt, retired.liveUntil());
    }

    /**
     * Until when the secret the token replaced last still works under this policy, if it still does at
     * {@code nowSeconds}; else null. The token's current secret was issued when that one was replaced.
     */
    public Long previousSecretLiveUntil(PersonalAccessToken token, long nowSeconds) {
        if (token.previousSecretUntil() == null) {
            return null;
        }
        long end = previousSecretEnd(token.createdAt(), token.previousSecretUntil());
        return end > nowSeconds ? end : null;
    }

    /** Whether the token has been unused for longer than the policy allows. */
    public boolean unusedTooLong(PersonalAccessToken token, long nowSeconds) {
        return unusedRevokeDays > 0 && nowSeconds - token.lastActivityAt() > unusedRevokeDays * DAY;
    }

    private List<String> approvalScopeProblems() {
        List<String> problems = new ArrayList<>();
        if (approvalScopes.size() > MAX_APPROVAL_SCOPES) {
            problems.add("approvalScopes may name at most " + MAX_APPROVAL_SCOPES + " scopes");
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (ApprovalScope entry : approvalScopes) {
            if (entry == null || entry.scope() == null || !PolicyAttributes.isClientId(entry.scope())
                    || EVERY_SCOPE.scope().equals(entry.scope())) {
                problems.add("every entry of approvalScopes needs a scope: a client scope name without spaces or commas");
            } else if (!seen.add(entry.scope())) {
                problems.add("approvalScopes lists the scope '" + entry.scope() + "' twice");
            } else if (entry.approverGroup() != null && !entry.approverGroup().startsWith("/")) {
                problems.add("approverGroup of '" + entry.scope() + "' must be a group path such as /security-team, or null");
            }
        }
        return problems;
    }

    /** Whether a person's token gets this scope only once it is approved. */
    public boolean needsApproval(String scope) {
        return approvalScopes.stream().anyMatch(a -> a.scope().equals(scope) || a == EVERY_SCOPE);
    }

    /** The names of the scopes that need approval. */
    public List<String> approvalScopeNames() {
        return approvalScopes.stream().filter(a -> a != EVERY_SCOPE).map(ApprovalScope::scope).toList();
    }

    /** The entry for this scope, or null when it needs no approval (or the attribute cannot be read). */
    public ApprovalScope approvalScope(String scope) {
        return approvalScopes.stream().filter(a -> a != EVERY_SCOPE && a.scope().equals(scope)).findFirst().orElse(null);
    }

    /**
     * The scopes that count in the token's claims: those it asked for, but for those still waiting for approval that
     * the policy still asks approval for (a scope the policy no longer lists counts again).
     */
    public List<String> grantedScopes(PersonalAccessToken token) {
        if (token.pendingScopes().isEmpty()) {
            return token.scopes();
        }
        return token.scopes().stream().filter(s -> !(token.pendingScopes().contains(s) && needsApproval(s))).toList();
    }

    /** When a request made at {@code requestedAt} lapses, unless decided. */
    public long approvalLapsesAt(long requestedAt) {
        return requestedAt + approvalLapseDays * DAY;
    }
}
