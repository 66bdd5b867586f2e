package io.github.kcpat.model;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/** Storage and look-up of personal access tokens; reach it with {@code session.getProvider(PersonalAccessTokenProvider.class)}. */
public interface PersonalAccessTokenProvider extends Provider {

    /**
     * Creates a token for the user. The caller holds {@link #lockHolder} and has checked {@link #namesHeld} (a name
     * may be held once per user): this writes, it reads none of the user's other tokens.
     */
    IssuedToken create(RealmModel realm, UserModel user, String name, Collection<String> scopes, Long expiresAt,
                       boolean selfRotate);

    /**
     * Gives the token a new secret, as its owner or an admin: same name and scopes, created now, and the same lifetime
     * length as before (no expiry stays no expiry). The old secret works on until {@code previousSecretUntil} (now or
     * earlier: it ends at once); every secret replaced before it ends at once. Replaced secrets are remembered, by hash,
     * for the configured retention ({@link #findRetiredSecret}). Answers null when the realm has no such token.
     *
     * @throws ConcurrentTokenChangeException when another replacement of the token ran at the same time or moments
     *         before: no secret may be handed out dead, so the later request is refused, never both served; but a
     *         replacement without an overlap that ends a previous secret still working is never refused for that
     */
    IssuedToken regenerate(RealmModel realm, String id, long previousSecretUntil);

    /**
     * Gives the token a new secret, asked for by the token itself, and the given expiry (which the caller sets no later
     * than the token's current effective expiry: rotation never lengthens a token's life); the old secrets as for
     * {@link #regenerate}, remembered as replaced by the token itself. Answers null when the realm has no such token.
     *
     * @throws ConcurrentTokenChangeException as for {@link #regenerate}
     */
    IssuedToken rotate(RealmModel realm, String id, Long expiresAt, long previousSecretUntil);

    /**
     * Locks the user's token holdings until the end of the transaction, so that checks such as "at most n tokens" or
     * "no two of the same name" and the creation that follows them happen as one, even under concurrent requests.
     */
    void lockHolder(RealmModel realm, String userId);

    /** The user's tokens, newest first. */
    Stream<PersonalAccessToken> list(RealmModel realm, UserModel user);

    /** The realm's tokens that match the query, newest first. */
    Stream<PersonalAccessToken> search(RealmModel realm, TokenQuery query);

    /**
     * The names of the user's tokens, current even under concurrent requests once {@link #lockHolder} is held: read
     * once, they answer both "how many" and "is this name taken".
     */
    List<String> namesHeld(RealmModel realm, String userId);

    /** The user's token with that id, or null when there is none (or it is another user's). */
    PersonalAccessToken get(RealmModel realm, UserModel user, String id);

    /** The realm's token with that id, whoever holds it, or null. */
    PersonalAccessToken getById(RealmModel realm, String id);

    /** Deletes the realm's token with that id, and every secret it replaced; false when there is none. */
    boolean delete(RealmModel realm, String id);

    /** True when the text is meant as a personal access token (it carries the configured prefix). */
    boolean isPersonalAccessToken(String text);

    /** True when the text has the form and checksum of a token this server issues; no look-up. */
    boolean isWellFormed(String text);

    /**
     * The realm's token whose secret has this hash ({@link io.github.kcpat.token.TokenHasher}), or null; answered
     * from the node's cache when it can be. Expiry and the user's state are the caller's to check.
     */
    PersonalAccessToken findBySecretHash(RealmModel realm, String secretHash);

    /**
     * Notes that the token was used now, by whom and from which address, with the secret of that hash, in the one update
     * of its row; writes at most once per configured interval per token (a use within the interval is not noted, whoever
     * made it), and never when the token's secret has since been replaced.
     */
    void recordUse(PersonalAccessToken token, String secretHash, long nowSeconds, TokenUse use);

    /** The ids of the users holding tokens in the realm. */
    Stream<String> ownerIds(RealmModel realm);

    /** Tokens expiring in (from, to] not yet reminded at {@code days} or a smaller threshold. */
    Stream<PersonalAccessToken> expiringBetween(RealmModel realm, long from, long to, int days);

    void setRemindedDays(String id, int days);

    /** Tokens whose last use (or creation, if never used) is before {@code since}. */
    Stream<PersonalAccessToken> unusedSince(RealmModel realm, long since);

    /** Deletes all of a user's tokens (and the secrets they replaced); answers how many there were. */
    int removeAllOfUser(RealmModel realm, String userId);

    /** Deletes all of a realm's tokens; answers how many there were. */
    int removeAllOfRealm(String realmId);

    /**
     * Keeps each distinct value (its SHA-256, whatever its form) as reported exposed, in the request's transaction,
     * the same work for a live token as for anything else; answers the reports' ids.
     */
    List<String> addExposureReports(RealmModel realm, Collection<String> values, String reportedFrom, long nowSeconds);

    /** The ids of reports received before that time, oldest first, at most {@code max}. */
    List<String> exposureReportIdsBefore(long before, int max);

    /**
     * Takes the report off the queue for this transaction (deleting it), so that of two nodes only one handles it;
     * null when another did. If the transaction rolls back, the report is there again for the next sweep.
     */
    ExposureReport takeExposureReport(String id);

