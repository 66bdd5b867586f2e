package io.github.kcpat.access;

import java.io.IOException;
import java.util.List;

import io.github.kcpat.model.PersonalAccessToken;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.JsonSerialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a token exchanged from a PAT is marked, and whether it is still its PAT's: as a holder of an old, or someone
 * else's, exchanged token would try to keep it alive.
 */
class DerivedTokensTest {

    private static final long CREATED = 1_700_000_000L;

    private static PersonalAccessToken pat(String id, String userId, long createdAt) {
        return new PersonalAccessToken(id, "realm-1", userId, "ci", List.of("openid"), "kcpat_ab...yz", createdAt, null, null,
                null, null, false);
    }

    private static ActivePat active(PersonalAccessToken pat) {
        UserModel user = Fake.of(UserModel.class, pat.userId()).with("getId", pat.userId()).build();
        return new ActivePat(pat, user, null, null, null, pat.createdAt(), pat.secretGeneration());
    }

    /** A token exchanged from the PAT, as its holder presents it: signed as JSON, read back by Keycloak. */
    private static AccessToken exchangedFrom(PersonalAccessToken pat) {
        AccessToken token = new AccessToken();
        token.subject(pat.userId());
        token.type("Bearer");
        token.setSessionId("session-1");
        DerivedTokens.mark(token, active(pat));
        return readBack(token);
    }

