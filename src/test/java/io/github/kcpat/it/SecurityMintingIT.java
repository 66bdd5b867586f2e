package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Minting a PAT with a token that should not: another application's token, an offline token, a stale sign-in.
 */
@KeycloakTest(realm = "security-minting", from = "security.json")
class SecurityMintingIT extends SecurityAttacks {

    @Test
    void anotherApplicationsTokenOrAnOfflineTokenCannotMint() {
        String otherApp = kc.userToken(realm, "other-app", "alice", "alice-password", null);
        Http.Reply refused = create(otherApp, "from another app " + now(), List.of("api.read"));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("client_not_allowed", refused.json().get("error").asText());
        assertEquals(200, Http.get(kc.patApi(realm), otherApp).status(), "listing keeps today's rule");

        String offline = kc.userToken(realm, "cli", "alice", "alice-password", "offline_access");
        Http.Reply offlineRefused = create(offline, "from an offline session " + now(), List.of("api.read"));
        assertEquals(403, offlineRefused.status(), offlineRefused.body());
        assertEquals("offline_token_not_allowed", offlineRefused.json().get("error").asText());
    }

    @Test
    void aStaleSignInIsAskedToSignInAgain() throws InterruptedException {
        String bearer = login("alice");
        JsonNode kept = expect(create(bearer, "before the rule " + now(), List.of()), 201).json();
        SECRETS.remember(kept.get("token").asText());
        expect(kc.adminPut(realm + "/personal-access-tokens/policy", Map.of("maxAuthAgeSeconds", 5)), 200);
        try {
            Thread.sleep(6_000); // let the sign-in grow older than the rule allows (a wait, not a measurement)
            Http.Reply stale = create(bearer, "after a while " + now(), List.of());
            assertEquals(401, stale.status(), stale.body());
            assertEquals("insufficient_user_authentication", stale.json().get("error").asText());
            assertEquals(5, stale.json().get("max_age").asInt());
            assertTrue(stale.header("WWW-Authenticate").contains("error=\"insufficient_user_authentication\""));
            assertTrue(stale.header("WWW-Authenticate").contains("max_age=5"));
            Http.Reply regenerate = Http.post(kc.patApi(realm) + "/" + kept.get("id").asText() + "/regenerate", bearer,
                    "application/json", "");
            assertEquals(401, regenerate.status());
            assertEquals(200, Http.get(kc.patApi(realm), bearer).status(), "listing keeps today's rule");
            expect(Http.delete(kc.patApi(realm) + "/" + kept.get("id").asText(), bearer), 204);
            Http.Reply again = create(login("alice"), "signed in again " + now(), List.of());
            assertEquals(201, again.status(), again.body());
            SECRETS.remember(again.json().get("token").asText());
        } finally {
            expect(kc.adminPut(realm + "/personal-access-tokens/policy", Map.of("maxAuthAgeSeconds", 300)), 200);
        }
    }
}
