package io.github.kcpat.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which texts the derived-token rule applies to, and what a PAT's claims never say. */
class DerivedTokenRulesTest {

    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void aTokenNamingItsPatOrTypedPatIsDerived() {
        AccessToken byClaim = DerivedTokenLiveness.claimsIfDerived(jwt("{\"sub\":\"u\",\"typ\":\"Bearer\",\"pat_id\":\"p1\"}"));
        assertNotNull(byClaim);
        assertEquals("p1", DerivedTokens.patId(byClaim));
        assertNotNull(DerivedTokenLiveness.claimsIfDerived(jwt("{\"sub\":\"u\",\"typ\":\"PAT\"}")), "typ PAT without pat_id");
    }

    @Test
    void everythingElseIsLeftToKeycloak() {
        assertNull(DerivedTokenLiveness.claimsIfDerived(jwt("{\"sub\":\"u\",\"typ\":\"Bearer\"}")), "an ordinary access token");
        assertNull(DerivedTokenLiveness.claimsIfDerived(jwt("{\"sub\":\"u\",\"typ\":\"Refresh\"}")), "a refresh token");
        assertNull(DerivedTokenLiveness.claimsIfDerived("kcpat_" + "A".repeat(49)), "a PAT");
        assertNull(DerivedTokenLiveness.claimsIfDerived("a.b"), "two parts");
        assertNull(DerivedTokenLiveness.claimsIfDerived("not.a.jwt"), "not base64 JSON");
        assertNull(DerivedTokenLiveness.claimsIfDerived(""));
        assertNull(DerivedTokenLiveness.claimsIfDerived(null));
    }

    @Test
    void aPatClaimsNoSignIn() {
        AccessToken claims = new AccessToken();
        claims.setAcr("1");
        claims.setAuth_time(1_700_000_000L);
        claims.getOtherClaims().put("acr", "1");
        claims.getOtherClaims().put("auth_time", 1_700_000_000L);
        claims.getOtherClaims().put("pat_id", "kept");
        PatAccessTokens.withoutSignIn(claims);
        assertNull(claims.getAcr());
        assertNull(claims.getAuth_time());
        assertNull(claims.getOtherClaims().get("acr"));
        assertNull(claims.getOtherClaims().get("auth_time"));
        assertEquals("kept", claims.getOtherClaims().get("pat_id"));
    }
}
