package io.github.kcpat.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import io.github.kcpat.it.support.Realms;
import io.github.kcpat.it.support.ThrowawayRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static io.github.kcpat.it.support.Browser.testId;
import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console's "Personal access tokens" page (the {@code personal-access-tokens} admin theme of this jar, set on
 * the master realm), in headless Chromium against a real Keycloak: list, filter, revoke, bot tokens, policy, and what a
 * view-only admin is offered; Keycloak's own pages still work under the theme.
 */
@Tag("browser")
@KeycloakTest
class AdminConsoleIT {

    private static IssuedSecrets SECRETS;
    private static final String BOT_CLIENT = "ui-bot";
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private static String previousTheme;
    private Browser browser;

    @BeforeAll
    static void useTheAdminTheme() {
        JsonNode master = expect(kc.adminGet("master"), 200).json();
        previousTheme = master.path("adminTheme").isMissingNode() || master.path("adminTheme").isNull()
                ? "" : master.path("adminTheme").asText();
        expect(kc.adminPut("master", Map.of("adminTheme", "personal-access-tokens")), 204);
        if (kc.adminGet(DEMO + "/clients?clientId=" + BOT_CLIENT).json().isEmpty()) {
            expect(kc.adminPost(DEMO + "/clients", Realms.confidentialClient(BOT_CLIENT, "ui-bot-secret",
                    "serviceAccountsEnabled", true)), 201);
        }
    }

    @AfterAll
    static void restore() {
        expect(kc.adminPut("master", Map.of("adminTheme", previousTheme)), 204);
    }

    private String page(String realm) {
        return kc.base() + "/admin/master/console/#/" + realm + "/personal-access-tokens";
    }

    /** Signs the master admin (or another master user) in, straight onto the page of the demo realm. */
    private void openPage(String username, String password) {
        browser.open(page(DEMO));
        browser.login(username, password);
        browser.visible(By.cssSelector("[data-testid='pat-row'], [data-testid='pat-empty']"));
    }

    /** On a line the suite runs on: the page learnt the server's line (PATs on) and warns of nothing. */
    private void assertNoLineWarning(String tab) {
        browser.until(d -> "true".equals(d.findElement(testId("pat-page")).getAttribute("data-pats-on")));
        assertTrue(browser.all(testId("pat-untested-line")).isEmpty(), "no untested-line warning on the " + tab + " tab");
    }

