package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static io.github.kcpat.it.support.Browser.testId;
import static io.github.kcpat.it.support.KeycloakApi.DEMO;
import static io.github.kcpat.it.support.KeycloakApi.expect;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What both consoles show on a Keycloak line this release is not tested on (the server made to report 26.8.0 through
 * the test-only JVM property, as in {@link VersionGateIT}). PATs off: both show the server's reason, not "not enabled
 * in this realm", and the admin console offers none of the actions the API refuses. PATs on by the admin's
 * {@code allow-untested-keycloak-line}: the account console's tab and every tab of the admin console's page warn. On a
 * known line no warning is shown ({@link AccountConsoleIT}, {@link AdminConsoleIT}, in every pass). Three restarts,
 * the last back to a plain server; CI runs it once, in the pass with both the browser and the restarts.
 */
@Tag("browser")
@Tag("restarts")
@KeycloakTest
class UntestedLineConsolesIT {

    private static final String UNKNOWN_LINE = "-Dkcpat.test.keycloak-line=26.8.0";
    private static final String OPT_IN = "--spi-realm-restapi-extension--personal-access-tokens--allow-untested-keycloak-line=true";
    private static final String TESTED = "26.4, 26.5, 26.6, 26.7";
    private static final By BANNER = testId("pat-untested-line");

    private static KeycloakServer server;
    private static KeycloakApi kc;

    @Test
    void offTheConsolesSayWhyAndOfferNothingRefusedOnByTheAdminsOptionEveryTabWarns() {
        JsonNode master = expect(kc.adminGet("master"), 200).json();
        String previousTheme = master.path("adminTheme").isMissingNode() || master.path("adminTheme").isNull()
                ? "" : master.path("adminTheme").asText();
        expect(kc.adminPut("master", Map.of("adminTheme", "personal-access-tokens")), 204);
        String username = "line-ui-" + System.nanoTime() % 100000;
        String userId = kc.createUser(DEMO, username, "line-pw");
        try {
            server.restartWith(List.of(), UNKNOWN_LINE);
            try (Browser browser = new Browser()) {
                whileOffTheAccountConsoleShowsTheServersReason(browser, username);
            }
            try (Browser browser = new Browser()) {
                whileOffTheAdminConsoleShowsTheReasonAndHidesWhatIsRefused(browser);
            }

            server.restartWith(List.of(OPT_IN), UNKNOWN_LINE);
            try (Browser browser = new Browser()) {
                openAccountTab(browser, username);
                assertWarns(browser.visible(BANNER).getText());
                browser.visible(testId("pat-create"));
                browser.screenshot("account-console-untested-line");
            }
            try (Browser browser = new Browser()) {
                openAdminPage(browser);
                browser.visible(By.cssSelector("[data-testid='pat-row'], [data-testid='pat-empty']"));
                assertWarns(browser.visible(BANNER).getText());
                browser.visible(testId("pat-create-bot"));
                browser.visible(testId("pat-revoke-all"));
                browser.screenshot("admin-console-untested-line");
                browser.visible(testId("pat-tab-policy")).click();
                browser.visible(testId("pat-policy-form"));
                assertWarns(browser.visible(BANNER).getText());
                browser.visible(testId("pat-tab-setup")).click();
                browser.visible(testId("pat-setup-run"));
                assertWarns(browser.visible(BANNER).getText());
            }
        } finally {
            server.restartWith(List.of(), "");
            kc.deleteUser(DEMO, userId);
            expect(kc.adminPut("master", Map.of("adminTheme", previousTheme)), 204);
        }
    }

    private void whileOffTheAccountConsoleShowsTheServersReason(Browser browser, String username) {
        openAccountTab(browser, username);
        String shown = browser.visible(testId("pat-load-error")).getText();
        assertTrue(shown.contains("off on Keycloak 26.8.0") && shown.contains(TESTED), "the server's reason: " + shown);
        assertFalse(shown.contains("not enabled in this realm"), shown);
        assertTrue(browser.all(testId("pat-create")).isEmpty(), "nothing to create while off");
        assertTrue(browser.all(BANNER).isEmpty(), "no warning while off: the reason says it");
        browser.screenshot("account-console-line-off");
    }

    private void whileOffTheAdminConsoleShowsTheReasonAndHidesWhatIsRefused(Browser browser) {
        openAdminPage(browser);
        String shown = browser.visible(testId("pat-error")).getText();
        assertTrue(shown.contains("off on Keycloak 26.8.0") && shown.contains(TESTED), "the server's reason: " + shown);
        assertFalse(shown.contains("not enabled in this realm") || shown.contains("no enabled client"), shown);
        // the line's status has answered too: the page knows from both that PATs are off
        browser.until(d -> "false".equals(d.findElement(testId("pat-page")).getAttribute("data-pats-on")));
        assertTrue(browser.all(testId("pat-create-bot")).isEmpty(), "no bot token while off");
        assertTrue(browser.all(testId("pat-revoke-all")).isEmpty(), "no revoke-all while off");
        assertTrue(browser.all(testId("pat-danger-zone")).isEmpty(), "no danger zone while off");
        assertTrue(browser.all(BANNER).isEmpty(), "no warning while off: the reason says it");
        browser.screenshot("admin-console-line-off");

        browser.visible(testId("pat-tab-policy")).click();
        String policy = browser.visible(testId("pat-error")).getText();
        assertTrue(policy.contains("off on Keycloak 26.8.0"), "the server's reason: " + policy);
        assertTrue(browser.all(testId("pat-policy-save")).isEmpty());

        browser.visible(testId("pat-tab-setup")).click();
        browser.visible(By.cssSelector("[data-testid='pat-setup-finding'][data-code='UNTESTED_KEYCLOAK_LINE']"));
        assertTrue(browser.all(testId("pat-setup-run")).isEmpty(), "the setup step is refused while off: not offered");
        assertTrue(browser.all(BANNER).isEmpty());
    }

    private static void assertWarns(String banner) {
        assertTrue(banner.contains("26.8.0"), banner);
        assertTrue(banner.contains(TESTED), banner);
        assertTrue(banner.contains("own risk"), banner);
    }

    private void openAccountTab(Browser browser, String username) {
        browser.open(kc.base() + "/realms/" + DEMO + "/account/personal-access-tokens");
        browser.login(username, "line-pw");
        browser.visible(By.xpath("//h1[normalize-space()='Personal access tokens']"));
    }

    private void openAdminPage(Browser browser) {
        browser.open(kc.base() + "/admin/master/console/#/" + DEMO + "/personal-access-tokens");
        browser.login("admin", "admin");
        browser.visible(testId("pat-page"));
    }
}
