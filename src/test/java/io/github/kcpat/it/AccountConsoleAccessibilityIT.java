package io.github.kcpat.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static io.github.kcpat.it.support.Browser.testId;
import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #15: the "Personal access tokens" tab on a phone (390 px) and a desktop (1280 px), with a keyboard and a
 * screen reader (focus, names, live region) and with 50 tokens; axe-core finds nothing on the list, the form, the
 * secret and the dialog.
 */
@Tag("browser")
// axe-core, the keyboard and the screen reader check the bundled console's own markup, the same files on every line
@Tag("bundle-only")
@KeycloakTest
class AccountConsoleAccessibilityIT {

    private static IssuedSecrets SECRETS;
    private static final By SECRET = By.cssSelector("[data-testid='pat-secret']");
    private static final By SIDEBAR = By.id("page-sidebar");
    private static final By TOGGLE = By.id("nav-toggle");
    private static KeycloakServer server;
    private static KeycloakApi kc;
    private Browser browser;
    private String userId;

    @AfterEach
    void deleteUser() {
        if (userId != null) {
            kc.deleteUser(DEMO, userId);
        }
    }

    private void signInAndOpenTab(String username, String password) {
        browser.open(kc.base() + "/realms/demo/account/personal-access-tokens");
        browser.login(username, password);
        browser.visible(By.xpath("//h1[normalize-space()='Personal access tokens']"));
        browser.visible(By.cssSelector("[data-testid='pat-row'], [data-testid='pat-empty']"));
    }

    private boolean sidebarOpen() {
        return browser.driver().findElement(SIDEBAR).getAttribute("class").contains("pf-m-expanded");
    }

    /** Open, and done sliding in. */
    private void waitSidebarShown() {
        browser.until(d -> sidebarOpen() && ((Number) browser.js(
                "return document.getElementById('page-sidebar').getBoundingClientRect().left;")).doubleValue() >= 0);
    }

    /** Nothing lies over the element's middle (such as an open side menu): a click there reaches it. */
    private boolean uncovered(WebElement element) {
        return (Boolean) browser.js("""
                const r = arguments[0].getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit !== null && arguments[0].contains(hit);
                """, element);
    }

    private boolean inViewport(WebElement element) {
        return (Boolean) browser.js("""
                const r = arguments[0].getBoundingClientRect();
                return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
                """, element);
    }

    private boolean focused(By by) {
        return (Boolean) browser.js("return document.activeElement === arguments[0];", browser.visible(by));
    }

    private void assertNoAxeViolations(String where) {
        List<String> violations = browser.axeViolations();
        assertTrue(violations.isEmpty(), where + ": " + String.join("\n", violations));
    }

    @Test
    void theSideMenuStartsClosedOnAPhoneAndItsButtonOpensAndClosesIt() {
        userId = kc.createUser(DEMO, "a11y-menu", "ui-password");
        browser.viewport(390, 844);
        signInAndOpenTab("a11y-menu", "ui-password");

        browser.until(d -> !sidebarOpen());
        WebElement toggle = browser.visible(TOGGLE);
        assertEquals("false", toggle.getAttribute("aria-expanded"));
        assertEquals("true", browser.driver().findElement(SIDEBAR).getAttribute("aria-hidden"));
        WebElement create = browser.visible(testId("pat-create"));
        assertTrue(uncovered(create), "the closed menu leaves \"Create token\" free");
        browser.screenshot("a11y-390-menu-closed");

        toggle.click();
        waitSidebarShown();
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        WebElement link = browser.visible(By.xpath("//nav//a[normalize-space()='Personal info']"));
        browser.screenshot("a11y-390-menu-open");
        toggle.click();
        browser.until(d -> !sidebarOpen());
        assertEquals("false", toggle.getAttribute("aria-expanded"));

        // choosing a page on a phone closes the menu, on every page of the console
        toggle.click();
        waitSidebarShown();
        link.click();
        browser.visible(By.xpath("//main//*[self::h1 or self::h2][normalize-space()='Personal info']"));
        browser.until(d -> !sidebarOpen());
        browser.visible(TOGGLE).click();
        browser.until(d -> sidebarOpen());

        // a desktop: open beside the page, and the button still closes and opens it
        browser.viewport(1280, 900);
        browser.open(kc.base() + "/realms/demo/account/personal-access-tokens");
        browser.visible(testId("pat-empty"));
        browser.until(d -> sidebarOpen());
        assertTrue(uncovered(browser.visible(testId("pat-create"))));
        browser.visible(TOGGLE).click();
        browser.until(d -> !sidebarOpen());
        browser.screenshot("a11y-1280-menu-closed");
        browser.visible(TOGGLE).click();
        browser.until(d -> sidebarOpen());
        assertEquals("true", browser.visible(TOGGLE).getAttribute("aria-expanded"));
    }

