package io.github.kcpat.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A realm nobody here prepared, as a new admin meets it: PATs turned on in one step (a safe client, checked field by
 * field), the health check naming each problem while it exists and not after the fix, scope texts that are message
 * keys resolved in the user's language, the expiry every list shows under the current policy, and the tab in a
 * realm whose account theme extends this one.
 */
@KeycloakTest
class RealmSetupIT {

    private static IssuedSecrets SECRETS;
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private final List<String> realms = new ArrayList<>();

    @AfterEach
    void removeRealms() {
        realms.forEach(name -> kc.adminDelete(name));
    }

    private String freshRealm(String prefix, Map<String, Object> extra) {
        String name = prefix + System.nanoTime() % 1_000_000;
        Map<String, Object> rep = new java.util.HashMap<>(Map.of("realm", name, "enabled", true));
        rep.putAll(extra);
        kc.createRealm(rep);
        realms.add(name);
        return name;
    }

    /** The codes of the findings to fix (level warning); {@code info} ones are said but need nothing. */
    private static Set<String> codes(JsonNode answer) {
        return codes(answer, "warning");
    }

    private static Set<String> codes(JsonNode answer, String level) {
        Set<String> codes = new HashSet<>();
        answer.get("findings").forEach(f -> {
            assertFalse(f.get("message").asText().isBlank());
            assertFalse(f.get("fix").asText().isBlank());
            if (level.equals(f.get("level").asText())) {
                codes.add(f.get("code").asText());
            }
        });
        return codes;
    }

    private static Set<String> health(String realm) {
        return codes(expect(kc.adminGet(realm + "/personal-access-tokens/setup"), 200).json());
    }

    private static JsonNode setup(String realm, Map<String, Object> body) {
        return expect(kc.adminPost(realm + "/personal-access-tokens/setup", body), 200).json();
    }

    private static Set<String> scopeNames(String realm, String clientUuid, String kind) {
        Set<String> names = new HashSet<>();
        kc.adminGet(realm + "/clients/" + clientUuid + "/" + kind + "-client-scopes").json()
                .forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    @Test
    void oneStepGivesASafeClientInARealmNobodyPrepared() {
        String realm = freshRealm("acme", Map.of());
        assertEquals(Set.of("NO_CLIENT"), health(realm));

        JsonNode answer = setup(realm, Map.of());
        assertTrue(answer.get("changes").get(0).asText().contains("Created the client"), answer.toString());
        String uuid = kc.clientUuid(realm, "personal-access-tokens");
        JsonNode client = kc.adminGet(realm + "/clients/" + uuid).json();
        assertTrue(client.get("enabled").asBoolean());
        assertFalse(client.get("fullScopeAllowed").asBoolean(), "full scope off");
        assertFalse(client.get("publicClient").asBoolean());
        assertFalse(client.get("standardFlowEnabled").asBoolean());
        assertFalse(client.get("implicitFlowEnabled").asBoolean());
        assertFalse(client.get("directAccessGrantsEnabled").asBoolean());
        assertFalse(client.get("serviceAccountsEnabled").asBoolean());
        Set<String> defaults = scopeNames(realm, uuid, "default");
        Set<String> optional = scopeNames(realm, uuid, "optional");
        for (String personal : List.of("profile", "email", "address", "phone", "offline_access", "microprofile-jwt", "organization")) {
            assertFalse(defaults.contains(personal) || optional.contains(personal), personal + " is not attached");
        }
        assertTrue(defaults.contains("roles"), "roles stay: a token carries the roles its scopes map " + defaults);
        assertTrue(optional.isEmpty(), "nothing offered that the admin did not choose " + optional);

        Set<String> left = health(realm);
        assertFalse(left.contains("NO_CLIENT") || left.contains("FULL_SCOPE") || left.contains("BUILTIN_SCOPES"), left.toString());
        assertTrue(left.containsAll(Set.of("NO_OPTIONAL_SCOPE", "ACCOUNT_THEME", "EVENTS_NOT_STORED")), left.toString());
        assertTrue(setup(realm, Map.of()).get("changes").isEmpty(), "a second run changes nothing");
    }

    @Test
    void theHealthCheckNamesEachProblemUntilItIsFixed() {
        String realm = freshRealm("health", Map.of());
        setup(realm, Map.of());
        String uuid = kc.clientUuid(realm, "personal-access-tokens");

        // full scope, a built-in scope offered, the client disabled: each reported, each repaired by the one step
        JsonNode client = kc.adminGet(realm + "/clients/" + uuid).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) client).put("fullScopeAllowed", true).put("enabled", false);
        expect(kc.adminPut(realm + "/clients/" + uuid, client), 204);
        expect(kc.adminPut(realm + "/clients/" + uuid + "/optional-client-scopes/" + kc.clientScopeId(realm, "address"),
                Map.of()), 204);
        assertTrue(health(realm).containsAll(Set.of("FULL_SCOPE", "BUILTIN_SCOPES", "CLIENT_DISABLED")));
        JsonNode repaired = setup(realm, Map.of());
        String changes = repaired.get("changes").toString();
        assertTrue(changes.contains("Full scope") && changes.contains("address") && changes.contains("Enabled"), changes);
        Set<String> after = codes(repaired);
        assertFalse(after.contains("FULL_SCOPE") || after.contains("BUILTIN_SCOPES") || after.contains("CLIENT_DISABLED"),
                after.toString());