    /** The token (of any realm) whose current secret has this SHA-256, or null; always read from the database. */
    PersonalAccessToken findInAnyRealmBySecretHash(String secretHash);

    /** The replaced secret (of any realm) with this SHA-256 while it is remembered, or null; read from the database. */
    RetiredSecret findRetiredSecretInAnyRealm(String secretHash);

    /** Ends the realm's replaced secret with this SHA-256 now, if it still works; false when it did not. */
    boolean endRetiredSecret(RealmModel realm, String secretHash);

    /**
     * Takes the right to tell the token's owner of a use of a replaced secret: true for one caller at most per
     * {@code intervalSeconds} and token, on every node (the claim is a conditional update of the token's row).
     */
    boolean claimReuseNotice(RealmModel realm, String tokenId, long nowSeconds, long intervalSeconds);

    /**
     * The realm's replaced secret with this hash, while it is remembered (its overlap and then the retention), or null;
     * always read from the database (a replaced secret is no hot path).
     */
    RetiredSecret findRetiredSecret(RealmModel realm, String secretHash);

    /**
     * The secret issued at {@code secretCreatedAt} with that number ({@code generation}; any when null) that the token
     * replaced, before its own end; else null. The realm policy's cut of that end is the caller's to apply.
     */
    RetiredSecret findLiveRetiredSecret(RealmModel realm, String tokenId, long secretCreatedAt, Integer generation);

    /** Forgets the replaced secrets whose retention has ended; answers how many. */
    int forgetRetiredSecrets(long nowSeconds);
    /**
     * For the Shared Signals: the realm's tokens whose own expiry falls in (since, now], or that the longest lifetime
     * allowed ({@code maxLifetimeSeconds}, 0 for none) ends in that span, and whose end no signal has told yet; at most
     * {@code max}. Which of them really ended, and when, is the caller's to decide with the realm's policy.
     */
    List<PersonalAccessToken> tokensEndingBetween(RealmModel realm, long since, long now, long maxLifetimeSeconds, int max);

    /** Takes the right to signal that the token ended at {@code end}: true for one caller at most, on every node. */
    boolean claimExpirySignal(String tokenId, long end);

    /**
     * For the Shared Signals: the realm's replaced secrets (of tokens that still exist) whose asked-for end, or whose
     * replacement plus the longest overlap allowed, falls in (since, now], and whose end no signal has told yet.
     */
    List<ReplacedSecretEnd> replacedSecretsEndingBetween(RealmModel realm, long since, long now, long maxOverlapSeconds,
            int max);

    /** Takes the right to signal the end of that replaced secret: true for one caller at most, on every node. */
    boolean claimSecretEndSignal(String secretHash);

    /**
     * Takes the right to signal that the token's replaced secrets still working at {@code now} (by their asked-for end)
     * were ended by a policy change: true for one caller at most, on every node.
     */
    boolean claimLiveSecretEndSignals(String tokenId, long now);

    /** The ids of the user's tokens whose owner's disabling no signal has told yet, each now claimed by this caller. */
    List<String> claimOwnerDisabledSignals(RealmModel realm, String userId);

    /** The user is enabled (again): a later disabling is to be signalled anew. */
    void ownerEnabled(RealmModel realm, String userId);

    /**
     * Asks approval for these scopes of the realm's token: a pending request for each that has none yet (with the
     * requester's reason), and each named pending on the token, so that it leaves the token's claims at once. Answers
     * the requests made; empty when the realm has no such token.
     */
    List<ScopeRequest> requestScopes(RealmModel realm, String tokenId, Collection<String> scopes, String reason, long now);

    /** The token's scope requests, oldest first. */
    List<ScopeRequest> scopeRequestsOf(String tokenId);

    /** The realm's scope requests that match the query, oldest first. */
    List<ScopeRequest> searchScopeRequests(RealmModel realm, ScopeRequestQuery query);

    /** The realm's scope request with that id, or null when there is none. */
    ScopeRequest getScopeRequest(RealmModel realm, String id);

    /**
     * Decides a pending request: approval takes the scope off the token's pending ones; denial off its scopes as well.
     * Locks the token's row, then the request's (the order every change of both takes), so two decisions at once are
     * one after the other. Every node's cache hears of it. Null when it was decided meanwhile or its token is gone.
     *
     * @param decidedBy the approver's id, or null for a lapse
     */
    ScopeRequest decideScopeRequest(RealmModel realm, String id, boolean approve, boolean lapsed, String decidedBy,
                                    String decisionReason, long now);

    /** The realm's pending requests made before that time, oldest first, at most {@code max}. */
    List<ScopeRequest> pendingScopeRequestsBefore(RealmModel realm, long before, int max);

    /** The realm's tokens after {@code afterId} (by id) that asked for the scope, at most {@code max}. */
    List<PersonalAccessToken> tokensAskingScope(RealmModel realm, String scope, String afterId, int max);

    /** Takes the right to mail an approver what waits for them: true for one caller at most per interval, on every node. */
    boolean claimApproverMail(RealmModel realm, String userId, long now, long intervalSeconds);
}