    private static AccessToken readBack(AccessToken token) {
        try {
            return JsonSerialization.readValue(JsonSerialization.writeValueAsBytes(token), AccessToken.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static AccessToken claims(String subject, Object patId, Object secretIssued) {
        AccessToken token = new AccessToken();
        token.subject(subject);
        token.type("PAT");
        token.getOtherClaims().put("pat_id", patId);
        token.getOtherClaims().put("pat_secret_iat", secretIssued);
        return token;
    }

    @Nested
    class Marking {

        @Test
        void aMarkedTokenNamesItsPatAndSecretAndIsNoBearerToken() {
            AccessToken token = exchangedFrom(pat("pat-1", "user-1", CREATED));
            assertEquals("PAT", token.getType());
            assertNull(token.getSessionId(), "no session that Keycloak's session checks would accept");
            assertEquals("pat-1", DerivedTokens.patId(token));
            assertEquals(CREATED, ((Number) token.getOtherClaims().get("pat_secret_iat")).longValue());
            assertTrue(DerivedTokens.isDerived(token));
        }

        @Test
        void aMarkedTokenBelongsToItsPat() {
            PersonalAccessToken pat = pat("pat-1", "user-1", CREATED);
            assertTrue(DerivedTokens.belongsTo(exchangedFrom(pat), active(pat)));
        }

        @Test
        void itStillBelongsAfterTheYear2038() {
            // read back, a time beyond an int is a Long where an earlier one is an Integer
            PersonalAccessToken pat = pat("pat-1", "user-1", 2_200_000_000L);
            AccessToken token = exchangedFrom(pat);
            assertTrue(token.getOtherClaims().get("pat_secret_iat") instanceof Long);
            assertTrue(DerivedTokens.belongsTo(token, active(pat)));
        }
    }

    @Nested
    class Recognition {

        @ParameterizedTest
        @ValueSource(strings = {"PAT", "pat", "Pat"})
        void aTokenTypedPatIsDerived(String type) {
            AccessToken token = new AccessToken();
            token.type(type);
            assertTrue(DerivedTokens.isDerived(token));
        }

        @Test
        void aTokenNamingAPatIsDerivedWhateverItsTypeAndWhateverTheIdIs() {
            for (Object id : new Object[] {"pat-1", "", 42, null}) {
                AccessToken token = new AccessToken();
                token.type("Bearer");
                token.getOtherClaims().put("pat_id", id);
                assertTrue(DerivedTokens.isDerived(token), "pat_id " + id);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer", "DPoP", "Refresh", "ID", "PAT2", " PAT"})
        void otherTokensAreNot(String type) {
            AccessToken token = new AccessToken();
            token.type(type);
            assertFalse(DerivedTokens.isDerived(token));
        }

        @Test
        void anUntypedTokenWithoutAPatIsNot() {
            assertFalse(DerivedTokens.isDerived(new AccessToken()));
        }

        @Test
        void aPatIdThatIsNotTextNamesNoPat() {
            // so the PAT is looked up as "none" and the token is refused, rather than a number matching an id
            assertNull(DerivedTokens.patId(claims("user-1", 42, CREATED)));
            assertNull(DerivedTokens.patId(claims("user-1", List.of("pat-1"), CREATED)));
            assertNull(DerivedTokens.patId(claims("user-1", null, CREATED)));
            assertNull(DerivedTokens.patId(new AccessToken()));
        }
    }

    @Nested
    class Belonging {

        private final PersonalAccessToken pat = pat("pat-1", "user-1", CREATED);

        @Test
        void theSecretsIssueTimeMustBeTheOneThePatHasNow() {
            assertTrue(DerivedTokens.belongsTo(claims("user-1", "pat-1", CREATED), active(pat)));
            assertTrue(DerivedTokens.belongsTo(claims("user-1", "pat-1", (int) CREATED), active(pat)), "as JSON reads it");
        }

        @Test
        void aTokenFromTheSecretBeforeARegenerationIsNotItsAnyMore() {
            PersonalAccessToken regenerated = pat("pat-1", "user-1", CREATED + 1);
            assertFalse(DerivedTokens.belongsTo(exchangedFrom(pat), active(regenerated)), "a second later");
        }

        @Test
        void aTokenClaimingALaterSecretThanThePatHasIsNot() {
            assertFalse(DerivedTokens.belongsTo(claims("user-1", "pat-1", CREATED + 1), active(pat)));
            assertFalse(DerivedTokens.belongsTo(claims("user-1", "pat-1", CREATED - 1), active(pat)));
        }

        @Test
        void aSecretTimeThatIsNotANumberIsNot() {
            for (Object issued : new Object[] {Long.toString(CREATED), null, true, List.of(CREATED)}) {
                assertFalse(DerivedTokens.belongsTo(claims("user-1", "pat-1", issued), active(pat)), "pat_secret_iat " + issued);
            }
            AccessToken without = claims("user-1", "pat-1", null);
            without.getOtherClaims().remove("pat_secret_iat");
            assertFalse(DerivedTokens.belongsTo(without, active(pat)), "no pat_secret_iat");
        }

        @Test
        void anotherUsersTokenIsNot() {
            assertFalse(DerivedTokens.belongsTo(claims("user-2", "pat-1", CREATED), active(pat)));
            assertFalse(DerivedTokens.belongsTo(claims(null, "pat-1", CREATED), active(pat)));
            assertFalse(DerivedTokens.belongsTo(claims("USER-1", "pat-1", CREATED), active(pat)));
        }

        @Test
        void aTokenFromTheSecretBeforeARegenerationInTheSameSecondIsNotItsAnyMore() {
            PersonalAccessToken regenerated = new PersonalAccessToken("pat-1", "realm-1", "user-1", "ci", List.of("openid"),
                    "kcpat_ab...yz", CREATED, null, null, null, null, false, null, 1);
            AccessToken fromFirst = exchangedFrom(pat);
            assertEquals(0, DerivedTokens.secretGeneration(fromFirst));
            assertFalse(DerivedTokens.belongsTo(fromFirst, active(regenerated)), "the same second, the next secret");
            assertTrue(DerivedTokens.belongsTo(exchangedFrom(regenerated), active(regenerated)));
        }

        @Test
        void aTokenNamingAnotherSecretNumberIsNotButOneNamingNoneIsJudgedByItsTime() {
            AccessToken other = claims("user-1", "pat-1", CREATED);
            other.getOtherClaims().put("pat_secret_gen", 7);
            assertFalse(DerivedTokens.belongsTo(other, active(pat)));
            AccessToken older = claims("user-1", "pat-1", CREATED);
            assertNull(DerivedTokens.secretGeneration(older), "exchanged by a release that did not number secrets");
            assertTrue(DerivedTokens.belongsTo(older, active(pat)));
            AccessToken text = claims("user-1", "pat-1", CREATED);
            text.getOtherClaims().put("pat_secret_gen", "0");
            assertNull(DerivedTokens.secretGeneration(text), "a number, or nothing");
        }

        @Test
        void aTokenOfAnotherPatOfTheSameUserCreatedInTheSameSecondIsNot() {
            PersonalAccessToken sibling = pat("pat-2", "user-1", CREATED);
            assertFalse(DerivedTokens.belongsTo(exchangedFrom(sibling), active(pat)));
            assertFalse(DerivedTokens.belongsTo(claims("user-1", null, CREATED), active(pat)), "naming no PAT");
        }
    }
}