        // a scope of one's own without an audience mapper, then with one
        expect(kc.adminPost(realm + "/client-scopes", Map.of("name", "files.read", "protocol", "openid-connect")), 201);
        String scope = kc.clientScopeId(realm, "files.read");
        expect(kc.adminPut(realm + "/clients/" + uuid + "/optional-client-scopes/" + scope, Map.of()), 204);
        Set<String> codes = health(realm);
        assertFalse(codes.contains("NO_OPTIONAL_SCOPE"));
        assertTrue(codes.contains("NO_AUDIENCE_MAPPER"), codes.toString());
        expect(kc.adminPost(realm + "/client-scopes/" + scope + "/protocol-mappers/models", Map.of("name", "files audience",
                "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper", "config",
                Map.of("included.custom.audience", "files-api", "access.token.claim", "true",
                        "introspection.token.claim", "true"))), 201);
        assertFalse(health(realm).contains("NO_AUDIENCE_MAPPER"));

        // the account theme, set by the one step when asked
        assertTrue(health(realm).contains("ACCOUNT_THEME"));
        assertTrue(setup(realm, Map.of("accountTheme", true)).get("changes").toString().contains("account theme"));
        assertFalse(health(realm).contains("ACCOUNT_THEME"));
        assertEquals("personal-access-tokens", kc.adminGet(realm).json().get("accountTheme").asText());