    @Test
    void onAPhoneTheNewSecretTakesTheFocusAndIsInViewAndTheFormAndDialogPassAxe() {
        userId = kc.createUser(DEMO, "a11y-phone", "ui-password");
        browser.viewport(390, 844);
        signInAndOpenTab("a11y-phone", "ui-password");
        assertNoAxeViolations("empty state at 390 px");

        browser.visible(testId("pat-create")).click();
        browser.visible(By.id("pat-name")).sendKeys("phone pipeline");
        browser.visible(By.id("pat-scope-api.read")).click();
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("30 days");
        assertNoAxeViolations("form at 390 px");

        // errors are tied to their fields, and a failed submit puts the focus on the field in error
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("Custom date");
        WebElement date = browser.visible(By.id("pat-expiry-date"));
        assertEquals("pat-expiry-helper-text", date.getAttribute("aria-describedby"));
        assertEquals("pat-expiry-helper-text", browser.visible(By.id("pat-expiry")).getAttribute("aria-describedby"));
        browser.visible(testId("pat-submit")).click();
        browser.until(d -> d.findElement(testId("pat-expiry-helper")).getText().contains("from tomorrow on"));
        browser.until(d -> focused(By.id("pat-expiry-date")));
        assertNoAxeViolations("form with an error at 390 px");
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("30 days");

        browser.visible(testId("pat-submit")).click();
        String secret = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
        assertTrue(secret.startsWith("kcpat_"));
        browser.until(d -> focused(SECRET));
        assertTrue(inViewport(browser.visible(SECRET)), "the secret is on the screen, not above it");
        assertTrue(browser.driver().findElement(testId("pat-new-token-status")).getText()
                .startsWith("Token created: phone pipeline"), "said by the live region");
        assertEquals("status", browser.driver().findElement(testId("pat-new-token-status")).getAttribute("role"));
        assertTrue((Boolean) browser.js("const e = new Event('beforeunload', { cancelable: true });"
                + " window.dispatchEvent(e); return e.defaultPrevented;"), "leaving asks first while the secret shows");
        browser.screenshot("a11y-390-secret");
        assertNoAxeViolations("secret at 390 px");

        // regenerate from the row's menu: the dialog, then the new secret, titled as such and focused
        WebElement actions = browser.visible(testId("pat-actions"));
        assertEquals("Actions for phone pipeline", actions.getAttribute("aria-label"));
        actions.click();
        WebElement regenerate = browser.visible(By.cssSelector("[data-testid='pat-regenerate'] button"));
        assertEquals("Regenerate phone pipeline", regenerate.getAccessibleName());
        assertEquals("Delete phone pipeline",
                browser.visible(By.cssSelector("[data-testid='pat-delete'] button")).getAccessibleName());
        regenerate.click();
        browser.visible(testId("pat-regenerate-dialog"));
        browser.screenshot("a11y-390-dialog");
        assertNoAxeViolations("regenerate dialog at 390 px");
        browser.visible(testId("pat-regenerate-confirm")).click();
        browser.until(d -> d.findElement(testId("pat-new-token")).getText().contains("Token regenerated: phone pipeline"));
        browser.until(d -> !d.findElement(SECRET).getAttribute("value").equals(secret));
        SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
        browser.until(d -> focused(SECRET));
        assertTrue(inViewport(browser.visible(SECRET)));

        // delete: the focus goes somewhere sensible, not to <body>
        browser.visible(testId("pat-actions")).click();
        browser.visible(By.cssSelector("[data-testid='pat-delete'] button")).click();
        browser.visible(testId("pat-delete-dialog"));
        assertNoAxeViolations("delete dialog at 390 px");
        browser.visible(testId("pat-delete-confirm")).click();
        browser.visible(testId("pat-empty"));
        browser.until(d -> focused(testId("pat-create")));
    }

