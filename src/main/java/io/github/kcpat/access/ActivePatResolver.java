package io.github.kcpat.access;

import io.github.kcpat.metrics.InactiveReason;
import io.github.kcpat.model.PersonalAccessToken;
import io.github.kcpat.model.PersonalAccessTokenProvider;
import io.github.kcpat.model.RetiredSecret;
import io.github.kcpat.model.TokenUse;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.scope.PatClient;
import io.github.kcpat.token.PatClaims;
import io.github.kcpat.token.TokenHasher;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Decides whether a presented secret is a PAT that may be used right now: it exists in this realm (as the token's
 * secret, or as the one it replaced last, until that one's overlap ends under the realm's current policy), has not
 * expired, its user exists and is enabled, nothing Keycloak revokes by (realm, client or user not-before) came after
 * it, and the realm still offers PATs. A replaced secret presented after its end (and a grace for requests under way)
 * is handled by {@link SecretReuse}: the token is revoked if it had replaced that secret itself; else the use is
 * refused, recorded and told to the owner. Every refusal is written to the event with its reason; the secret never is.
 */
public final class ActivePatResolver {

    /**
     * A replaced secret that arrives this soon after its end is refused but not taken for a leak: a request sent before
     * the replacement, or a node that has not yet heard of it, is no attacker.
     */
    public static final long REUSE_GRACE_SECONDS = 60;

    private final KeycloakSession session;
    private final PersonalAccessTokenProvider tokens;
    private InactiveReason refusal;

    public ActivePatResolver(KeycloakSession session) {
        this.session = session;
        this.tokens = session.getProvider(PersonalAccessTokenProvider.class);
    }

    /** The active PAT, or null after recording on the event why it is not. */
    public ActivePat resolve(String secret, EventBuilder event) {
        refusal = null;
        RealmModel realm = session.getContext().getRealm();
        event.detail(Details.TOKEN_TYPE, "personal_access_token");
        // malformed secrets and wrong checksums are answered without hashing or a look-up
        String hash = tokens.isWellFormed(secret) ? TokenHasher.hash(secret) : null;
        PersonalAccessToken pat = hash == null ? null : tokens.findBySecretHash(realm, hash);
        if (pat != null) {
            return check(realm, pat, hash, null, event);
        }
        RetiredSecret retired = hash == null ? null : tokens.findRetiredSecret(realm, hash);
        PersonalAccessToken owner = retired == null ? null : tokens.getById(realm, retired.tokenId());
        if (owner == null) {
            return refuse(event, InactiveReason.UNKNOWN, InactiveTokenReason.UNKNOWN);
        }
        long now = Time.currentTime();
        long end = PatPolicy.of(realm).previousSecretEnd(owner, retired);
        if (now < end) {
            return check(realm, owner, hash, retired, event);
        }
        event.detail(Details.TOKEN_ID, owner.id()).detail(PatClaims.PAT_ID, owner.id());
        if (now < end + REUSE_GRACE_SECONDS) {
            return refuse(event, InactiveReason.REPLACED, InactiveTokenReason.REPLACED_IN_GRACE);
        }
        new SecretReuse(session).handle(realm, owner, retired);
        return retired.selfRotated()
                ? refuse(event, InactiveReason.REUSED, InactiveTokenReason.REUSED_SELF_ROTATED)
                : refuse(event, InactiveReason.REPLACED, InactiveTokenReason.REUSED_REPLACED);
    }

    /**
     * The PAT a derived (exchanged) token names, if that PAT may be used right now with the secret the derived token
     * was exchanged from (its current one, or the replaced one in its overlap); else null, with the reason.
     *
     * @param secretIssuedAt when that secret was issued, as the derived token says, or null
     * @param secretGeneration that secret's number, as the derived token says, or null (tokens from older releases)
     */
    public ActivePat resolveById(String id, Long secretIssuedAt, Integer secretGeneration, EventBuilder event) {
        refusal = null;
        RealmModel realm = session.getContext().getRealm();
        PersonalAccessToken pat = id == null ? null : tokens.getById(realm, id);
        if (pat == null) {
            return refuse(event, InactiveReason.REVOKED, InactiveTokenReason.EXCHANGED_FROM_GONE);
        }
        if (secretIssuedAt == null || (secretIssuedAt == pat.createdAt()
                && (secretGeneration == null || secretGeneration == pat.secretGeneration()))) {
            return check(realm, pat, null, null, event);
        }
        RetiredSecret retired = tokens.findLiveRetiredSecret(realm, pat.id(), secretIssuedAt, secretGeneration);
        if (retired == null) {
            event.detail(Details.TOKEN_ID, pat.id()).detail(PatClaims.PAT_ID, pat.id());
            return refuse(event, InactiveReason.REPLACED, InactiveTokenReason.EXCHANGED_BEFORE_REPLACED);
        }
        return check(realm, pat, null, retired, event);
    }