    private String userWithToken(String username, String tokenName) {
        String id = kc.createUser(DEMO, username, username + "-pw");
        String bearer = kc.userToken(DEMO, "demo-cli", username, username + "-pw", null);
        JsonNode created = expect(Http.postJson(kc.patApi(DEMO), bearer, Map.of("name", tokenName, "scopes",
                List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
        SECRETS.remember(created.get("token").asText());
        return created.get("id").asText() + " " + created.get("token").asText() + " " + id;
    }

    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    @Test
    void anAdminFiltersByUserAndRevokesATokenWhichStopsAtOnce() throws Exception {
        String[] first = userWithToken("adm-ui-" + System.nanoTime(), "first laptop").split(" ");
        String secondUser = "adm-ui2-" + System.nanoTime();
        String[] second = userWithToken(secondUser, "second laptop").split(" ");
        try {
            // used once, by the demo resource server: the list (and its picture in the docs) says by whom and from where
            assertTrue(kc.introspect(second[1]).get("active").asBoolean());
            openPage("admin", "admin");
            browser.visible(By.cssSelector("[data-testid='pat-row'][data-token-id='" + first[0] + "']"));
            type(browser.visible(testId("pat-filter-user")), secondUser);
            browser.visible(testId("pat-filter-apply")).click();
            browser.visible(testId("pat-filtered-user"));
            browser.until(d -> d.findElements(testId("pat-row")).size() == 1
                    && second[0].equals(d.findElement(testId("pat-row")).getAttribute("data-token-id")));
            assertTrue(browser.visible(testId("pat-row-last-used-by")).getText().startsWith("by demo-api (introspection) from "));
            Path list = browser.screenshot("admin-console-list");
            copyToDocs(list, "admin-console-list.png");

            assertTrue(kc.introspect(second[1]).get("active").asBoolean());
            browser.visible(testId("pat-revoke-" + second[0])).click();
            String confirmation = browser.visible(testId("pat-confirm-dialog")).getText();
            assertTrue(confirmation.contains("second laptop"), "the confirmation names the token: " + confirmation);
            browser.visible(testId("confirm")).click();
            browser.until(d -> d.findElements(By.cssSelector("[data-testid='pat-row'][data-token-id='" + second[0] + "']")).isEmpty());
            assertFalse(kc.introspect(second[1]).get("active").asBoolean(), "revoked in the console: inactive at once");
            assertTrue(kc.introspect(first[1]).get("active").asBoolean(), "the other user's token is untouched");

            // no token of the realm expires before 2001
            browser.visible(testId("pat-filter-clear")).click();
            type(browser.visible(testId("pat-filter-expires-before")), "2001-01-01");
            browser.visible(testId("pat-filter-apply")).click();
            browser.until(d -> !d.findElements(By.cssSelector("[data-testid='pat-empty'][data-filtered='true']")).isEmpty());
        } finally {
            kc.deleteUser(DEMO, first[2]);
            kc.deleteUser(DEMO, second[2]);
        }
    }

    @Test
    void aBotTokenIsCreatedAndItsSecretShownOnce() throws Exception {
        openPage("admin", "admin");
        browser.visible(testId("pat-create-bot")).click();
        browser.visible(testId("pat-bot-dialog"));
        new Select(browser.visible(testId("pat-bot-client"))).selectByValue(BOT_CLIENT);
        String name = "nightly export " + System.nanoTime();
        browser.visible(testId("pat-bot-name")).sendKeys(name);
        browser.visible(testId("pat-bot-scope-api.read")).click();
        browser.visible(testId("pat-bot-submit")).click();
        String secret = SECRETS.remember(browser.visible(testId("pat-bot-secret")).getAttribute("value"));
        assertTrue(secret.startsWith("kcpat_"), "the secret is shown");
        assertTrue(browser.visible(testId("pat-bot-secret-warning")).isDisplayed());
        Path dialog = browser.screenshot("admin-console-bot-token");
        copyToDocs(dialog, "admin-console-bot-token.png");

        JsonNode answer = kc.introspect(secret);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertEquals("service-account-" + BOT_CLIENT, answer.get("username").asText());

        browser.visible(testId("pat-bot-close")).click();
        WebElement row = browser.visible(By.cssSelector("[data-testid='pat-row'][data-token-name='" + name + "']"));
        assertTrue(row.findElement(testId("pat-row-bot")).getText().contains(BOT_CLIENT), "marked as the client's bot");
        assertFalse(browser.pageSource().contains(secret), "once closed, the secret is nowhere on the page");
    }

    /** A bot token regenerated with an overlap: both secrets work, and the list says until when the old one does. */
    @Test
    void aBotTokenIsRegeneratedWithAnOverlap() {
        JsonNode created = expect(kc.adminPost(DEMO + "/personal-access-tokens/service-accounts/" + BOT_CLIENT,
                Map.of("name", "rotated export " + System.nanoTime(), "scopes", List.of("api.read"),
                        "expiresAt", System.currentTimeMillis() / 1000 + 7 * 86400)), 201).json();
        String id = created.get("id").asText();
        String first = SECRETS.remember(created.get("token").asText());
        try {
            openPage("admin", "admin");
            browser.visible(testId("pat-regenerate-" + id)).click();
            browser.visible(testId("pat-regenerate-dialog"));
            Select overlap = new Select(browser.visible(testId("pat-overlap")));
            int max = expect(kc.adminGet(DEMO + "/personal-access-tokens/policy"), 200).json()
                    .get("maxRotationOverlapSeconds").asInt();
            assertEquals(max >= 86400 ? "1 day" : "1 hour", overlap.getOptions().get(overlap.getOptions().size() - 1)
                    .getText(), "choices up to the realm's limit (" + max + " s)");
            assertTrue(browser.visible(testId("pat-regenerate-consequence")).getText().contains("stops working at once"));
            overlap.selectByVisibleText("1 hour");
            String promised = browser.visible(testId("pat-regenerate-consequence")).getText();
            assertTrue(promised.contains("keeps working until") && promised.contains("Revoking the token ends both"), promised);
            browser.visible(testId("pat-regenerate-confirm")).click();
            String second = SECRETS.remember(browser.visible(testId("pat-bot-secret")).getAttribute("value"));
            assertNotEquals(first, second);
            assertTrue(kc.introspect(second).get("active").asBoolean(), "the new secret works");
            assertTrue(kc.introspect(first).get("active").asBoolean(), "the old one too, for the overlap");
            assertTrue(browser.visible(testId("pat-regenerated-previous-secret")).getText()
                    .startsWith("The previous secret keeps working until"));
            browser.visible(testId("pat-bot-close")).click();

            long end = expect(kc.adminGet(DEMO + "/personal-access-tokens/" + id), 200).json()
                    .get("previousSecretExpiresAt").asLong();
            assertTrue(Math.abs(end - (System.currentTimeMillis() / 1000 + 3600)) < 120, "one hour from now: " + end);
            String date = (String) browser.js("return new Intl.DateTimeFormat('en', {dateStyle: 'long', timeStyle: 'short'})"
                    + ".format(new Date(arguments[0] * 1000))", end);
            browser.until(d -> d.findElements(By.cssSelector("[data-token-id='" + id + "'] [data-testid='pat-row-previous-secret']"))
                    .stream().anyMatch(e -> e.getText().equals("Previous secret works until " + date)));
            assertFalse(browser.pageSource().contains(second), "once closed, the secret is nowhere on the page");

            // regenerated again without an overlap (after a leak): the dialog says the previous secret ends too
            browser.visible(testId("pat-regenerate-" + id)).click();
            assertEquals("The previous secret, which would have worked until " + date + ", stops working at once: a token"
                    + " has at most one previous secret.", browser.visible(testId("pat-older-secret-ends")).getText());
            assertTrue(browser.visible(testId("pat-regenerate-consequence")).getText().contains("every older secret"));
            browser.visible(testId("pat-regenerate-confirm")).click();
            String third = SECRETS.remember(browser.visible(testId("pat-bot-secret")).getAttribute("value"));
            assertNotEquals(second, third);
            assertFalse(kc.introspect(first).get("active").asBoolean(), "the first secret ended at once");
            assertFalse(kc.introspect(second).get("active").asBoolean(), "and so did the second");
            assertTrue(kc.introspect(third).get("active").asBoolean());
            browser.visible(testId("pat-bot-close")).click();
        } finally {
            kc.adminDelete(DEMO + "/personal-access-tokens/" + id);
        }
    }

    @Test
    void thePolicyFormDecidesWhatTheAccountConsoleOffers() throws Exception {
        String policy = DEMO + "/personal-access-tokens/policy";
        JsonNode before = expect(kc.adminGet(policy), 200).json();
        String userId = kc.createUser(DEMO, "adm-policy-" + System.nanoTime() % 100000, "policy-pw");
        String username = kc.adminGet(DEMO + "/users/" + userId).json().get("username").asText();
        try {
            openPage("admin", "admin");
            assertNoLineWarning("tokens");
            browser.visible(testId("pat-tab-policy")).click();
            browser.visible(testId("pat-policy-save"));
            assertNoLineWarning("policy");
            type(browser.visible(testId("pat-policy-maxLifetimeDays")), "60");
            type(browser.visible(testId("pat-policy-defaultLifetimeDays")), "7");
            type(browser.visible(testId("pat-policy-maxRotationOverlapSeconds")), "3600");
            Path form = browser.screenshot("admin-console-policy");
            copyToDocs(form, "admin-console-policy.png");
            browser.visible(testId("pat-policy-save")).click();
            browser.until(d -> expect(kc.adminGet(policy), 200).json().get("maxLifetimeDays").asInt() == 60);
            assertEquals(7, expect(kc.adminGet(policy), 200).json().get("defaultLifetimeDays").asInt());
            assertEquals(3600, expect(kc.adminGet(policy), 200).json().get("maxRotationOverlapSeconds").asInt(),
                    "the rotation overlap field saves");

            // the account console of the realm now offers only what the policy allows
            browser.open(kc.base() + "/realms/demo/account/personal-access-tokens");
            browser.login(username, "policy-pw");
            browser.visible(testId("pat-create")).click();
            Select expiry = new Select(browser.visible(By.id("pat-expiry")));
            assertEquals("7 days", expiry.getFirstSelectedOption().getText());
            assertEquals(List.of("7 days", "30 days", "60 days", "Custom date"),
                    expiry.getOptions().stream().map(WebElement::getText).toList());
        } finally {
            expect(kc.adminPut(policy, Map.of("maxLifetimeDays", before.get("maxLifetimeDays").asInt(),
                    "defaultLifetimeDays", before.get("defaultLifetimeDays").asInt(),
                    "maxRotationOverlapSeconds", before.get("maxRotationOverlapSeconds").asInt())), 200);
            kc.deleteUser(DEMO, userId);
        }
    }

    /** Dates read as in the account console (long date, short time); a scope by its consent text with its name. */
    @Test
    void listDatesAndScopesReadAsPeopleReadThem() {
        String[] token = userWithToken("adm-dates-" + System.nanoTime(), "dated laptop").split(" ");
        try {
            JsonNode shown = expect(kc.adminGet(DEMO + "/personal-access-tokens/" + token[0]), 200).json();
            openPage("admin", "admin");
            WebElement row = browser.visible(By.cssSelector("[data-testid='pat-row'][data-token-id='" + token[0] + "']"));
            String expected = (String) browser.js("return new Intl.DateTimeFormat('en', {dateStyle: 'long', timeStyle: 'short'})"
                    + ".format(new Date(arguments[0] * 1000))", shown.get("expiresAt").asLong());
            String expires = row.findElement(testId("pat-row-expires")).getText();
            assertTrue(expires.startsWith(expected), "'" + expires + "' starts with '" + expected + "'");
            assertTrue(java.util.Arrays.stream(java.time.Month.values()).anyMatch(month -> expires.contains(
                    month.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))), "a long date: " + expires);

            WebElement scopes = row.findElement(testId("pat-row-scopes"));
            browser.until(d -> !scopes.findElements(testId("pat-scope-text")).isEmpty());
            assertEquals("Read your projects", scopes.findElement(testId("pat-scope-text")).getText(),
                    "the scope's consent screen text");
            assertEquals("(api.read)", scopes.findElement(testId("pat-scope-name")).getText(), "with its name beside it");

            browser.visible(testId("pat-create-bot")).click();
            browser.visible(testId("pat-bot-dialog"));
            browser.until(d -> d.findElement(By.cssSelector("label[for='pat-bot-scope-api.read']")).getText()
                    .equals("Read your projects (api.read)"));
            browser.visible(testId("pat-bot-cancel")).click();
        } finally {
            kc.deleteUser(DEMO, token[2]);
        }
    }

    /**
     * Issue #31: at a 1400 px wide window every column of the list is in view, without a sideways scroll, and the last
     * use says which client used the token and from where (at introspection: the resource server, not the user).
     */
    @Test
    void theListFitsA1400PixelWindowAndSaysWhichClientUsedATokenLast() {
        String username = "adm-width-" + System.nanoTime();
        String userId = kc.createUser(DEMO, username, username + "-pw");
        try {
            String bearer = kc.userToken(DEMO, "demo-cli", username, username + "-pw", null);
            JsonNode created = expect(Http.postJson(kc.patApi(DEMO), bearer, Map.of("name", "nightly export to the data lake",
                    "scopes", List.of("api.read", "api.write"), "expiresAt", System.currentTimeMillis() / 1000 + 3600)), 201).json();
            String id = created.get("id").asText();
            assertTrue(kc.introspect(SECRETS.remember(created.get("token").asText())).get("active").asBoolean());
            JsonNode shown = expect(kc.adminGet(DEMO + "/personal-access-tokens/" + id), 200).json();
            assertEquals("demo-api", shown.get("lastUsedBy").asText(), shown.toString());

            browser.viewport(1400, 1000);
            openPage("admin", "admin");
            WebElement row = browser.visible(By.cssSelector("[data-testid='pat-row'][data-token-id='" + id + "']"));
            assertEquals(1400L, ((Number) browser.js("return window.innerWidth")).longValue(), "a 1400 px wide page");

            String lastUse = row.findElement(testId("pat-row-last-used-by")).getText();
            assertEquals("by demo-api (introspection) from " + shown.get("lastUsedIp").asText(), lastUse);
            assertEquals("introspection", row.findElement(testId("pat-row-last-used-by")).getAttribute("data-via"));

            @SuppressWarnings("unchecked")
            Map<String, Object> fit = (Map<String, Object>) browser.js(
                    "const table = document.querySelector(\"[data-testid='pat-table']\");"
                    + "const box = document.querySelector(\"[data-testid='pat-table-scroll']\");"
                    + "const edge = box.getBoundingClientRect();"
                    + "const hidden = [...table.querySelectorAll('thead th')].filter(th => {"
                    + "  const r = th.getBoundingClientRect();"
                    + "  const text = th.querySelector('.pf-v5-c-table__text') || th;"
                    + "  return r.width === 0 || r.left < edge.left - 1 || r.right > edge.right + 1 || r.right > window.innerWidth"
                    + "    || text.scrollWidth > text.clientWidth + 1;"
                    + "}).map(th => th.textContent || th.getAttribute('aria-label') || '(actions)');"
                    + "return {scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, hidden: hidden.join(', '),"
                    + "  boxRight: Math.round(edge.right), innerWidth: window.innerWidth,"
                    + "  cellWhiteSpace: getComputedStyle(table.querySelector('tbody td')).whiteSpace,"
                    + "  spilling: [...table.querySelectorAll('tbody td')].filter(td => td.scrollWidth > td.clientWidth + 1)"
                    + "    .map(td => td.getAttribute('data-label')).join(', '),"
                    + "  headers: table.querySelectorAll('thead th').length,"
                    + "  widths: [...table.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().width)).join(' '),"
                    + "  pageScrollWidth: document.documentElement.scrollWidth, pageClientWidth: document.documentElement.clientWidth};");
            browser.screenshot("admin-console-list-1400");
            assertTrue(((Number) fit.get("scrollWidth")).longValue() <= ((Number) fit.get("clientWidth")).longValue(),
                    "the table does not scroll sideways at 1400 px: " + fit);
            assertEquals("", fit.get("hidden"), "every column header is in view and not cut: " + fit);
            assertTrue(((Number) fit.get("boxRight")).longValue() <= 1400, "the table ends inside the window: " + fit);
            assertEquals("", fit.get("spilling"), "every cell's content wraps inside its cell: " + fit);
            assertEquals(7L, ((Number) fit.get("headers")).longValue(), "name, owner, scopes, created, expires, last used, actions");
            assertTrue(((Number) fit.get("pageScrollWidth")).longValue() <= ((Number) fit.get("pageClientWidth")).longValue(),
                    "the page does not scroll sideways either: " + fit);
        } finally {
            kc.deleteUser(DEMO, userId);
        }
    }

    @Test
    void aBadPolicyValueIsNamedAtItsFieldInTheFormsWordsAndNothingIsSaved() {
        String policy = DEMO + "/personal-access-tokens/policy";
        JsonNode before = expect(kc.adminGet(policy), 200).json();
        openPage("admin", "admin");
        browser.visible(testId("pat-tab-policy")).click();
        browser.visible(testId("pat-policy-save"));
        type(browser.visible(testId("pat-policy-maxAuthAgeSeconds")), "3");
        type(browser.visible(testId("pat-policy-defaultLifetimeDays")), "0");
        browser.visible(testId("pat-policy-save")).click();
        assertEquals("Sign-in age must be between 5 seconds and 30 days (2592000 seconds).",
                browser.visible(testId("pat-policy-maxAuthAgeSeconds-help")).getText());
        assertEquals("Default lifetime must be between 1 and 36500 days.",
                browser.visible(testId("pat-policy-defaultLifetimeDays-help")).getText());
        assertTrue(browser.all(testId("pat-policy-error")).isEmpty(), "no alert with API field names");
        assertFalse(browser.pageSource().contains("maxAuthAgeSeconds must"), "no API field names on the page");
        assertEquals(before, expect(kc.adminGet(policy), 200).json(), "nothing saved");

        // a refusal the form did not foresee (a server with other rules) lands at the field it names
        browser.js("""
                const real = window.fetch;
                window.fetch = (url, init) => init && init.method === 'PUT' && String(url).endsWith('/policy')
                    ? Promise.resolve(new Response(JSON.stringify({error: 'invalid_request',
                        error_description: 'maxAuthAgeSeconds must be between 5 and 2592000'}),
                        {status: 400, headers: {'content-type': 'application/json'}}))
                    : real(url, init);
                """);
        type(browser.visible(testId("pat-policy-maxAuthAgeSeconds")), "600");
        type(browser.visible(testId("pat-policy-defaultLifetimeDays")), String.valueOf(before.get("defaultLifetimeDays").asInt()));
        browser.visible(testId("pat-policy-save")).click();
        browser.until(d -> "true".equals(d.findElement(testId("pat-policy-maxAuthAgeSeconds-help")).getAttribute("data-error")));
        assertEquals("Sign-in age must be between 5 seconds and 30 days (2592000 seconds).",
                browser.visible(testId("pat-policy-maxAuthAgeSeconds-help")).getText());
        assertTrue(browser.all(testId("pat-policy-error")).isEmpty(), "mapped to the field, not left in an alert");
        assertEquals(before, expect(kc.adminGet(policy), 200).json(), "nothing saved");
    }

    @Test
    void revokingEveryTokenOfTheRealmIsKeptApartAndStillConfirmed() {
        ThrowawayRealm other = new ThrowawayRealm(kc, "adminconsole", Map.of());
        try {
            other.user("rita");
            JsonNode created = expect(other.create(other.bearer("rita"), "rita's laptop",
                    System.currentTimeMillis() / 1000 + 3600), 201).json();
            String secret = SECRETS.remember(created.get("token").asText());
            browser.open(page(other.name()));
            browser.login("admin", "admin");
            browser.visible(By.cssSelector("[data-testid='pat-row'][data-token-id='" + created.get("id").asText() + "']"));

            assertFalse(browser.all(By.cssSelector("[data-testid='pat-toolbar'] [data-testid='pat-create-bot']")).isEmpty(),
                    "Create bot token is in the toolbar");
            assertTrue(browser.all(By.cssSelector("[data-testid='pat-toolbar'] [data-testid='pat-revoke-all']")).isEmpty(),
                    "the realm-wide revocation is not beside it");
            WebElement danger = browser.visible(testId("pat-danger-zone"));
            browser.screenshot("admin-console-danger-zone");

            danger.findElement(testId("pat-revoke-all")).click();
            browser.visible(testId("pat-confirm-dialog"));
            assertFalse(browser.visible(testId("confirm")).isEnabled(), "not before the realm's name is typed");
            browser.visible(testId("cancel")).click();
            browser.gone(testId("pat-confirm-dialog"));
            assertTrue(other.introspect(secret).get("active").asBoolean(), "cancelled: nothing revoked");

            danger = browser.visible(testId("pat-danger-zone"));
            danger.findElement(testId("pat-revoke-all")).click();
            browser.visible(testId("pat-revoke-all-realm-name")).sendKeys(other.name());
            browser.visible(testId("confirm")).click();
            browser.visible(By.cssSelector("[data-testid='pat-empty']"));
            assertFalse(other.introspect(secret).get("active").asBoolean(), "confirmed: revoked");
        } finally {
            other.delete();
        }
    }

    @Test
    void theUserPageLeadsToTheUsersTokensAndARealmRenamesThePage() {
        String[] token = userWithToken("adm-link-" + System.nanoTime(), "linked laptop").split(" ");
        // a realm overrides this page's texts like any other: Realm settings -> Localization -> Realm overrides
        expect(kc.adminPost(DEMO + "/localization/en", Map.of("pat.title", "Acme API tokens")), 204);
        try {
            browser.open(kc.base() + "/admin/master/console/#/" + DEMO + "/users/" + token[2] + "/settings");
            browser.login("admin", "admin");
            browser.visible(testId("pat-user-link")).click();
            browser.visible(testId("pat-filtered-user"));
            browser.until(d -> d.findElements(testId("pat-row")).size() == 1
                    && token[0].equals(d.findElement(testId("pat-row")).getAttribute("data-token-id")));
            browser.visible(By.xpath("//h1[normalize-space()='Acme API tokens']"));
        } finally {
            kc.adminDelete(DEMO + "/localization/en/pat.title");
            kc.deleteUser(DEMO, token[2]);
        }
    }

    @Test
    void anAdminWhoMayOnlyViewUsersIsOfferedNoRevocation() {
        String[] token = userWithToken("adm-seen-" + System.nanoTime(), "seen only").split(" ");
        String viewer = "pat-viewer-" + System.nanoTime() % 100000;
        String viewerId = kc.createUser("master", viewer, "viewer-pw");
        try {
            String realmManagement = kc.clientUuid("master", DEMO + "-realm");
            JsonNode viewUsers = expect(kc.adminGet("master/clients/" + realmManagement + "/roles/view-users"), 200).json();
            expect(kc.adminPost("master/users/" + viewerId + "/role-mappings/clients/" + realmManagement,
                    List.of(Map.of("id", viewUsers.get("id").asText(), "name", "view-users"))), 204);
            openPage(viewer, "viewer-pw");
            browser.visible(By.cssSelector("[data-testid='pat-row'][data-token-id='" + token[0] + "']"));
            assertTrue(browser.all(testId("pat-revoke-" + token[0])).isEmpty(), "no revoke button");
            assertTrue(browser.all(testId("pat-revoke-all")).isEmpty(), "no revoke-all");
            assertTrue(browser.all(testId("pat-create-bot")).isEmpty(), "no bot tokens");
            browser.screenshot("admin-console-view-only");
            assertTrue(kc.introspect(token[1]).get("active").asBoolean());
        } finally {
            kc.deleteUser(DEMO, token[2]);
            kc.deleteUser("master", viewerId);
        }
    }

    /**
     * Issue #30: the Requests view as a group approver of the demo realm (api.write approved by the group's members,
     * api.read by the realm's manage-users holders). Keycloak's admin console cannot be entered by a user without any
     * realm-management role (it asks GET /admin/serverinfo and GET /admin/realms/{realm} first, both refused: it shows
     * "You do not have permission…"), so the approver is given the one role query-realms (which shows the realm's name
     * and nothing else): the page then shows the Requests tab alone, with the requests for api.write only; two are
     * approved at once, one of which another decision took meanwhile and is shown as refused with its error.
     */
    @Test
    void aGroupApproverSeesAndApprovesOnlyTheRequestsOfTheirScope() throws Exception {
        String policy = DEMO + "/personal-access-tokens/policy";
        JsonNode realm = expect(kc.adminGet(DEMO), 200).json();
        String previousDemoTheme = realm.path("adminTheme").isMissingNode() || realm.path("adminTheme").isNull()
                ? "" : realm.path("adminTheme").asText();
        long n = System.nanoTime() % 100000;
        String group = "pat-approvers-" + n;
        expect(kc.adminPost(DEMO + "/groups", Map.of("name", group)), 201);
        String groupId = kc.adminGet(DEMO + "/groups?exact=true&search=" + group).json().get(0).get("id").asText();
        String approver = "grp-approver-" + n;
        String approverId = kc.createUser(DEMO, approver, approver + "-pw");
        expect(kc.adminPut(DEMO + "/users/" + approverId + "/groups/" + groupId, Map.of()), 204);
        String requester = "requester-" + n;
        String requesterId = kc.createUser(DEMO, requester, requester + "-pw");
        expect(kc.adminPut(DEMO, Map.of("adminTheme", "personal-access-tokens")), 204);
        expect(kc.adminPut(policy, Map.of("approvalScopes", List.of(
                Map.of("scope", "api.write", "approverGroup", "/" + group),
                java.util.Collections.singletonMap("scope", "api.read")))), 200);
        try {
            String bearer = kc.userToken(DEMO, "demo-cli", requester, requester + "-pw", null);
            long expires = System.currentTimeMillis() / 1000 + 86400;
            Map<String, Object> first = KeycloakApi.patBody("orders sync", List.of("api.read", "api.write"), expires);
            first.put("reason", "Writes order states back");
            JsonNode a = expect(Http.postJson(kc.patApi(DEMO), bearer, first), 201).json();
            String secretA = SECRETS.remember(a.get("token").asText());
            JsonNode b = expect(Http.postJson(kc.patApi(DEMO), bearer,
                    KeycloakApi.patBody("orders backfill", List.of("api.write"), expires)), 201).json();
            SECRETS.remember(b.get("token").asText());
            assertEquals("", kc.introspect(secretA).path("scope").asText(), "both scopes wait for approval");

            String approverToken = kc.userToken(DEMO, "demo-cli", approver, approver + "-pw", null);
            String requests = kc.admin(DEMO + "/personal-access-tokens/requests");
            assertEquals("[\"api.write\"]", expect(Http.get(requests + "/scopes", approverToken), 200).json()
                    .get("scopes").toString(), "the approver may approve api.write only");

            // without any realm-management role: Keycloak's console itself refuses the user
            String url = kc.base() + "/admin/" + DEMO + "/console/#/" + DEMO + "/personal-access-tokens";
            browser.open(url);
            browser.login(approver, approver + "-pw");
            By refused = By.cssSelector(".pf-v5-c-alert.pf-m-danger");
            browser.until(d -> !d.findElements(refused).isEmpty() || !d.findElements(testId("pat-page")).isEmpty());
            browser.screenshot("admin-console-approver-without-role");
            assertTrue(browser.all(testId("pat-page")).isEmpty(), "the console does not open without a realm-management role");
            String said = browser.visible(refused).getText();
            assertTrue(said.contains("You do not have permission to access this resource"), said);

            // the one role query-realms: the console opens, and the page shows the Requests tab alone
            String realmManagement = kc.clientUuid(DEMO, "realm-management");
            JsonNode queryRealms = expect(kc.adminGet(DEMO + "/clients/" + realmManagement + "/roles/query-realms"), 200).json();
            expect(kc.adminPost(DEMO + "/users/" + approverId + "/role-mappings/clients/" + realmManagement,
                    List.of(Map.of("id", queryRealms.get("id").asText(), "name", "query-realms"))), 204);
            browser.open(kc.base() + "/admin/" + DEMO + "/console/");
            browser.open(url);
            browser.until(d -> "approver".equals(d.findElement(testId("pat-page")).getAttribute("data-access")));
            browser.visible(testId("pat-tab-requests"));
            assertTrue(browser.all(testId("pat-tab-tokens")).isEmpty(), "no Tokens tab");
            assertTrue(browser.all(testId("pat-tab-policy")).isEmpty(), "no Policy tab");
            assertTrue(browser.all(testId("pat-tab-setup")).isEmpty(), "no Setup tab");
            browser.visible(testId("nav-personal-access-tokens"));
            browser.until(d -> d.findElements(testId("pat-request-row")).size() == 2);
            for (WebElement row : browser.all(testId("pat-request-row"))) {
                assertEquals("api.write", row.getAttribute("data-scope"), "only the approver's scope: " + row.getText());
                assertEquals(requester, row.findElement(testId("pat-request-user")).getText());
            }
            WebElement rowA = browser.visible(By.cssSelector("[data-testid='pat-request-row'][data-token-id='" + a.get("id").asText() + "']"));
            assertEquals("Writes order states back", rowA.findElement(testId("pat-request-reason")).getText());
            Path shown = browser.screenshot("admin-console-requests");
            copyToDocs(shown, "admin-console-requests.png");

            // made today: none is older than a day
            type(browser.visible(testId("pat-requests-filter-days")), "1");
            browser.visible(testId("pat-requests-filter-apply")).click();
            browser.visible(By.cssSelector("[data-testid='pat-requests-empty'][data-filtered='true']"));
            browser.visible(testId("pat-requests-filter-clear")).click();
            browser.until(d -> d.findElements(testId("pat-request-row")).size() == 2);

            // both selected; meanwhile B is denied elsewhere: approving both approves A, and B is listed as refused
            browser.visible(By.cssSelector("[data-testid='pat-requests-table'] thead input[type='checkbox']")).click();
            browser.until(d -> d.findElement(testId("pat-requests-approve-selected")).getText().contains("(2)"));
            String idB = browser.visible(By.cssSelector("[data-testid='pat-request-row'][data-token-id='" + b.get("id").asText() + "']"))
                    .getAttribute("data-request-id");
            expect(Http.postJson(requests + "/" + idB + "/deny", approverToken, Map.of("reason", "Use the sync token")), 200);
            browser.visible(testId("pat-requests-approve-selected")).click();
            browser.visible(testId("pat-decision-dialog"));
            type(browser.visible(testId("pat-decision-reason")), "Checked with the orders team");
            browser.visible(testId("pat-decision-confirm")).click();
            WebElement refusedItem = browser.visible(By.cssSelector("[data-testid='pat-requests-refused-item'][data-request-id='" + idB + "']"));
            assertEquals("already_decided", refusedItem.getAttribute("data-error"));
            assertTrue(refusedItem.getText().contains("orders backfill"), refusedItem.getText());
            browser.until(d -> d.findElements(testId("pat-request-row")).isEmpty());
            assertEquals("api.write", kc.introspect(secretA).path("scope").asText(), "approved: in the claims at once");

            JsonNode decided = expect(Http.get(requests + "?state=approved&user=" + requester, approverToken), 200).json();
            assertEquals(1, decided.size(), decided.toString());
            assertEquals("Checked with the orders team", decided.get(0).get("decisionReason").asText());
            assertEquals(approver, decided.get(0).get("decidedByUsername").asText());
            // the request for api.read (manage-users approvers) was never shown to the group's member, and still waits
            JsonNode stillWaiting = expect(kc.adminGet(DEMO + "/personal-access-tokens/requests?scope=api.read"), 200).json();
            assertTrue(stillWaiting.toString().contains(a.get("id").asText()), stillWaiting.toString());
        } finally {
            expect(kc.adminPut(policy, Map.of("approvalScopes", List.of())), 200);
            expect(kc.adminPut(DEMO, Map.of("adminTheme", previousDemoTheme)), 204);
            kc.deleteUser(DEMO, requesterId);
            kc.deleteUser(DEMO, approverId);
            expect(kc.adminDelete(DEMO + "/groups/" + groupId), 204);
        }
    }

    /** Issue #30: the Policy tab edits which scopes need approval, by whom, and the approval limit. */
    @Test
    void thePolicyTabEditsTheScopesThatNeedApproval() {
        String policy = DEMO + "/personal-access-tokens/policy";
        String group = "pat-policy-approvers-" + System.nanoTime() % 100000;
        expect(kc.adminPost(DEMO + "/groups", Map.of("name", group)), 201);
        String groupId = kc.adminGet(DEMO + "/groups?exact=true&search=" + group).json().get(0).get("id").asText();
        try {
            openPage("admin", "admin");
            browser.visible(testId("pat-tab-policy")).click();
            browser.visible(testId("pat-policy-approval-none"));
            browser.visible(testId("pat-policy-approval-add")).click();
            new Select(browser.visible(testId("pat-policy-approval-scope"))).selectByValue("api.write");
            type(browser.visible(testId("pat-policy-approval-group")), "/no-such-group-" + group);
            type(browser.visible(testId("pat-policy-approvalLapseDays")), "91");
            browser.visible(testId("pat-policy-save")).click();
            browser.until(d -> "true".equals(d.findElement(testId("pat-policy-approvalLapseDays-help")).getAttribute("data-error")));
            type(browser.visible(testId("pat-policy-approvalLapseDays")), "3");
            browser.visible(testId("pat-policy-save")).click();
            // a group that does not exist: refused by the server, nothing saved
            browser.until(d -> !d.findElements(By.cssSelector("[data-testid='pat-policy-approvalScopes-help'][data-error='true'], [data-testid='pat-policy-error']")).isEmpty());
            assertEquals(0, expect(kc.adminGet(policy), 200).json().path("approvalScopes").size(), "nothing saved");
            type(browser.visible(testId("pat-policy-approval-group")), "/" + group);
            browser.visible(testId("pat-policy-save")).click();
            browser.visible(testId("pat-alert"));
            browser.until(d -> expect(kc.adminGet(policy), 200).json().path("approvalScopes").size() == 1);
            JsonNode saved = expect(kc.adminGet(policy), 200).json();
            assertEquals("api.write", saved.get("approvalScopes").get(0).get("scope").asText());
            assertEquals("/" + group, saved.get("approvalScopes").get(0).get("approverGroup").asText());
            assertEquals(3, saved.get("approvalLapseDays").asInt());
            browser.screenshot("admin-console-policy-approvals");
        } finally {
            expect(kc.adminPut(policy, Map.of("approvalScopes", List.of(), "approvalLapseDays", 7)), 200);
            expect(kc.adminDelete(DEMO + "/groups/" + groupId), 204);
        }
    }

    @Test
    void theSetupTabShowsTheHealthCheckAndRunsTheOneStep() {
        openPage("admin", "admin");
        browser.visible(testId("pat-tab-setup")).click();
        browser.visible(testId("pat-setup"));
        assertNoLineWarning("setup");
        List<String> shown = browser.all(testId("pat-setup-finding")).stream().map(e -> e.getAttribute("data-code")).toList();
        List<String> expected = new java.util.ArrayList<>();
        kc.adminGet(DEMO + "/personal-access-tokens/setup").json().get("findings")
                .forEach(f -> expected.add(f.get("code").asText()));
        assertEquals(expected, shown, "the page shows what GET …/setup finds");
        assertFalse(shown.contains("FULL_SCOPE"), "the demo realm is set up safely");
        browser.screenshot("admin-console-setup");
        browser.visible(testId("pat-setup-run")).click();
        browser.visible(testId("pat-alert"));
        assertFalse(kc.adminGet(DEMO + "/clients/" + kc.clientUuid(DEMO, "personal-access-tokens")).json()
                .get("fullScopeAllowed").asBoolean());
    }

    @Test
    void keycloaksOwnPagesStillWorkUnderTheTheme() {
        openPage("admin", "admin");
        browser.consoleErrors(); // what came before (the page's own, expected 4xx probes) is not this test's
        String[][] pages = {{"users", "Users"}, {"clients", "Clients"}, {"realm-settings", "Personal access tokens demo"}}; // the realm page is headed by its display name
        for (String[] stock : pages) {
            browser.open(kc.base() + "/admin/master/console/#/" + DEMO + "/" + stock[0]);
            try {
                browser.visible(By.xpath("//h1[normalize-space()='" + stock[1] + "']"));
            } finally {
                browser.screenshot("admin-console-stock-" + stock[0]);
            }
        }
        List<String> errors = browser.consoleErrors().stream()
                .filter(message -> !message.contains("favicon"))
                .toList();
        assertTrue(errors.isEmpty(), "no script errors on the stock pages: " + errors);
        browser.visible(testId("nav-personal-access-tokens")).click();
        browser.visible(By.cssSelector("[data-testid='pat-row'], [data-testid='pat-empty']"));
    }

    /** The line (major.minor) of the server under test, e.g. 26.4. */
    private static double serverLine() {
        String[] parts = System.getProperty("keycloak.server.version", "26.7.5").split("\\.");
        return Double.parseDouble(parts[0] + "." + String.format("%02d", Integer.parseInt(parts[1])));
    }

    private static double line(String majorMinor) {
        String[] parts = majorMinor.split("\\.");
        return Double.parseDouble(parts[0] + "." + String.format("%02d", Integer.parseInt(parts[1])));
    }

    /** The admin message keys of the bundled console's Keycloak release (written by older-line-messages.py). */
    private static List<String> consoleMessageKeys() throws Exception {
        try (var in = AdminConsoleIT.class.getResourceAsStream("/admin-console-message-keys.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    /**
     * Visible text that is one of the console's message keys instead of its text: a text node equal to a key that is
     * camelCase or dotted (a plain word such as "name" could be data). Table cells hold data (attribute names such as
     * firstName), so they are left out.
     */
    private List<String> rawKeysShown(List<String> keys) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) browser.js("""
                const keys = new Set(arguments[0]);
                const found = new Set();
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                  const text = walker.currentNode.nodeValue.trim();
                  const element = walker.currentNode.parentElement;
                  if (text && keys.has(text) && /[A-Z.]/.test(text) && element && element.offsetParent !== null
                      && !element.closest('td, code, pre, textarea')) found.add(text);
                }
                document.querySelectorAll('[placeholder]').forEach(e => {
                  const text = e.getAttribute('placeholder').trim();
                  if (keys.has(text) && /[A-Z.]/.test(text) && e.offsetParent !== null) found.add(text);
                });
                return [...found];
                """, keys);
        return found;
    }

    /** Whether a form group with a control for one of these fields is on the page and displayed. */
    private boolean formGroupShown(String... fields) {
        return (Boolean) browser.js("""
                return [...arguments].some(f => [...document.querySelectorAll('.pf-v5-c-form__group')].some(g =>
                    g.querySelector('[id="' + f + '"], label[for="' + f + '"], [data-testid="' + f + '"], [name="' + f + '"]')
                    && g.offsetParent !== null));
                """, (Object[]) fields);
    }

    /**
     * Waits for a console page to render: a heading is there and no spinner is left, then a moment for lazy parts.
     * Returns false (and leaves a screenshot) when the page did not get there.
     */
    private boolean visit(String route) throws InterruptedException {
        browser.open(kc.base() + "/admin/master/console/#/" + DEMO + "/" + route);
        try {
            browser.until(d -> !d.findElements(By.cssSelector("h1")).isEmpty()
                    && d.findElements(By.cssSelector("main .pf-v5-c-spinner")).isEmpty());
            Thread.sleep(600);
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("admin-console-unsettled-" + route.replaceAll("[^a-z-]", "_"));
            return false;
        }
    }

    private static String beer(String attribute) {
        int dot = attribute.indexOf('.');
        return attribute.substring(0, dot + 1) + attribute.substring(dot + 1).replace(".", "\uD83C\uDF7A");
    }

    @Test
    void everyStockPageSpeaksTextAndOffersOnlyWhatThisServerKnows() throws Exception {
        List<String> keys = consoleMessageKeys();
        double server = serverLine();
        String userId = kc.createUser(DEMO, "adm-pages-" + System.nanoTime() % 100000, "pages-pw");
        String client = kc.clientUuid(DEMO, BOT_CLIENT); // confidential, with a service account
        String before = kc.adminGet(DEMO + "/clients/" + client).json().path("description").asText("");
        String user = "users/" + userId + "/";
        String cl = "clients/" + client + "/";
        List<String> routes = List.of("users", user + "settings", user + "attributes", user + "credentials",
                user + "role-mapping", user + "groups", user + "consents", user + "identity-provider-links",
                user + "sessions", "clients", cl + "settings", cl + "keys", cl + "credentials", cl + "roles",
                cl + "clientScopes", cl + "serviceAccount", cl + "sessions", cl + "advanced", "client-scopes", "roles",
                "groups", "sessions", "events", "events/admin-events", "realm-settings/general", "realm-settings/login",
                "realm-settings/email", "realm-settings/themes", "realm-settings/keys", "realm-settings/events",
                "realm-settings/localization", "realm-settings/security-defenses", "realm-settings/sessions",
                "realm-settings/tokens", "realm-settings/client-policies", "realm-settings/user-profile",
                "realm-settings/user-registration", "authentication", "authentication/policies",
                "authentication/required-actions");
        try {
            // signs in on a stock page: this tour must not depend on PATs being available on the line
            browser.open(kc.base() + "/admin/master/console/#/" + DEMO + "/users");
            browser.login("admin", "admin");
            browser.visible(By.cssSelector("h1"));
            browser.until(d -> d.findElement(By.tagName("html")).getAttribute("data-kcpat-server-line") != null);
            assertEquals(System.getProperty("keycloak.server.version", "26.7.5").replaceAll("^(\\d+\\.\\d+).*", "$1"),
                    browser.driver().findElement(By.tagName("html")).getAttribute("data-kcpat-server-line"),
                    "the console knows the server's line");
            Map<String, List<String>> raw = new java.util.LinkedHashMap<>();
            Map<String, Boolean> shown = new java.util.LinkedHashMap<>();
            List<String> unsettled = new java.util.ArrayList<>();
            // pages that need 26.6's endpoints: not offered before 26.6 (checked below), so not visited there
            List<String> needing266 = List.of(user + "role-mapping", cl + "serviceAccount", "authentication",
                    "authentication/policies", "authentication/required-actions", "realm-settings/user-registration");
            for (String route : routes) {
                if (server < line("26.6") && needing266.contains(route)) {
                    continue;
                }
                if (!visit(route)) {
                    unsettled.add(route);
                }
                List<String> found = rawKeysShown(keys);
                if (!found.isEmpty()) {
                    raw.put(route, found);
                    browser.screenshot("admin-console-raw-" + route.replaceAll("[^a-z-]", "_"));
                }
                if (route.equals("users")) {
                    shown.put("warning about the pages that need 26.6's endpoints",
                            !browser.all(testId("pat-older-line-warning")).isEmpty());
                    shown.put("Authentication in the navigation", displayed(testId("nav-item-authentication")));
                } else if (route.equals(user + "settings")) {
                    shown.put("a user's role mapping tab", displayed(testId("role-mapping-tab")));
                } else if (route.equals(cl + "credentials")) {
                    shown.put("client secret: allowed authentication method",
                            formGroupShown(beer("attributes.client.secret.authentication.allowed.method")));
                } else if (route.equals(cl + "advanced")) {
                    shown.put("client: introspection without audience check",
                            formGroupShown("allowTokenIntrospectionWithoutAudienceCheck"));
                } else if (route.equals(cl + "settings")) {
                    shown.put("client: logout confirmation", formGroupShown(beer("attributes.logout.confirmation.enabled")));
                    shown.put("a client's service account roles tab", displayed(testId("serviceAccountTab")));
                } else if (route.equals("realm-settings/general")) {
                    shown.put("realm settings' user registration tab", displayed(testId("rs-userRegistration-tab")));
                } else if (route.equals("realm-settings/email")) {
                    shown.put("SMTP timeouts", formGroupShown("smtpServer.connectionTimeout", "smtpServer.timeout",
                            "smtpServer.writeTimeout"));
                }
            }
            List<String> errors = browser.consoleErrors().stream().filter(m -> !m.contains("favicon")).toList();

            Map<String, Boolean> expected = new java.util.LinkedHashMap<>();
            expected.put("warning about the pages that need 26.6's endpoints", server < line("26.6"));
            expected.put("Authentication in the navigation", server >= line("26.6"));
            expected.put("a user's role mapping tab", server >= line("26.6"));
            expected.put("realm settings' user registration tab", server >= line("26.6"));
            expected.put("client secret: allowed authentication method", server >= line("26.6"));
            expected.put("client: introspection without audience check", server >= line("26.6"));
            expected.put("client: logout confirmation", server >= line("26.5"));
            expected.put("a client's service account roles tab", server >= line("26.6"));
            expected.put("SMTP timeouts", server >= line("26.5"));
            List<String> problems = new java.util.ArrayList<>();
            if (!expected.equals(shown)) problems.add("settings shown " + shown + ", expected " + expected);
            if (!raw.isEmpty()) problems.add("raw message keys " + raw);
            if (!unsettled.isEmpty()) problems.add("pages that did not render (a heading, no spinner) " + unsettled);
            if (!errors.isEmpty()) problems.add("browser errors " + errors);
            assertTrue(problems.isEmpty(), "on Keycloak " + System.getProperty("keycloak.server.version") + ": "
                    + String.join("; ", problems));

            // a simple edit saves
            String description = "edited in the bundled console " + System.nanoTime();
            visit(cl + "settings");
            type(browser.visible(By.id("description")), description);
            browser.all(By.xpath("//button[normalize-space()='Save']")).stream().filter(WebElement::isDisplayed)
                    .findFirst().orElseThrow().click();
            browser.until(d -> description.equals(kc.adminGet(DEMO + "/clients/" + client).json().path("description").asText()));
        } finally {
            var rep = kc.adminGet(DEMO + "/clients/" + client).json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep).put("description", before);
            kc.adminPut(DEMO + "/clients/" + client, rep);
            kc.deleteUser(DEMO, userId);
        }
    }

    /** Whether an element the locator finds is on screen (present and not hidden by the line's rules). */
    private boolean displayed(By locator) {
        return browser.all(locator).stream().anyMatch(WebElement::isDisplayed);
    }

    /** The README shows the page: screenshots of this run go to docs/ as well. */
    private static void copyToDocs(Path screenshot, String name) throws Exception {
        Path docs = Path.of("docs");
        Files.createDirectories(docs);
        Files.copy(screenshot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