        // events, and mail for the reminders
        assertTrue(health(realm).containsAll(Set.of("EVENTS_NOT_STORED", "NO_SMTP")));
        expect(kc.adminPut(realm + "/events/config", Map.of("eventsEnabled", true, "enabledEventTypes", List.of(
                "INTROSPECT_TOKEN", "INTROSPECT_TOKEN_ERROR", "TOKEN_EXCHANGE", "TOKEN_EXCHANGE_ERROR"))), 204);
        expect(kc.adminPut(realm, Map.of("smtpServer", Map.of("host", "127.0.0.1", "port", "2525", "from",
                "keycloak@example.org"))), 204);
        assertEquals(Set.of(), health(realm), "nothing left to fix");
        JsonNode answer = expect(kc.adminGet(realm + "/personal-access-tokens/setup"), 200).json();
        assertEquals(Set.of("SIGNALS_OFF"), codes(answer, "info"), "said, without the ssf feature, as information");
        assertTrue(answer.toString().contains("--features=ssf"), "with how to turn signals on");
    }

    /**
     * This suite's server runs without Keycloak's {@code ssf} feature (and 26.4–26.6 have no transmitter at all): every
     * realm's signals are off, said as information, also in a realm that opted in and has a receiver client, and the
     * fix says how to turn them on. PATs work the same either way (the rest of the suite).
     */
    @Test
    void withoutTheSsfFeatureSignalsAreOffAndTheFixSaysHowToTurnThemOn() {
        String plain = freshRealm("nossf", Map.of());
        String optedIn = freshRealm("optin", Map.of("attributes", Map.of("ssf.transmitterEnabled", "true")));
        expect(kc.adminPost(optedIn + "/clients", io.github.kcpat.it.support.Realms.confidentialClient("rs", "rs-secret",
                "attributes", Map.of("ssf.enabled", "true"))), 201);
        assertEquals(404, Http.get(kc.base() + "/realms/" + optedIn + "/.well-known/ssf-configuration", null).status(),
                "no SSF transmitter on this server, even for a realm that opted in");
        for (String realm : List.of(plain, optedIn)) {
            setup(realm, Map.of());
            JsonNode answer = expect(kc.adminGet(realm + "/personal-access-tokens/setup"), 200).json();
            List<JsonNode> signals = new ArrayList<>();
            answer.get("findings").forEach(f -> {
                if (f.get("code").asText().startsWith("SIGNALS_")) {
                    signals.add(f);
                }
            });
            assertEquals(1, signals.size(), answer.toString());
            JsonNode finding = signals.get(0);
            assertEquals("SIGNALS_OFF", finding.get("code").asText(), realm + ": " + finding);
            assertEquals("info", finding.get("level").asText(), finding.toString());
            assertTrue(finding.get("message").asText().contains("this server has no Shared Signals transmitter"),
                    "the server, not the realm, is why: " + finding);
            String fix = finding.get("fix").asText();
            for (String step : List.of("--features=ssf", "ssf.transmitterEnabled=true", "ssf.enabled=true",
                    "credential-change", "securing-apps/ssf-support")) {
                assertTrue(fix.contains(step), "the fix says " + step + ": " + fix);
            }
        }
    }

    /** A PAT is no sign-in: the one step keeps Keycloak's acr scope off the client, and the health check names it. */
    @Test
    void theAcrScopeStaysOffThePatClient() {
        String realm = freshRealm("acr", Map.of());
        setup(realm, Map.of());
        String uuid = kc.clientUuid(realm, "personal-access-tokens");
        assertFalse(scopeNames(realm, uuid, "default").contains("acr"), "created without acr");
        assertFalse(health(realm).contains("ACR_SCOPE"));

        expect(kc.adminPut(realm + "/clients/" + uuid + "/default-client-scopes/" + kc.clientScopeId(realm, "acr"),
                Map.of()), 204);
        assertTrue(health(realm).contains("ACR_SCOPE"), "named where an admin put it back");
        JsonNode repaired = setup(realm, Map.of());
        assertTrue(repaired.get("changes").toString().contains("'acr'"), repaired.toString());
        assertFalse(codes(repaired).contains("ACR_SCOPE"));
        assertFalse(scopeNames(realm, uuid, "default").contains("acr"));
    }

    @Test
    void theOneStepSaysWhatItChangedOnAClientTheAdminMade() {
        String realm = freshRealm("existing", Map.of("clients", List.of(Map.of("clientId", "personal-access-tokens",
                "enabled", true, "publicClient", true, "standardFlowEnabled", true, "directAccessGrantsEnabled", true,
                "fullScopeAllowed", true))));
        JsonNode answer = setup(realm, Map.of());
        String changes = answer.get("changes").toString();
        for (String said : List.of("Full scope", "confidential", "standard flow", "direct access grants", "'acr'")) {
            assertTrue(changes.contains(said), "says: " + said + " in " + changes);
        }
        assertFalse(codes(answer).contains("FULL_SCOPE"));
    }

    @Test
    void setupAndHealthNeedAdminRights() {
        String realm = freshRealm("rights", Map.of());
        assertEquals(401, Http.get(kc.base() + "/admin/realms/" + realm + "/personal-access-tokens/setup", null).status());
        String viewer = kc.createUser(realm, "viewer", "viewer-pw");
        String rm = kc.clientUuid(realm, "realm-management");
        JsonNode viewUsers = kc.adminGet(realm + "/clients/" + rm + "/roles/view-users").json();
        expect(kc.adminPost(realm + "/users/" + viewer + "/role-mappings/clients/" + rm,
                List.of(Map.of("id", viewUsers.get("id").asText(), "name", "view-users"))), 204);
        String admin = kc.userToken(realm, "admin-cli", "viewer", "viewer-pw", null);
        assertEquals(403, Http.get(kc.base() + "/admin/realms/" + realm + "/personal-access-tokens/setup", admin).status());
        Http.Reply post = Http.postJson(kc.base() + "/admin/realms/" + realm + "/personal-access-tokens/setup", admin, Map.of());
        assertEquals(403, post.status());
        assertEquals("application/json", post.contentType().split(";")[0]);
        assertEquals(0, kc.adminGet(realm + "/clients?clientId=personal-access-tokens").json().size(), "nothing was made");
    }

    @Test
    void scopeTextsThatAreMessageKeysAreReadInTheUsersLanguage() throws Exception {
        String realm = freshRealm("i18n", Map.of("internationalizationEnabled", true, "supportedLocales", List.of("en", "de"),
                "defaultLocale", "en"));
        setup(realm, Map.of());
        expect(kc.adminPost(realm + "/client-scopes", Map.of("name", "files.read", "protocol", "openid-connect",
                "description", "${filesReadDescription}", "attributes", Map.of("consent.screen.text", "${filesReadText}"))), 201);
        expect(kc.adminPost(realm + "/client-scopes", Map.of("name", "profile.mine", "protocol", "openid-connect",
                "attributes", Map.of("consent.screen.text", "${profileScopeConsentText}"))), 201);
        String uuid = kc.clientUuid(realm, "personal-access-tokens");
        for (String name : List.of("files.read", "profile.mine")) {
            expect(kc.adminPut(realm + "/clients/" + uuid + "/optional-client-scopes/" + kc.clientScopeId(realm, name),
                    Map.of()), 204);
        }
        expect(kc.adminPost(realm + "/localization/en", Map.of("filesReadText", "Read your files",
                "filesReadDescription", "Lets the token read the files you can read")), 204);
        expect(kc.adminPost(realm + "/localization/de", Map.of("filesReadText", "Deine Dateien lesen",
                "filesReadDescription", "Der Token darf die Dateien lesen, die du lesen darfst")), 204);
        kc.createUser(realm, "lena", "lena-pw");
        String bearer = accountToken(realm, "lena", "lena-pw");

        Map<String, JsonNode> en = scopes(realm, bearer, "en");
        assertEquals("Read your files", en.get("files.read").get("displayName").asText());
        assertEquals("Lets the token read the files you can read", en.get("files.read").get("description").asText());
        assertFalse(en.get("profile.mine").get("displayName").asText().contains("${"), "a theme message resolved too");
        Map<String, JsonNode> de = scopes(realm, bearer, "de");
        assertEquals("Deine Dateien lesen", de.get("files.read").get("displayName").asText());
        assertEquals("Der Token darf die Dateien lesen, die du lesen darfst", de.get("files.read").get("description").asText());
    }

    /** A token the account API accepts: from the realm's {@code account-console} client, by the password grant. */
    private static String accountToken(String realm, String user, String password) {
        String uuid = kc.clientUuid(realm, "account-console");
        JsonNode client = kc.adminGet(realm + "/clients/" + uuid).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) client).put("directAccessGrantsEnabled", true);
        expect(kc.adminPut(realm + "/clients/" + uuid, client), 204);
        return kc.userToken(realm, "account-console", user, password, null);
    }

    private static Map<String, JsonNode> scopes(String realm, String bearer, String language) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(kc.patApi(realm) + "/scopes"))
                .header("Authorization", "Bearer " + bearer).header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        Http.JSON.readTree(response.body()).forEach(s -> byName.put(s.get("name").asText(), s));
        return byName;
    }

    @Test
    void everyListShowsTheExpiryThePolicyLeavesAToken() {
        String realm = freshRealm("expiry", Map.of());
        setup(realm, Map.of());
        expect(kc.adminPost(realm + "/client-scopes", Map.of("name", "files.read", "protocol", "openid-connect")), 201);
        expect(kc.adminPut(realm + "/clients/" + kc.clientUuid(realm, "personal-access-tokens") + "/optional-client-scopes/"
                + kc.clientScopeId(realm, "files.read"), Map.of()), 204);
        kc.createUser(realm, "otto", "otto-pw");
        String bearer = accountToken(realm, "otto", "otto-pw");
        long far = System.currentTimeMillis() / 1000 + 300 * 86_400;
        JsonNode created = expect(Http.postJson(kc.patApi(realm), bearer, Map.of("name", "long one", "scopes",
                List.of("files.read"), "expiresAt", far)), 201).json();
        SECRETS.remember(created.get("token").asText());
        assertEquals(far, created.get("expiresAt").asLong());
        assertFalse(created.get("expiryCutByPolicy").asBoolean());

        expect(kc.adminPut(realm + "/personal-access-tokens/policy", Map.of("maxLifetimeDays", 30, "defaultLifetimeDays", 7)), 200);
        long cut = created.get("createdAt").asLong() + 30 * 86_400;
        JsonNode mine = expect(Http.get(kc.patApi(realm), bearer), 200).json().get(0);
        assertEquals(cut, mine.get("expiresAt").asLong(), "the account list shows the expiry that applies now");
        assertTrue(mine.get("expiryCutByPolicy").asBoolean());
        JsonNode one = expect(Http.get(kc.patApi(realm) + "/" + created.get("id").asText(), bearer), 200).json();
        assertEquals(cut, one.get("expiresAt").asLong());
        JsonNode admins = expect(kc.adminGet(realm + "/personal-access-tokens"), 200).json().get(0);
        assertEquals(cut, admins.get("expiresAt").asLong(), "so does the admin list");
        assertTrue(admins.get("expiryCutByPolicy").asBoolean());
        JsonNode self = expect(Http.get(kc.patApi(realm) + "/self", created.get("token").asText()), 200).json();
        assertEquals(cut, self.get("expiresAt").asLong(), "and the token itself");
    }

    @Test
    @Tag("browser")
    void aRealmWithItsOwnThemeBuiltOnThisOneShowsTheTab() throws Exception {
        Path theme = server.themesDir().resolve("acme-brand/account");
        Files.createDirectories(theme.resolve("messages"));
        Files.writeString(theme.resolve("theme.properties"), "parent=personal-access-tokens\n");
        Files.writeString(theme.resolve("messages/messages_en.properties"), "personalAccessTokens=Acme API tokens\n");
        String realm = freshRealm("branded", Map.of("accountTheme", "acme-brand"));
        setup(realm, Map.of());
        assertFalse(health(realm).contains("ACCOUNT_THEME"), "a theme whose parent is this one has the tab");
        kc.createUser(realm, "bea", "bea-pw");
        try (Browser browser = new Browser()) {
            browser.open(kc.base() + "/realms/" + realm + "/account/personal-access-tokens");
            browser.login("bea", "bea-pw");
            browser.visible(By.xpath("//h1[normalize-space()='Acme API tokens']"));
            browser.visible(By.xpath("//nav//a[normalize-space()='Acme API tokens']"));
            browser.screenshot("branded-account-theme");
        }
    }
}
