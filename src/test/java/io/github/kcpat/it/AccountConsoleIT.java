package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static io.github.kcpat.it.support.Browser.testId;
import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "Personal access tokens" tab of the account console, in headless Chromium against a real Keycloak. */
@Tag("browser")
class AccountConsoleIT {

    private static final IssuedSecrets SECRETS = new IssuedSecrets();
    /** The one-time secret of a token just created or regenerated, on the page. */
    private static final By SECRET = By.cssSelector("[data-testid='pat-secret'] input");
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private Browser browser;
    private String userId;

    @BeforeAll
    static void start() {
        server = KeycloakServer.get();
        kc = new KeycloakApi(server);
    }

    @AfterAll
    static void serverLogHoldsNoSecret() {
        SECRETS.assertNoneIn(server.log());
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        if (userId != null) {
            kc.deleteUser(DEMO, userId);
        }
    }

    private String tab() {
        return kc.base() + "/realms/demo/account/personal-access-tokens";
    }

    private void signInAndOpenTab(String username, String password) {
        browser.open(tab());
        browser.login(username, password);
        browser.visible(By.xpath("//h1[normalize-space()='Personal access tokens']"));
    }

    @Test
    void createUseReloadAndDeleteAToken() {
        userId = kc.createUser(DEMO, "ui-user", "ui-password");
        signInAndOpenTab("ui-user", "ui-password");

        // the console's own pages are still there, with ours among them
        WebElement nav = browser.visible(By.cssSelector("nav"));
        assertTrue(nav.getText().contains("Personal info"), nav.getText());
        assertTrue(nav.getText().contains("Account security"), nav.getText());
        assertTrue(nav.getText().contains("Personal access tokens"), nav.getText());

        browser.visible(testId("pat-create")).click();
        browser.visible(By.id("pat-name")).sendKeys("ui pipeline");
        WebElement read = browser.visible(By.id("pat-scope-api.read"));
        WebElement write = browser.visible(By.id("pat-scope-api.write"));
        assertFalse(read.isSelected(), "no scope is chosen by default");
        assertFalse(write.isSelected(), "no scope is chosen by default");
        assertTrue(browser.visible(testId("pat-create-form")).getText().contains("Read your projects and tasks"),
                "scopes show their descriptions");
        read.click();
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("30 days");
        browser.screenshot("create-form");
        browser.visible(testId("pat-submit")).click();

        WebElement secretInput = browser.visible(By.cssSelector("[data-testid='pat-secret'] input"));
        String secret = SECRETS.remember(secretInput.getAttribute("value"));
        assertTrue(secret.startsWith("kcpat_") && secret.length() == 55, "the secret is on the page once");
        assertEquals("true", secretInput.getAttribute("readonly"));
        assertTrue(browser.visible(testId("pat-new-token")).getText().contains("will not be shown again"));
        browser.visible(By.xpath("//*[@data-testid='pat-row-name' and normalize-space()='ui pipeline']"));
        browser.screenshot("one-time-secret");

        JsonNode answer = kc.introspect(secret);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertEquals("api.read", answer.get("scope").asText(), "exactly the scope chosen");
        assertEquals("ui-user", answer.get("username").asText());
        long expiresIn = answer.get("exp").asLong() - System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(expiresIn - 30 * 86400) < 300, "30 days: " + expiresIn);

        browser.driver().navigate().refresh();
        browser.visible(By.xpath("//*[@data-testid='pat-row-name' and normalize-space()='ui pipeline']"));
        assertTrue(browser.all(testId("pat-secret")).isEmpty(), "the secret is gone after a reload");
        assertFalse(browser.pageSource().contains(secret.substring(6)), "not even hidden in the page");
        WebElement row = browser.visible(testId("pat-row"));
        assertTrue(row.getText().contains("api.read"), row.getText());
        assertFalse(row.getText().contains("Never used"), "the introspection above shows as its last use: " + row.getText());
        browser.screenshot("token-list");

        rowAction(row, "pat-delete");
        WebElement dialog = browser.visible(testId("pat-delete-dialog"));
        assertEquals("ui pipeline", dialog.findElement(By.cssSelector("[data-testid='pat-delete-name']")).getText(),
                "the confirmation names the token");
        browser.screenshot("delete-confirmation");
        browser.visible(testId("pat-delete-confirm")).click();
        browser.gone(testId("pat-row"));
        browser.visible(testId("pat-empty"));