    @Test
    void aLongNameWithoutSpacesStaysInsideTheTable() {
        userId = kc.createUser(DEMO, "a11y-long", "ui-password");
        String bearer = kc.userToken(DEMO, "demo-cli", "a11y-long", "ui-password", null);
        String longName = "x".repeat(100);
        String used = create(bearer, longName, 30);
        create(bearer, "short", 3);
        // its last use names the resource server that introspected it: a line more in the row at every width
        assertTrue(kc.introspect(secrets.get(used)).get("active").asBoolean());

        for (int width : new int[] {1280, 768, 390}) {
            browser.viewport(width, 900);
            if (width == 1280) {
                signInAndOpenTab("a11y-long", "ui-password");
            } else {
                browser.driver().navigate().refresh();
                browser.visible(testId("pat-row"));
            }
            browser.visible(By.xpath("//*[@data-testid='pat-row-name' and normalize-space()='" + longName + "']"));
            for (WebElement actions : browser.all(testId("pat-actions"))) {
                // on a phone the stacked rows are taller than the screen: scrolled to, nothing is off to the side
                browser.js("arguments[0].scrollIntoView({block: 'center'});", actions);
                assertTrue(inViewport(actions), width + " px: every row's actions are on the screen");
            }
            for (WebElement cell : browser.all(By.cssSelector("[data-testid='pat-row'] td"))) {
                double right = ((Number) browser.js("return arguments[0].getBoundingClientRect().right;", cell)).doubleValue();
                assertTrue(right <= width, width + " px: a cell ends at " + right);
            }
            assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth;"),
                    width + " px: the page does not scroll sideways");
            WebElement lastUse = browser.visible(By.cssSelector("[data-token-id='" + used + "'] [data-testid='pat-row-last-used-by']"));
            assertEquals("by demo-api (introspection)", lastUse.getText(), width + " px");
            double lastUseRight = ((Number) browser.js("return arguments[0].getBoundingClientRect().right;", lastUse)).doubleValue();
            assertTrue(lastUseRight <= width, width + " px: the last use ends at " + lastUseRight);
            assertTrue(browser.visible(testId("pat-row-expires-soon")).isDisplayed(), "3 days left: expires soon");
            browser.screenshot("a11y-" + width + "-long-name");
            assertNoAxeViolations("list at " + width + " px");
        }
    }

    @Test
    void aNameOverTheLimitIsRefusedAtItsFieldAnEmojiCountingAsTwo() {
        userId = kc.createUser(DEMO, "a11y-emoji", "ui-password");
        signInAndOpenTab("a11y-emoji", "ui-password");
        browser.visible(testId("pat-create")).click();
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("7 days");
        // 99 letters and one emoji: 100 characters to the eye, 101 UTF-16 code units to the server
        WebElement name = browser.visible(By.id("pat-name"));
        browser.js("""
                const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
                set.call(arguments[0], arguments[1]);
                arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
                """, name, "a".repeat(99) + "\uD83D\uDE80");
        browser.visible(testId("pat-submit")).click();
        browser.until(d -> d.findElement(testId("pat-name-helper")).getText()
                .equals("The name must be at most 100 characters long (an emoji counts as two)."));
        assertEquals("true", name.getAttribute("aria-invalid"));
        assertEquals("pat-name-helper", name.getAttribute("aria-describedby"));
        browser.until(d -> focused(By.id("pat-name")));
        assertTrue(browser.all(SECRET).isEmpty(), "nothing was created");
        browser.screenshot("a11y-emoji-name");

        // the server says the same (this is the rule the form follows)
        String bearer = kc.userToken(DEMO, "demo-cli", "a11y-emoji", "ui-password", null);
        Http.Reply refused = Http.postJson(kc.patApi(DEMO), bearer, Map.of("name", "a".repeat(99) + "\uD83D\uDE80",
                "expiresAt", System.currentTimeMillis() / 1000 + 86400));
        assertEquals(400, refused.status(), refused.body());

        // what only the server checks comes back to the same field: a right-to-left override in the name
        browser.js("""
                const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
                set.call(arguments[0], arguments[1]);
                arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
                """, name, "invoice\u202Etxt.exe");
        browser.visible(testId("pat-submit")).click();
        browser.until(d -> d.findElement(testId("pat-name-helper")).getText().contains("must not contain control"));
        assertEquals("true", name.getAttribute("aria-invalid"));
        browser.until(d -> focused(By.id("pat-name")));
        assertTrue(browser.all(SECRET).isEmpty(), "nothing was created");
        browser.screenshot("a11y-server-refused-name");

        // exactly the limit (100 UTF-16 code units, the emoji as two) is fine
        browser.js("""
                const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
                set.call(arguments[0], arguments[1]);
                arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
                """, name, "a".repeat(98) + "\uD83D\uDE80");
        browser.visible(testId("pat-submit")).click();
        SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
    }

    @Test
    void fiftyTokensCanBeSearchedSortedAndPagedAndTheLimitIsToldBeforeTheForm() {
        userId = kc.createUser(DEMO, "a11y-many", "ui-password");
        String bearer = kc.userToken(DEMO, "demo-cli", "a11y-many", "ui-password", null);
        int limit = expect(Http.get(kc.patApi(DEMO) + "/policy", bearer), 200).json().get("maxTokensPerUser").asInt();
        assertEquals(50, limit, "the demo realm allows 50 tokens per user");
        // created in an order that is neither by name nor by expiry: token 00 expires last, token 49 first
        for (int i = 0; i < 50; i++) {
            create(bearer, String.format("token %02d", i), 50 - i + (i % 2 == 0 ? 100 : 0));
        }
        browser.viewport(1280, 900);
        signInAndOpenTab("a11y-many", "ui-password");

        assertEquals(10, browser.all(testId("pat-row")).size(), "one page of 10");
        assertEquals("50 of 50 tokens", browser.visible(testId("pat-count")).getText());
        WebElement create = browser.visible(testId("pat-create"));
        assertEquals("true", create.getAttribute("aria-disabled"), "no form to fill for nothing");
        assertEquals("pat-limit-reason", create.getAttribute("aria-describedby"));
        assertTrue(browser.visible(testId("pat-limit-reason")).getText().contains("(50)"));
        assertEquals("false", browser.visible(By.cssSelector("[data-testid='pat-guidance'] button"))
                .getAttribute("aria-expanded"), "the guidance is collapsed once there are tokens");
        int buttons = browser.all(By.cssSelector("main button")).size();
        assertTrue(buttons < 40, "not 80 buttons any more: " + buttons);
        browser.screenshot("a11y-1280-fifty-tokens");
        assertNoAxeViolations("list of 50 at 1280 px");

        // paging
        List<String> first = names();
        browser.visible(By.cssSelector("[data-testid='pat-pagination-top'] button[aria-label='Go to next page']")).click();
        browser.until(d -> !names().equals(first));
        assertEquals(10, names().size());
        assertTrue(java.util.Collections.disjoint(first, names()), "page 2 shows other tokens");

        // sort by expiry, soonest first, then latest first
        browser.visible(By.cssSelector("[data-testid='pat-sort-expires'] button")).click();
        browser.until(d -> names().get(0).equals("token 49"));
        assertEquals("ascending", browser.visible(testId("pat-sort-expires")).getAttribute("aria-sort"));
        assertFalse(browser.all(testId("pat-row-expires-soon")).isEmpty(), "the soonest show \"Expires soon\"");
        browser.visible(By.cssSelector("[data-testid='pat-sort-expires'] button")).click();
        browser.until(d -> names().get(0).equals("token 00"));
        // sort by last use: none was used, so all say so
        browser.visible(By.cssSelector("[data-testid='pat-sort-last-used'] button")).click();
        browser.until(d -> "ascending".equals(d.findElement(testId("pat-sort-last-used")).getAttribute("aria-sort")));

        // search by name
        WebElement search = browser.visible(By.cssSelector("[data-testid='pat-search'] input"));
        search.sendKeys("token 07");
        browser.until(d -> names().equals(List.of("token 07")));
        browser.screenshot("a11y-1280-search");
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        search.sendKeys("nothing like it");
        browser.visible(testId("pat-no-match"));
        assertNoAxeViolations("search without results");
    }

    @Test
    void theExpiryColumnSaysExpiredAndShortenedByPolicy() {
        String policy = DEMO + "/personal-access-tokens/policy";
        JsonNode before = expect(kc.adminGet(policy), 200).json();
        userId = kc.createUser(DEMO, "a11y-cut", "ui-password");
        String bearer = kc.userToken(DEMO, "demo-cli", "a11y-cut", "ui-password", null);
        create(bearer, "long lived", 200);
        create(bearer, "short lived", 10);
        // as if 11 days had passed for this one (SQL: no API makes a token expire early)
        server.database().age(create(bearer, "lapsed", 10), 11 * 86400L);
        expect(kc.adminPut(policy, Map.of("maxLifetimeDays", 30, "defaultLifetimeDays", 30)), 200);
        try {
            browser.viewport(1280, 900);
            signInAndOpenTab("a11y-cut", "ui-password");
            WebElement cut = browser.visible(By.xpath(
                    "//*[@data-testid='pat-row'][.//*[@data-testid='pat-row-name' and normalize-space()='long lived']]"));
            assertEquals("Shortened by policy", cut.findElement(testId("pat-row-cut-by-policy")).getText());
            WebElement kept = browser.visible(By.xpath(
                    "//*[@data-testid='pat-row'][.//*[@data-testid='pat-row-name' and normalize-space()='short lived']]"));
            assertTrue(kept.findElements(testId("pat-row-cut-by-policy")).isEmpty(), kept.getText());
            WebElement lapsed = browser.visible(By.xpath(
                    "//*[@data-testid='pat-row'][.//*[@data-testid='pat-row-name' and normalize-space()='lapsed']]"));
            assertEquals("Expired", lapsed.findElement(testId("pat-row-expired")).getText());
            browser.screenshot("a11y-shortened-by-policy");
            assertNoAxeViolations("list with a shortened token");
        } finally {
            expect(kc.adminPut(policy, Map.of("maxLifetimeDays", before.get("maxLifetimeDays").asInt(),
                    "defaultLifetimeDays", before.get("defaultLifetimeDays").asInt())), 200);
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (WebElement name : browser.driver().findElements(testId("pat-row-name"))) {
            names.add(name.getText());
        }
        return names;
    }

    /** Answers the token's id. */
    /** The secrets of the tokens this class created, by token id. */
    private final Map<String, String> secrets = new java.util.HashMap<>();

    private String create(String bearer, String name, int days) {
        JsonNode created = expect(Http.postJson(kc.patApi(DEMO), bearer, Map.of("name", name, "scopes",
                List.of("api.read"), "expiresAt", System.currentTimeMillis() / 1000 + days * 86400L)), 201).json();
        secrets.put(created.get("id").asText(), SECRETS.remember(created.get("token").asText()));
        return created.get("id").asText();
    }
}
