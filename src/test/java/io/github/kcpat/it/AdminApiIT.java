package io.github.kcpat.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API: see, filter and revoke tokens, bot tokens for service accounts, regeneration, and the audit trail. */
@KeycloakTest(realm = "admin")
class AdminApiIT {

    private static IssuedSecrets SECRETS;
    private static final long DAY = 86_400;
    private static KeycloakApi kc;
    private static ThrowawayRealm realm;
    private static String api;

    @BeforeAll
    static void start() {
        api = realm.name() + "/personal-access-tokens";
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode created(Http.Reply reply) {
        JsonNode token = expect(reply, 201).json();
        SECRETS.remember(token.get("token").asText());
        return token;
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(token -> names.add(token.get("name").asText()));
        return names;
    }

    @Test
    void adminsListFilterPageAndRevoke() throws InterruptedException {
        String adamId = realm.user("adam");
        String adam = realm.bearer("adam");
        JsonNode soon = created(realm.create(adam, "soon", now() + DAY));
        JsonNode later = created(realm.create(adam, "later", now() + 30 * DAY));
        JsonNode used = created(realm.create(adam, "used", now() + 30 * DAY));
        Thread.sleep(1500);
        long beforeUse = now();
        assertTrue(realm.introspect(used.get("token").asText()).get("active").asBoolean());

        JsonNode all = expect(kc.adminGet(api + "?userId=" + adamId), 200).json();
        assertEquals(3, all.size());
        long previous = Long.MAX_VALUE;
        for (JsonNode token : all) {
            assertEquals("adam", token.get("owner").get("username").asText());
            assertEquals(adamId, token.get("owner").get("id").asText());
            assertFalse(token.has("token"), "never the secret");
            assertTrue(token.get("createdAt").asLong() <= previous, "newest first");
            previous = token.get("createdAt").asLong();
        }
        JsonNode usedView = expect(kc.adminGet(api + "/" + used.get("id").asText()), 200).json();
        assertFalse(usedView.get("lastUsedAt").isNull());
        assertFalse(usedView.get("lastUsedIp").asText().isBlank(), "the last client address is kept");
        assertEquals("checker", usedView.get("lastUsedBy").asText(), "the introspecting resource server");
        assertEquals("introspection", usedView.get("lastUsedVia").asText());
        JsonNode neverUsed = expect(kc.adminGet(api + "/" + soon.get("id").asText()), 200).json();
        assertTrue(neverUsed.get("lastUsedBy").isNull() && neverUsed.get("lastUsedVia").isNull(), neverUsed.toString());

        assertEquals(List.of("soon"), names(expect(kc.adminGet(api + "?userId=" + adamId + "&expiresBefore=" + (now() + 2 * DAY)), 200).json()));
        List<String> unused = names(expect(kc.adminGet(api + "?userId=" + adamId + "&unusedSince=" + beforeUse), 200).json());
        assertEquals(2, unused.size(), unused.toString());
        assertFalse(unused.contains("used"));
        assertEquals(2, expect(kc.adminGet(api + "?userId=" + adamId + "&first=0&max=2"), 200).json().size());
        assertEquals(1, expect(kc.adminGet(api + "?userId=" + adamId + "&first=2&max=2"), 200).json().size());
        assertEquals(400, kc.adminGet(api + "?max=0").status());
        assertEquals(400, kc.adminGet(api + "?expiresBefore=tomorrow").status());
        assertEquals(404, kc.adminGet(api + "/00000000-0000-0000-0000-000000000000").status());

        expect(kc.adminDelete(api + "/" + soon.get("id").asText()), 204);
        assertFalse(realm.introspect(soon.get("token").asText()).get("active").asBoolean(), "revoked at once");
        assertEquals(404, kc.adminDelete(api + "/" + soon.get("id").asText()).status());

        JsonNode revokedEvents = realm.events("REMOVE_CREDENTIAL", adamId);
        JsonNode revoked = revokedEvents.get(0);
        assertEquals(soon.get("id").asText(), revoked.get("details").get("pat_id").asText());
        assertEquals("soon", revoked.get("details").get("pat_name").asText());
        assertEquals("revoked", revoked.get("details").get("pat_action").asText());
        assertEquals("personal-access-token", revoked.get("details").get("credential_type").asText());
        assertTrue(revoked.get("details").has("acted_by"), "the admin who revoked it");
        JsonNode createdEvents = realm.events("UPDATE_CREDENTIAL", adamId);
        assertEquals(3, createdEvents.size(), createdEvents.toString());
        JsonNode adminEvents = expect(kc.adminGet(realm.name() + "/admin-events?operationTypes=DELETE&max=500"), 200).json();
        assertTrue(adminEvents.toString().contains(soon.get("id").asText()), adminEvents.toString());

        assertEquals(2, expect(kc.adminDelete(api + "/users/" + adamId), 200).json().get("revoked").asInt());
        assertEquals(0, expect(kc.adminGet(api + "?userId=" + adamId), 200).json().size());
        assertFalse(realm.introspect(later.get("token").asText()).get("active").asBoolean());
        assertFalse(realm.introspect(used.get("token").asText()).get("active").asBoolean());
    }

    @Test
    void readingNeedsViewUsersAndRevokingManageUsers() {
        String ownerId = realm.user("olga");
        JsonNode token = created(realm.create(realm.bearer("olga"), "olga's", now() + DAY));
        String realmManagement = kc.clientUuid(realm.name(), "realm-management");
        String viewerId = realm.user("viewer");
        String managerId = realm.user("manager");
        realm.user("nobody");
        grant(viewerId, realmManagement, "view-users");
        grant(managerId, realmManagement, "manage-users");
        String viewer = realm.bearer("viewer");
        String manager = realm.bearer("manager");
        String nobody = realm.bearer("nobody");
        String adminApi = kc.admin(api);

        assertEquals(403, Http.get(adminApi, nobody).status());
        assertEquals("access_denied", Http.get(adminApi, nobody).json().get("error").asText());
        assertEquals(200, Http.get(adminApi + "?userId=" + ownerId, viewer).status());
        assertEquals(200, Http.get(adminApi + "/" + token.get("id").asText(), viewer).status());
        assertEquals(403, Http.delete(adminApi + "/" + token.get("id").asText(), viewer).status());
        assertEquals(403, Http.delete(adminApi + "/users/" + ownerId, viewer).status());
        assertEquals(401, Http.get(adminApi, null).status());
        assertTrue(realm.introspect(token.get("token").asText()).get("active").asBoolean());

        assertEquals(204, Http.delete(adminApi + "/" + token.get("id").asText(), manager).status());
        assertFalse(realm.introspect(token.get("token").asText()).get("active").asBoolean());
        assertEquals(400, Http.delete(adminApi, manager).status(), "revoking a whole realm must be meant");
    }

    private static void grant(String userId, String clientUuid, String role) {
        JsonNode representation = kc.adminGet(realm.name() + "/clients/" + clientUuid + "/roles/" + role).json();
        expect(kc.adminPost(realm.name() + "/users/" + userId + "/role-mappings/clients/" + clientUuid, List.of(representation)), 204);
    }

    @Test
    void botTokensActForTheServiceAccountNotTheAdmin() {
        expect(kc.adminPost(realm.name() + "/clients", Map.of("clientId", "ci-bot", "enabled", true, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false)), 201);
        expect(kc.adminPost(realm.name() + "/clients", Map.of("clientId", "no-bot", "enabled", true, "publicClient", false,
                "standardFlowEnabled", false)), 201);
        String botId = kc.adminGet(realm.name() + "/clients/" + kc.clientUuid(realm.name(), "ci-bot") + "/service-account-user")
                .json().get("id").asText();

        Map<String, Object> body = new HashMap<>(Map.of("name", "nightly build", "scopes", List.of("files.read"),
                "expiresAt", now() + 30 * DAY));
        Http.Reply reply = kc.adminPost(api + "/service-accounts/ci-bot", body);
        JsonNode bot = created(reply);
        assertTrue(reply.header("Location").endsWith("/personal-access-tokens/" + bot.get("id").asText()));
        assertEquals("service-account-ci-bot", bot.get("owner").get("username").asText());
        assertEquals("ci-bot", bot.get("owner").get("serviceAccountOf").asText());
        String secret = bot.get("token").asText();

        JsonNode answer = realm.introspect(secret);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertEquals(botId, answer.get("sub").asText(), "the integration, never the admin");
        assertEquals("service-account-ci-bot", answer.get("username").asText());
        assertTrue(answer.get("scope").asText().contains("files.read"), answer.toString());
        JsonNode events = realm.events("INTROSPECT_TOKEN", botId);
        assertEquals(bot.get("id").asText(), events.get(0).get("details").get("pat_id").asText());
        assertEquals(botId, realm.events("UPDATE_CREDENTIAL", botId).get(0).get("userId").asText());

        JsonNode adminEvents = expect(kc.adminGet(realm.name() + "/admin-events?operationTypes=CREATE&max=500"), 200).json();
        assertTrue(adminEvents.toString().contains(bot.get("id").asText()));
        assertFalse(adminEvents.toString().contains(secret.substring(6)), "the admin event holds no secret");

        assertEquals(404, kc.adminPost(api + "/service-accounts/no-bot", body).status());
        assertEquals(404, kc.adminPost(api + "/service-accounts/nope", body).status());
        assertEquals(409, kc.adminPost(api + "/service-accounts/ci-bot", body).status());
        assertEquals(400, kc.adminPost(api + "/service-accounts/ci-bot", Map.of("name", "x", "scopes", List.of("admin"),
                "expiresAt", now() + DAY)).status());
        // a service account cannot use the self-service API for itself
        String botBearer = expect(Http.postForm(kc.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token",
                "ci-bot", kc.adminGet(realm.name() + "/clients/" + kc.clientUuid(realm.name(), "ci-bot") + "/client-secret")
                        .json().get("value").asText(), Map.of("grant_type", "client_credentials")), 200).json().get("access_token").asText();
        assertNotEquals(201, Http.postJson(kc.patApi(realm.name()), botBearer, Map.of("name", "self-made")).status());
    }

    @Test
    void regeneratingGivesANewSecretAndStopsTheOldOne() {
        realm.user("rita");
        String rita = realm.bearer("rita");
        JsonNode original = created(realm.create(rita, "deploy", now() + 10 * DAY));
        long lifetime = original.get("expiresAt").asLong() - original.get("createdAt").asLong();

        JsonNode renewed = expect(Http.post(kc.patApi(realm.name()) + "/" + original.get("id").asText() + "/regenerate",
                rita, "application/json", ""), 200).json();
        SECRETS.remember(renewed.get("token").asText());
        assertEquals(original.get("id").asText(), renewed.get("id").asText());
        assertEquals("deploy", renewed.get("name").asText());
        assertEquals(original.get("scopes"), renewed.get("scopes"));
        assertEquals(lifetime, renewed.get("expiresAt").asLong() - renewed.get("createdAt").asLong(), "the same lifetime length");
        assertNotEquals(original.get("token").asText(), renewed.get("token").asText());
        assertFalse(realm.introspect(original.get("token").asText()).get("active").asBoolean(), "the old secret stops at once");
        assertTrue(realm.introspect(renewed.get("token").asText()).get("active").asBoolean());

        // an admin never receives a person's secret: admins revoke, people regenerate
        Http.Reply byAdmin = kc.adminPost(api + "/" + original.get("id").asText() + "/regenerate", Map.of());
        assertEquals(403, byAdmin.status(), byAdmin.body());
        assertFalse(byAdmin.body().contains("kcpat_"));
        assertTrue(realm.introspect(renewed.get("token").asText()).get("active").asBoolean(), "the person's secret still works");
        assertEquals("regenerated", realm.events("UPDATE_CREDENTIAL", kc.userId(realm.name(), "rita")).get(0)
                .get("details").get("pat_action").asText());

        // a PAT cannot regenerate itself, another user cannot regenerate it
        assertEquals(401, Http.post(kc.patApi(realm.name()) + "/" + original.get("id").asText() + "/regenerate",
                renewed.get("token").asText(), "application/json", "").status());
        realm.user("sam");
        assertEquals(404, Http.post(kc.patApi(realm.name()) + "/" + original.get("id").asText() + "/regenerate",
                realm.bearer("sam"), "application/json", "").status());
    }

    @Test
    void revokingAWholeRealm() {
        realm.user("vera");
        String vera = realm.bearer("vera");
        JsonNode one = created(realm.create(vera, "one", now() + DAY));
        JsonNode two = created(realm.create(vera, "two", now() + DAY));
        JsonNode revoked = expect(kc.adminDelete(api + "?all=true"), 200).json();
        assertTrue(revoked.get("revoked").asInt() >= 2);
        assertFalse(realm.introspect(one.get("token").asText()).get("active").asBoolean());
        assertFalse(realm.introspect(two.get("token").asText()).get("active").asBoolean());
        assertEquals(0, expect(kc.adminGet(api), 200).json().size());
    }
}