        JsonNode after = kc.introspect(secret);
        assertFalse(after.get("active").asBoolean(), "deleted in the browser, inactive at once");
    }

    @Test
    void theFormFollowsTheRealmPolicyAndATokenCanBeRegenerated() {
        String policy = DEMO + "/personal-access-tokens/policy";
        JsonNode before = expect(kc.adminGet(policy), 200).json();
        expect(kc.adminPut(policy, java.util.Map.of("maxLifetimeDays", 60, "defaultLifetimeDays", 7)), 200);
        try {
            userId = kc.createUser(DEMO, "ui-regenerator", "ui-password");
            signInAndOpenTab("ui-regenerator", "ui-password");
            browser.visible(testId("pat-create")).click();
            Select expiry = new Select(browser.visible(By.id("pat-expiry")));
            assertEquals("7 days", expiry.getFirstSelectedOption().getText(), "the realm's default lifetime first");
            List<String> options = expiry.getOptions().stream().map(WebElement::getText).toList();
            assertEquals(List.of("7 days", "30 days", "60 days", "Custom date"), options, "only what the realm allows");
            String helper = browser.visible(testId("pat-expiry-helper")).getText();
            assertTrue(helper.contains("at most 60 days"), helper);

            browser.visible(By.id("pat-name")).sendKeys("nightly");
            expiry.selectByVisibleText("Custom date");
            java.time.LocalDate far = java.time.LocalDate.now().plusDays(100);
            WebElement date = browser.visible(By.id("pat-expiry-date"));
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
                            + "set.call(arguments[0], arguments[1]);"
                            + "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", date, far.toString());
            browser.visible(testId("pat-submit")).click();
            browser.until(d -> d.findElement(testId("pat-expiry-helper")).getText().contains("may last at most 60 days"));
            assertTrue(browser.all(testId("pat-secret")).isEmpty(), "nothing was created");
            browser.screenshot("policy-limit");

            expiry.selectByVisibleText("30 days");
            browser.visible(By.id("pat-scope-api.read")).click();
            browser.visible(testId("pat-submit")).click();
            String first = SECRETS.remember(browser.visible(By.cssSelector("[data-testid='pat-secret'] input")).getAttribute("value"));
            assertTrue(kc.introspect(first).get("active").asBoolean());

            rowAction(browser.visible(testId("pat-row")), "pat-regenerate");
            browser.visible(testId("pat-regenerate-dialog"));
            browser.visible(testId("pat-regenerate-confirm")).click();
            browser.until(d -> {
                String value = d.findElement(By.cssSelector("[data-testid='pat-secret'] input")).getAttribute("value");
                return value.startsWith("kcpat_") && !value.equals(first);
            });
            String second = SECRETS.remember(browser.visible(By.cssSelector("[data-testid='pat-secret'] input")).getAttribute("value"));
            assertFalse(kc.introspect(first).get("active").asBoolean(), "the old secret stops at once");
            assertTrue(kc.introspect(second).get("active").asBoolean());
            assertEquals(1, browser.all(testId("pat-row")).size(), "still one token, with a new secret");
        } finally {
            expect(kc.adminPut(policy, java.util.Map.of("maxLifetimeDays", before.get("maxLifetimeDays").asInt(),
                    "defaultLifetimeDays", before.get("defaultLifetimeDays").asInt())), 200);
        }
    }

    /**
     * Minting needs a recent sign-in: with a stale one the console sends the user to Keycloak's login page
     * (prompt=login, the realm's max_age) and, back on the page, creates the token the form asked for, without
     * anything typed twice but the password.
     */
    @Test
    void aStaleSignInIsRenewedAndTheCreateFinishesWithoutRetyping() throws InterruptedException {
        int before = requireSignInWithin(10);
        try {
            userId = kc.createUser(DEMO, "ui-stepup", "ui-password");
            signInAndOpenTab("ui-stepup", "ui-password");
            Thread.sleep(11_000); // the sign-in grows older than the realm now allows for minting (a wait, not a measurement)

            browser.visible(testId("pat-create")).click();
            browser.visible(By.id("pat-name")).sendKeys("after a coffee");
            browser.visible(By.id("pat-scope-api.write")).click();
            new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("7 days");
            browser.visible(testId("pat-submit")).click();

            signInAgainWhereAsked("ui-stepup", "ui-password", 10, "create");
            String secret = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
            assertTrue(secret.startsWith("kcpat_"), "the one-time secret is shown as after any create");
            browser.visible(By.xpath("//*[@data-testid='pat-row-name' and normalize-space()='after a coffee']"));
            browser.screenshot("created-after-signing-in-again");
            assertEquals(1, browser.all(testId("pat-row")).size(), "created once");
            assertNull(pendingAction(), "the remembered action is gone once taken");

            JsonNode answer = kc.introspect(secret);
            assertTrue(answer.get("active").asBoolean(), answer.toString());
            assertEquals("api.write", answer.get("scope").asText(), "exactly the scope chosen before signing in again");
            long expiresIn = answer.get("exp").asLong() - System.currentTimeMillis() / 1000;
            assertTrue(Math.abs(expiresIn - 7 * 86400) < 300, "the expiry chosen before signing in again: " + expiresIn);

            // a reload does not run it again
            browser.driver().navigate().refresh();
            browser.visible(By.xpath("//*[@data-testid='pat-row-name' and normalize-space()='after a coffee']"));
            assertEquals(1, browser.all(testId("pat-row")).size(), "still one token after a reload");
            assertTrue(browser.all(SECRET).isEmpty(), "and no secret");
            assertTrue(browser.all(testId("pat-resume-error")).isEmpty(), "and nothing retried");
        } finally {
            requireSignInWithin(before);
        }
    }

    /** The same for a regenerate: after signing in again the token gets its new secret without a second click. */
    @Test
    void aStaleSignInIsRenewedAndTheRegenerateFinishesWithoutRetyping() throws InterruptedException {
        userId = kc.createUser(DEMO, "ui-stepup-again", "ui-password");
        signInAndOpenTab("ui-stepup-again", "ui-password");
        browser.visible(testId("pat-create")).click();
        browser.visible(By.id("pat-name")).sendKeys("nightly sync");
        browser.visible(By.id("pat-scope-api.read")).click();
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("30 days");
        browser.visible(testId("pat-submit")).click();
        String first = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));

        int before = requireSignInWithin(10);
        try {
            Thread.sleep(11_000); // as above: a wait until the sign-in is too old, not a measurement
            rowAction(browser.visible(testId("pat-row")), "pat-regenerate");
            browser.visible(testId("pat-regenerate-confirm")).click();

            signInAgainWhereAsked("ui-stepup-again", "ui-password", 10, "regenerate");
            browser.until(d -> {
                List<WebElement> inputs = d.findElements(SECRET);
                return !inputs.isEmpty() && inputs.get(0).getAttribute("value").startsWith("kcpat_")
                        && !inputs.get(0).getAttribute("value").equals(first);
            });
            String renewed = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
            browser.screenshot("regenerated-after-signing-in-again");
            assertEquals(1, browser.all(testId("pat-row")).size(), "still one token, with a new secret");
            assertNull(pendingAction(), "the remembered action is gone once taken");

            assertFalse(kc.introspect(first).get("active").asBoolean(), "the old secret stops");
            JsonNode answer = kc.introspect(renewed);
            assertTrue(answer.get("active").asBoolean(), "regenerated after signing in again: " + answer);
            assertEquals("api.read", answer.get("scope").asText(), "the token keeps its scopes");
        } finally {
            requireSignInWithin(before);
        }
    }

    /** Opens a row's actions menu (the kebab, "Actions for <name>") and picks an action from it. */
    private void rowAction(WebElement row, String action) {
        row.findElement(By.cssSelector("[data-testid='pat-actions']")).click();
        browser.until(d -> !row.findElements(By.cssSelector("[data-testid='" + action + "']")).isEmpty()
                && row.findElement(By.cssSelector("[data-testid='" + action + "']")).isDisplayed());
        row.findElement(By.cssSelector("[data-testid='" + action + "'] button")).click();
    }

    /** Sets the demo realm's maxAuthAgeSeconds as its admin; answers the value before, to put back. */
    private static int requireSignInWithin(int seconds) {
        String policy = DEMO + "/personal-access-tokens/policy";
        int before = expect(kc.adminGet(policy), 200).json().path("maxAuthAgeSeconds").asInt(300);
        expect(kc.adminPut(policy, Map.of("maxAuthAgeSeconds", seconds)), 200);
        return before;
    }

    /**
     * The console has sent the browser to Keycloak's login page, asking for a new sign-in (prompt=login) no older
     * than the realm's limit, and to come back to this page; the password is entered there again.
     */
    private void signInAgainWhereAsked(String username, String password, int maxAge, String what) {
        browser.until(d -> d.getCurrentUrl().contains("/realms/demo/protocol/openid-connect/auth"));
        String url = browser.driver().getCurrentUrl();
        assertTrue(url.contains("prompt=login"), url);
        assertTrue(url.contains("max_age=" + maxAge), url);
        assertTrue(url.contains("client_id=account-console"), url);
        assertTrue(url.contains("personal-access-tokens"), "back to this page afterwards: " + url);
        browser.screenshot("sign-in-again-to-" + what);
        browser.reauthenticate(username, password);
    }

    /** What the console remembered in sessionStorage across the sign-in, if anything. */
    private Object pendingAction() {
        return ((JavascriptExecutor) browser.driver()).executeScript("return sessionStorage.getItem('kcpat.pendingAction');");
    }

    @Test
    void everyStandardPageOfTheConsoleStillWorks() {
        userId = kc.createUser(DEMO, "ui-visitor", "ui-password");
        signInAndOpenTab("ui-visitor", "ui-password");
        String account = kc.base() + "/realms/demo/account";
        String[][] pages = {
                {"/", "Personal info"},
                {"/account-security/signing-in", "Signing in"},
                {"/account-security/device-activity", "Device activity"},
                {"/applications", "Application"},
        };
        for (String[] page : pages) {
            browser.open(account + page[0]);
            try {
                browser.visible(By.xpath("//main//*[self::h1 or self::h2][normalize-space()='" + page[1] + "']"));
            } finally {
                browser.screenshot("standard-page" + page[0].replace('/', '-'));
            }
        }
        browser.visible(By.xpath("//nav//a[normalize-space()='Personal access tokens']")).click();
        browser.visible(By.xpath("//h1[normalize-space()='Personal access tokens']"));
        browser.visible(testId("pat-empty"));
    }

    @Test
    void aNewUserSeesTheEmptyStateAndADuplicateNameIsShownAtTheField() {
        userId = kc.createUser(DEMO, "ui-newcomer", "ui-password");
        signInAndOpenTab("ui-newcomer", "ui-password");

        WebElement empty = browser.visible(testId("pat-empty"));
        assertTrue(empty.getText().contains("No personal access tokens"), empty.getText());
        assertTrue(browser.visible(testId("pat-guidance")).getText().contains("Treat a token like a password"));
        browser.screenshot("empty-state");

        // an empty name is refused at the field, before anything is sent
        empty.findElement(By.cssSelector("[data-testid='pat-create']")).click();
        browser.visible(testId("pat-submit")).click();
        assertEquals("Enter a name for the token.", browser.visible(testId("pat-name-helper")).getText());
        assertEquals("true", browser.visible(By.id("pat-name")).getAttribute("aria-invalid"));

        // keyboard only: Enter in the name field submits the form
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("7 days");
        browser.visible(By.id("pat-name")).sendKeys("backup", Keys.ENTER);
        SECRETS.remember(browser.visible(By.cssSelector("[data-testid='pat-secret'] input")).getAttribute("value"));

        browser.visible(testId("pat-create")).click();
        browser.visible(By.id("pat-name")).sendKeys("backup");
        browser.visible(testId("pat-submit")).click();
        browser.until(d -> d.findElement(testId("pat-name-helper")).getText().contains("already have a token with this name"));
        assertEquals("true", browser.visible(By.id("pat-name")).getAttribute("aria-invalid"));
        browser.screenshot("duplicate-name");

        String bearer = kc.userToken(DEMO, "demo-cli", "ui-newcomer", "ui-password", null);
        List<String> names = new java.util.ArrayList<>();
        expect(Http.get(kc.patApi(DEMO), bearer), 200).json().forEach(token -> names.add(token.get("name").asText()));
        assertEquals(List.of("backup"), names, "the refused duplicate left nothing behind");
    }
}