    /**
     * @param secretHash the hash of the secret presented, or null when reached through a token exchanged from it
     * @param retired the replaced secret in use, or null for the token's current one
     */
    private ActivePat check(RealmModel realm, PersonalAccessToken pat, String secretHash, RetiredSecret retired,
                            EventBuilder event) {
        event.detail(Details.TOKEN_ID, pat.id()).detail(PatClaims.PAT_ID, pat.id());
        UserModel user = session.users().getUserById(realm, pat.userId());
        if (user == null) {
            return refuse(event, InactiveReason.UNKNOWN, InactiveTokenReason.USER_GONE);
        }
        event.user(user);
        long now = Time.currentTime();
        PatPolicy policy = PatPolicy.of(realm);
        long secretIssuedAt = retired == null ? pat.createdAt() : retired.secretCreatedAt();
        Long secretEndsAt = retired == null ? null : policy.previousSecretEnd(pat, retired);
        Long expiresAt = policy.effectiveExpiry(pat);
        if (secretEndsAt != null) {
            expiresAt = expiresAt == null ? secretEndsAt : Math.min(expiresAt, secretEndsAt);
        }
        if (expiresAt != null && now >= expiresAt) {
            boolean ownExpiry = pat.isExpiredAt(now) || (secretEndsAt != null && now >= secretEndsAt);
            return refuse(event, ownExpiry ? InactiveReason.EXPIRED : InactiveReason.POLICY,
                    pat.isExpiredAt(now) ? InactiveTokenReason.EXPIRED
                            : ownExpiry ? InactiveTokenReason.OVERLAP_ENDED
                            : InactiveTokenReason.PAST_LONGEST_LIFETIME);
        }
        if (policy.unusedTooLong(pat, now)) {
            return refuse(event, InactiveReason.POLICY, InactiveTokenReason.UNUSED_TOO_LONG);
        }
        if (!user.isEnabled()) {
            return refuse(event, InactiveReason.DISABLED_USER, InactiveTokenReason.USER_DISABLED);
        }
        PatClient client = PatClient.of(realm);
        if (client == null) {
            return refuse(event, InactiveReason.POLICY, InactiveTokenReason.NOT_ENABLED);
        }
        // Keycloak's revocation ("not before" of the realm, of the PAT client or of the user) reaches the secrets issued
        // before it, by the rule it applies to a JWT issued at the same time: issued before the not-before second
        if (NotBefore.isStale(secretIssuedAt, realm.getNotBefore(), client.model().getNotBefore(),
                session.users().getNotBeforeOfUser(realm, user))) {
            return refuse(event, InactiveReason.REVOKED, InactiveTokenReason.NOT_BEFORE);
        }
        return new ActivePat(pat, user, client, expiresAt, secretHash, secretIssuedAt,
                retired == null ? pat.secretGeneration() : retired.secretGeneration(), policy.grantedScopes(pat));
    }

    /**
     * Notes an introspection of the token by {@code resourceServer}, the client Keycloak authenticated for the request,
     * from that client's address (at a bounded write rate, and only when the token itself was presented).
     */
    public void recordIntrospection(ActivePat active, ClientModel resourceServer) {
        recordUse(active, TokenUse.introspection(resourceServer == null ? null : resourceServer.getClientId(), remoteAddress()));
    }

    /** Notes an exchange of the token by {@code client}, the authenticated exchanging client, from its address. */
    public void recordExchange(ActivePat active, ClientModel client) {
        recordUse(active, TokenUse.exchange(client == null ? null : client.getClientId(), remoteAddress()));
    }

    /** Notes a use of the token at {@code /self}, by its holder presenting it, from the holder's address. */
    public void recordSelfUse(ActivePat active) {
        recordUse(active, TokenUse.self(remoteAddress()));
    }

    private void recordUse(ActivePat active, TokenUse use) {
        if (active.presented()) {
            tokens.recordUse(active.token(), active.secretHash(), Time.currentTime(), use);
        }
    }

    /** The caller's address as Keycloak resolves it: the TCP peer, or a forwarded address only if Keycloak trusts proxies. */
    private String remoteAddress() {
        return session.getContext().getConnection().getRemoteAddr();
    }

    /** Why the last look-up found no active PAT, or null when it did (or none was made). */
    public InactiveReason refusal() {
        return refusal;
    }

    private ActivePat refuse(EventBuilder event, InactiveReason why, InactiveTokenReason reason) {
        refusal = why;
        event.detail(Details.REASON, reason.describe()).error(reason.error());
        return null;
    }
}
