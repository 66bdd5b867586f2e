package io.github.kcpat.it;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.IssuedSecrets;
import io.github.kcpat.it.support.KeycloakApi;
import io.github.kcpat.it.support.KeycloakTest;
import org.junit.jupiter.api.AfterEach;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "Personal access tokens" tab of the account console, in headless Chromium against a real Keycloak. */
@Tag("browser")
@KeycloakTest
class AccountConsoleIT {

    private static IssuedSecrets SECRETS;
    /** The one-time secret of a token just created or regenerated, on the page. */
    private static final By SECRET = By.cssSelector("[data-testid='pat-secret']");
    private static KeycloakApi kc;
    private Browser browser;
    private String userId;

    @AfterEach
    void deleteUser() {
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

        browser.visible(testId("pat-create"));
        // the list and the policy (with the server's line) came in one go: a line the suite runs on warns of nothing
        assertTrue(browser.all(testId("pat-untested-line")).isEmpty(), "no untested-line warning on a tested line");
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

        WebElement secretInput = browser.visible(By.cssSelector("[data-testid='pat-secret']"));
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
        assertFalse(row.findElement(testId("pat-row-last-used")).getText().equals("Never"),
                "the introspection above shows as its last use: " + row.getText());
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
            String first = SECRETS.remember(browser.visible(By.cssSelector("[data-testid='pat-secret']")).getAttribute("value"));
            assertTrue(kc.introspect(first).get("active").asBoolean());

            rowAction(browser.visible(testId("pat-row")), "pat-regenerate");
            browser.visible(testId("pat-regenerate-dialog"));
            browser.visible(testId("pat-regenerate-confirm")).click();
            browser.until(d -> {
                String value = d.findElement(By.cssSelector("[data-testid='pat-secret']")).getAttribute("value");
                return value.startsWith("kcpat_") && !value.equals(first);
            });
            String second = SECRETS.remember(browser.visible(By.cssSelector("[data-testid='pat-secret']")).getAttribute("value"));
            assertFalse(kc.introspect(first).get("active").asBoolean(), "the old secret stops at once");
            assertTrue(kc.introspect(second).get("active").asBoolean());
            assertEquals(1, browser.all(testId("pat-row")).size(), "still one token, with a new secret");
        } finally {
            expect(kc.adminPut(policy, java.util.Map.of("maxLifetimeDays", before.get("maxLifetimeDays").asInt(),
                    "defaultLifetimeDays", before.get("defaultLifetimeDays").asInt())), 200);
        }
    }

    /**
     * Issue #30: api.write needs approval by the members of a group. The form marks it, asks for an optional reason only
     * once it is chosen (at most 500 characters, counted), and the token works at once with api.read alone; the list
     * shows api.write pending, then approved (in the claims), and, for a second token, denied with the approver's reason.
     */
    @Test
    void aScopeThatNeedsApprovalIsAskedForWithAReasonAndItsStateIsShown() {
        String policy = DEMO + "/personal-access-tokens/policy";
        String group = "ui-approvers-" + System.nanoTime() % 100000;
        expect(kc.adminPost(DEMO + "/groups", Map.of("name", group)), 201);
        String groupId = kc.adminGet(DEMO + "/groups?exact=true&search=" + group).json().get(0).get("id").asText();
        String approverId = kc.createUser(DEMO, "ui-approver", "ui-approver");
        expect(kc.adminPut(DEMO + "/users/" + approverId + "/groups/" + groupId, Map.of()), 204);
        expect(kc.adminPut(policy, Map.of("approvalScopes", List.of(Map.of("scope", "api.write", "approverGroup", "/" + group)))), 200);
        try {
            userId = kc.createUser(DEMO, "ui-requester", "ui-password");
            signInAndOpenTab("ui-requester", "ui-password");
            browser.visible(testId("pat-create")).click();
            browser.visible(By.id("pat-name")).sendKeys("orders export");
            WebElement form = browser.visible(testId("pat-create-form"));
            List<WebElement> marks = form.findElements(testId("pat-scope-needs-approval"));
            assertEquals(1, marks.size(), "only api.write is marked");
            assertTrue(browser.visible(By.cssSelector("label[for='pat-scope-api.write']")).getText().contains("Needs approval"));
            assertFalse(browser.visible(By.cssSelector("label[for='pat-scope-api.read']")).getText().contains("Needs approval"));
            browser.visible(By.id("pat-scope-api.read")).click();
            assertTrue(browser.all(testId("pat-reason")).isEmpty(), "no reason field without a scope that needs approval");
            browser.visible(By.id("pat-scope-api.write")).click();
            WebElement reason = browser.visible(testId("pat-reason"));
            assertTrue(browser.visible(testId("pat-approval-note")).getText().contains("works at once for its other scopes"));

            // 501 characters: counted, marked, and nothing is sent
            reason.sendKeys("x".repeat(501));
            assertEquals("501 of 500 characters", browser.visible(testId("pat-reason-count")).getText());
            browser.visible(testId("pat-submit")).click();
            browser.until(d -> d.findElement(testId("pat-reason-helper")).getText().contains("at most 500 characters"));
            assertTrue(browser.all(testId("pat-secret")).isEmpty(), "nothing was created");
            reason.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            reason.sendKeys("The nightly export writes order states back.");
            assertEquals("44 of 500 characters", browser.visible(testId("pat-reason-count")).getText());
            browser.screenshot("approval-form");
            browser.visible(testId("pat-submit")).click();

            String secret = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
            assertTrue(browser.visible(testId("pat-new-token-pending")).getText().contains("api.write"));
            JsonNode answer = kc.introspect(secret);
            assertTrue(answer.get("active").asBoolean(), "works at once: " + answer);
            assertEquals("api.read", answer.get("scope").asText(), "api.write waits for approval");
            WebElement pending = browser.visible(By.cssSelector("[data-testid='pat-scope-approval'][data-scope='api.write']"));
            assertEquals("pending", pending.getAttribute("data-state"));
            assertTrue(pending.getText().contains("Pending approval"), pending.getText());
            browser.screenshot("approval-pending");

            // the group's member approves; the list shows it after a reload, and the claims hold it
            String approver = kc.userToken(DEMO, "demo-cli", "ui-approver", "ui-approver", null);
            String requests = kc.admin(DEMO + "/personal-access-tokens/requests");
            JsonNode listed = expect(Http.get(requests + "?user=ui-requester", approver), 200).json();
            assertEquals(1, listed.size(), listed.toString());
            assertEquals("The nightly export writes order states back.", listed.get(0).get("reason").asText());
            expect(Http.postJson(requests + "/" + listed.get(0).get("id").asText() + "/approve", approver, Map.of()), 200);
            assertEquals("api.read api.write", sortedScopes(kc.introspect(secret)));

            // a second token asks for api.write and is denied, with the approver's reason
            browser.driver().navigate().refresh();
            browser.until(d -> "approved".equals(d.findElement(
                    By.cssSelector("[data-testid='pat-scope-approval'][data-scope='api.write']")).getAttribute("data-state")));
            String bearer = kc.userToken(DEMO, "demo-cli", "ui-requester", "ui-password", null);
            JsonNode second = expect(Http.postJson(kc.patApi(DEMO), bearer, KeycloakApi.patBody("second export",
                    List.of("api.write"), System.currentTimeMillis() / 1000 + 86400)), 201).json();
            SECRETS.remember(second.get("token").asText());
            JsonNode waiting = expect(Http.get(requests + "?user=ui-requester", approver), 200).json();
            assertEquals(1, waiting.size(), waiting.toString());
            expect(Http.postJson(requests + "/" + waiting.get(0).get("id").asText() + "/deny", approver,
                    Map.of("reason", "Use the export service account")), 200);
            browser.driver().navigate().refresh();
            WebElement row = browser.visible(By.xpath("//*[@data-testid='pat-row'][.//*[@data-testid='pat-row-name' and normalize-space()='second export']]"));
            WebElement denied = row.findElement(By.cssSelector("[data-testid='pat-scope-approval'][data-scope='api.write']"));
            assertEquals("denied", denied.getAttribute("data-state"));
            assertTrue(denied.getText().contains("Use the export service account"), denied.getText());
            browser.screenshot("approval-states");
        } finally {
            expect(kc.adminPut(policy, Map.of("approvalScopes", List.of())), 200);
            kc.deleteUser(DEMO, approverId);
            expect(kc.adminDelete(DEMO + "/groups/" + groupId), 204);
        }
    }

    private static String sortedScopes(JsonNode introspection) {
        return java.util.Arrays.stream(introspection.path("scope").asText().split(" ")).sorted()
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /**
     * Regenerate with an overlap: the dialog offers only what the realm's maxRotationOverlapSeconds allows and says
     * until when the old secret works; a choice the realm refuses meanwhile is answered with the server's words in the
     * dialog; afterwards both secrets work and the list says until when the previous one does.
     */
    @Test
    void aRegenerateWithAnOverlapKeepsTheOldSecretUntilTheListSays() {
        String policy = DEMO + "/personal-access-tokens/policy";
        int before = expect(kc.adminGet(policy), 200).json().path("maxRotationOverlapSeconds").asInt(86400);
        expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 86400)), 200);
        try {
            userId = kc.createUser(DEMO, "ui-rotator", "ui-password");
            String bearer = kc.userToken(DEMO, "demo-cli", "ui-rotator", "ui-password", null);
            JsonNode created = expect(Http.postJson(kc.patApi(DEMO), bearer, KeycloakApi.patBody("rotated pipeline",
                    List.of("api.read"), System.currentTimeMillis() / 1000 + 30 * 86400)), 201).json();
            String first = SECRETS.remember(created.get("token").asText());
            signInAndOpenTab("ui-rotator", "ui-password");

            rowAction(browser.visible(testId("pat-row")), "pat-regenerate");
            WebElement dialog = browser.visible(testId("pat-regenerate-dialog"));
            Select overlap = new Select(browser.visible(testId("pat-overlap")));
            assertEquals(List.of("No overlap", "1 hour", "1 day"), overlap.getOptions().stream().map(WebElement::getText).toList(),
                    "only what the realm allows (at most one day)");
            assertEquals("No overlap", overlap.getFirstSelectedOption().getText(), "the old secret stops at once by default");
            assertTrue(browser.visible(testId("pat-regenerate-consequence")).getText().contains("stops working at once"));
            overlap.selectByVisibleText("1 day");
            String promised = browser.visible(testId("pat-regenerate-consequence")).getText();
            assertTrue(promised.contains("keeps working until") && promised.contains("Deleting the token ends both"), promised);
            browser.screenshot("regenerate-overlap");

            // the realm lowers its limit while the dialog is open: the server's refusal is shown there, nothing changes
            expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", 3600)), 200);
            browser.visible(testId("pat-regenerate-confirm")).click();
            String refusal = browser.visible(testId("pat-regenerate-error")).getText();
            assertTrue(refusal.contains("at most 3600 seconds"), "the server's own words: " + refusal);
            assertTrue(dialog.isDisplayed(), "the dialog stays open");
            assertTrue(kc.introspect(first).get("active").asBoolean(), "nothing was regenerated");
            browser.visible(testId("pat-regenerate-cancel")).click();
            browser.gone(testId("pat-regenerate-dialog"));

            // the page, loaded again, offers only the new limit
            browser.driver().navigate().refresh();
            rowAction(browser.visible(testId("pat-row")), "pat-regenerate");
            overlap = new Select(browser.visible(testId("pat-overlap")));
            assertEquals(List.of("No overlap", "1 hour"), overlap.getOptions().stream().map(WebElement::getText).toList());
            overlap.selectByVisibleText("1 hour");
            browser.visible(testId("pat-regenerate-confirm")).click();
            browser.until(d -> !d.findElements(SECRET).isEmpty()
                    && d.findElement(SECRET).getAttribute("value").startsWith("kcpat_"));
            String second = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
            assertNotEquals(first, second);
            assertTrue(kc.introspect(second).get("active").asBoolean(), "the new secret works");
            assertTrue(kc.introspect(first).get("active").asBoolean(), "and the old one still does, for the overlap");

            JsonNode shown = expect(Http.get(kc.patApi(DEMO) + "/" + created.get("id").asText(), bearer), 200).json();
            long end = shown.get("previousSecretExpiresAt").asLong();
            long inOneHour = System.currentTimeMillis() / 1000 + 3600;
            assertTrue(Math.abs(end - inOneHour) < 120, "one hour from now: " + end + " vs " + inOneHour);
            String date = longDate(end);
            assertEquals("The previous secret keeps working until " + date + ", then stops.",
                    browser.visible(testId("pat-new-token-previous-secret")).getText());
            browser.until(d -> !d.findElements(testId("pat-row-previous-secret")).isEmpty());
            assertEquals("Previous secret works until " + date, browser.visible(testId("pat-row-previous-secret")).getText());
            browser.screenshot("token-list-previous-secret");

            // the owner learns that a secret leaked and regenerates again: the dialog says the previous one ends too
            rowAction(browser.visible(testId("pat-row")), "pat-regenerate");
            assertEquals("The previous secret, which would have worked until " + date + ", stops working at once: a token"
                    + " has at most one previous secret.", browser.visible(testId("pat-older-secret-ends")).getText());
            assertTrue(browser.visible(testId("pat-regenerate-consequence")).getText().contains("every older secret"));
            browser.visible(testId("pat-regenerate-confirm")).click();
            browser.until(d -> !d.findElements(SECRET).isEmpty() && d.findElement(SECRET).getAttribute("value").startsWith("kcpat_")
                    && !d.findElement(SECRET).getAttribute("value").equals(second));
            String third = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
            assertFalse(kc.introspect(first).get("active").asBoolean(), "the first secret ended with the second regenerate");
            assertFalse(kc.introspect(second).get("active").asBoolean(), "and so did the second, without an overlap");
            assertTrue(kc.introspect(third).get("active").asBoolean());
        } finally {
            expect(kc.adminPut(policy, Map.of("maxRotationOverlapSeconds", before)), 200);
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

    /**
     * Issue #21: the one-time secret is in monospace and whole on a 375 px phone (wrapped, neither cut off nor
     * scrolled), after a create and after a regenerate; closing it uncopied (×, Escape, Close) asks first, with Discard
     * and Go back, and once the copy button was used it closes without asking.
     */
    @Test
    void theSecretIsWholeOnAPhoneAndClosingItUncopiedAsksFirst() {
        userId = kc.createUser(DEMO, "ui-phone-secret", "ui-password");
        browser.viewport(375, 812);
        signInAndOpenTab("ui-phone-secret", "ui-password");
        browser.visible(testId("pat-create")).click();
        browser.visible(By.id("pat-name")).sendKeys("phone secret");
        browser.visible(By.id("pat-scope-api.read")).click();
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("30 days");
        browser.visible(testId("pat-submit")).click();

        String first = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
        assertWholeInMonospace(first, "after a create");
        browser.screenshot("secret-375-created");

        // × before copying: asked, and "Go back" keeps the secret
        browser.visible(By.cssSelector("[data-testid='pat-new-token'] button[aria-label='Close']")).click();
        WebElement dialog = browser.visible(testId("pat-discard-dialog"));
        assertTrue(dialog.getText().contains("You have not copied this token. It will not be shown again. Discard it?"),
                dialog.getText());
        assertEquals("Discard", browser.visible(testId("pat-discard-confirm")).getText());
        assertEquals("Go back", browser.visible(testId("pat-discard-go-back")).getText());
        List<String> violations = browser.axeViolations();
        assertTrue(violations.isEmpty(), "discard dialog: " + String.join("\n", violations));
        browser.screenshot("secret-375-discard-question");
        browser.visible(testId("pat-discard-go-back")).click();
        browser.gone(testId("pat-discard-dialog"));
        assertEquals(first, browser.visible(SECRET).getAttribute("value"), "Go back keeps the secret on the screen");

        // the Close button asks the same
        browser.visible(testId("pat-secret-close")).click();
        browser.visible(testId("pat-discard-dialog"));
        browser.visible(testId("pat-discard-go-back")).click();
        browser.gone(testId("pat-discard-dialog"));

        // Escape in the secret asks too, and Discard closes it for good
        browser.visible(SECRET).sendKeys(Keys.ESCAPE);
        browser.visible(testId("pat-discard-dialog"));
        browser.visible(testId("pat-discard-confirm")).click();
        browser.gone(testId("pat-new-token"));
        assertTrue(browser.all(SECRET).isEmpty(), "discarded");
        assertTrue(kc.introspect(first).get("active").asBoolean(), "discarding the secret does not touch the token");

        // a regenerated secret is shown the same way; after the copy button, Close does not ask
        rowAction(browser.visible(testId("pat-row")), "pat-regenerate");
        browser.visible(testId("pat-regenerate-confirm")).click();
        browser.until(d -> !d.findElements(SECRET).isEmpty()
                && !d.findElement(SECRET).getAttribute("value").equals(first));
        String second = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
        assertWholeInMonospace(second, "after a regenerate");
        browser.visible(testId("pat-copy")).click();
        browser.until(d -> d.findElement(testId("pat-copy")).getText().equals("Copied"));
        browser.screenshot("secret-375-regenerated-copied");
        browser.visible(testId("pat-secret-close")).click();
        browser.gone(testId("pat-new-token"));
        assertTrue(browser.all(testId("pat-discard-dialog")).isEmpty(), "copied: closed without a question");
    }

    @Test
    void creatingOrRegeneratingAnotherTokenNeverThrowsAnUncopiedSecretAway() {
        userId = kc.createUser(DEMO, "ui-two-secrets", "ui-password");
        signInAndOpenTab("ui-two-secrets", "ui-password");
        String first = createInTheForm("first uncopied");
        String second = createInTheForm("second uncopied");
        List<WebElement> secrets = browser.all(SECRET);
        assertEquals(2, secrets.size(), "the uncopied secret of the first token is still on the screen");
        assertEquals(second, secrets.get(0).getAttribute("value"), "the newest first");
        assertEquals(first, secrets.get(1).getAttribute("value"));

        // regenerating the first token replaces its own secret (the old one no longer works) and keeps the other
        WebElement firstRow = browser.all(testId("pat-row")).stream()
                .filter(row -> row.getText().contains("first uncopied")).findFirst().orElseThrow();
        rowAction(firstRow, "pat-regenerate");
        browser.visible(testId("pat-regenerate-confirm")).click();
        browser.until(d -> !d.findElement(SECRET).getAttribute("value").equals(second));
        List<String> values = browser.all(SECRET).stream().map(e -> e.getAttribute("value")).toList();
        assertEquals(2, values.size(), values.toString());
        String regenerated = SECRETS.remember(values.get(0));
        assertNotEquals(first, regenerated);
        assertEquals(second, values.get(1), "the second token's uncopied secret is kept");
        assertFalse(kc.introspect(first).get("active").asBoolean(), "the replaced secret is dead, so its box left");

        // each box asks for itself
        browser.all(testId("pat-secret-close")).get(0).click();
        browser.visible(testId("pat-discard-confirm")).click();
        browser.until(d -> d.findElements(SECRET).size() == 1);
        assertEquals(second, browser.visible(SECRET).getAttribute("value"));
    }

    private String createInTheForm(String name) {
        browser.visible(testId("pat-create")).click();
        browser.visible(By.id("pat-name")).sendKeys(name);
        browser.visible(By.id("pat-scope-api.read")).click();
        new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("30 days");
        int before = browser.all(SECRET).size();
        browser.visible(testId("pat-submit")).click();
        browser.until(d -> d.findElements(SECRET).size() == before + 1);
        return SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
    }

    /** The secret field holds the whole secret, in a monospace font, wrapped: nothing cut off or scrolled. */
    private void assertWholeInMonospace(String secret, String when) {
        assertTrue(secret.startsWith("kcpat_") && secret.length() == 55, when + ": " + secret.length());
        WebElement field = browser.visible(SECRET);
        String font = (String) browser.js("return getComputedStyle(arguments[0]).fontFamily;", field);
        assertTrue(font.contains("monospace"), when + ": " + font);
        Map<?, ?> box = (Map<?, ?>) browser.js("""
                const e = arguments[0];
                return { scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
                         scrollHeight: e.scrollHeight, clientHeight: e.clientHeight, text: e.value };
                """, field);
        long scrollWidth = ((Number) box.get("scrollWidth")).longValue();
        long clientWidth = ((Number) box.get("clientWidth")).longValue();
        assertTrue(scrollWidth <= clientWidth, when + ": wrapped, not scrolled sideways: " + box);
        assertTrue(clientWidth < 375, when + ": the field fits the phone: " + box);
        assertTrue(((Number) box.get("scrollHeight")).longValue() <= ((Number) box.get("clientHeight")).longValue() + 1,
                when + ": every line is shown: " + box);
        assertEquals(secret, box.get("text"), when + ": the whole secret");
    }

    /**
     * Issue #21: a scope is named by its consent screen text with its name beside it in the form and the list; every
     * date has the one format (long date, short time, the console's locale), a never-used token says "Never"; the form
     * is as narrow as Keycloak's own; the help says what rotation and the realm's rules do, in the user's terms.
     */
    @Test
    void scopesDatesFormWidthAndHelpTextsReadTheSameEverywhere() {
        String policy = DEMO + "/personal-access-tokens/policy";
        int unusedBefore = expect(kc.adminGet(policy), 200).json().path("unusedRevokeDays").asInt(0);
        expect(kc.adminPut(policy, Map.of("unusedRevokeDays", 90)), 200);
        try {
            userId = kc.createUser(DEMO, "ui-reader", "ui-password");
            browser.viewport(1280, 900);
            signInAndOpenTab("ui-reader", "ui-password");
            browser.visible(testId("pat-create")).click();

            double width = ((Number) browser.js("return arguments[0].getBoundingClientRect().width;",
                    browser.visible(By.id("pat-name")))).doubleValue();
            assertTrue(width <= 520, "the name field is not stretched across the page: " + width);

            WebElement readLabel = browser.visible(By.cssSelector("label[for='pat-scope-api.read']"));
            assertEquals("Read your projects", readLabel.findElement(testId("pat-scope-text")).getText().trim());
            assertScopeName(readLabel, "api.read");
            WebElement writeLabel = browser.visible(By.cssSelector("label[for='pat-scope-api.write']"));
            assertEquals("Change your projects", writeLabel.findElement(testId("pat-scope-text")).getText().trim());
            assertScopeName(writeLabel, "api.write");

            String rotateHelp = browser.visible(By.xpath("//*[@id='pat-self-rotate']/ancestor::*[contains(@class,'pf-v5-c-check')][1]"))
                    .getText();
            assertFalse(rotateHelp.contains("/") || rotateHelp.contains("POST"), "no API path for users: " + rotateHelp);
            assertTrue(rotateHelp.contains("new secret") && rotateHelp.contains("expiration date"), rotateHelp);
            String expiryHelp = browser.visible(testId("pat-expiry-helper")).getText();
            assertTrue(expiryHelp.contains("unused for 90 days stops working"), expiryHelp);
            browser.screenshot("create-form-1280");

            browser.visible(By.id("pat-name")).sendKeys("reader");
            readLabel.click();
            writeLabel.click();
            new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("30 days");
            browser.visible(testId("pat-submit")).click();
            String secret = SECRETS.remember(browser.visible(SECRET).getAttribute("value"));

            WebElement row = browser.visible(testId("pat-row"));
            List<WebElement> labels = row.findElements(testId("pat-scope-label"));
            assertEquals(2, labels.size(), row.getText());
            assertEquals("Read your projects", labels.get(0).findElement(testId("pat-scope-text")).getText().trim());
            assertScopeName(labels.get(0), "api.read");
            assertEquals("Change your projects", labels.get(1).findElement(testId("pat-scope-text")).getText().trim());
            assertScopeName(labels.get(1), "api.write");

            String bearer = kc.userToken(DEMO, "demo-cli", "ui-reader", "ui-password", null);
            JsonNode token = expect(Http.get(kc.patApi(DEMO), bearer), 200).json().get(0);
            assertEquals(longDate(token.get("createdAt").asLong()), row.findElement(testId("pat-row-created")).getText());
            assertTrue(row.findElement(testId("pat-row-expires")).getText()
                    .startsWith(longDate(token.get("expiresAt").asLong())), row.getText());
            assertEquals("Never", row.findElement(testId("pat-row-last-used")).getText());
            browser.screenshot("token-list-scopes-and-dates");

            assertTrue(kc.introspect(secret).get("active").asBoolean());
            browser.driver().navigate().refresh();
            WebElement used = browser.visible(testId("pat-row-last-used-at"));
            JsonNode after = expect(Http.get(kc.patApi(DEMO), bearer), 200).json().get(0);
            assertEquals(longDate(after.get("lastUsedAt").asLong()), used.getText());
            // the resource server that introspected it, not the user, used it last: the list says which
            WebElement by = browser.visible(testId("pat-row-last-used-by"));
            assertEquals("by demo-api (introspection)", by.getText());
            assertEquals("introspection", by.getAttribute("data-via"));
        } finally {
            expect(kc.adminPut(policy, Map.of("unusedRevokeDays", unusedBefore)), 200);
        }
    }

    /** Issue #21: a scope whose admin gave it no consent screen text is named by its name alone, in the form and the list. */
    @Test
    void aScopeWithoutConsentTextIsNamedByItsName() {
        String scopePath = DEMO + "/client-scopes/" + kc.clientScopeId(DEMO, "api.write");
        JsonNode original = expect(kc.adminGet(scopePath), 200).json();
        com.fasterxml.jackson.databind.node.ObjectNode plain = original.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) plain.get("attributes")).put("consent.screen.text", "");
        expect(kc.adminPut(scopePath, plain), 204);
        try {
            userId = kc.createUser(DEMO, "ui-plain-scope", "ui-password");
            signInAndOpenTab("ui-plain-scope", "ui-password");
            browser.visible(testId("pat-create")).click();
            WebElement label = browser.visible(By.cssSelector("label[for='pat-scope-api.write']"));
            assertTrue(label.findElements(testId("pat-scope-text")).isEmpty(), label.getText());
            assertScopeName(label, "api.write");
            assertEquals("api.write", label.getText().trim());

            browser.visible(By.id("pat-name")).sendKeys("plain");
            label.click();
            new Select(browser.visible(By.id("pat-expiry"))).selectByVisibleText("7 days");
            browser.visible(testId("pat-submit")).click();
            SECRETS.remember(browser.visible(SECRET).getAttribute("value"));
            WebElement scope = browser.visible(By.cssSelector("[data-testid='pat-row'] [data-testid='pat-scope-label']"));
            assertEquals("api.write", scope.getText().trim());
            assertScopeName(scope, "api.write");
        } finally {
            expect(kc.adminPut(scopePath, original), 204);
        }
    }

    /** The scope's own name, beside its consent text, small and in monospace. */
    private void assertScopeName(WebElement label, String name) {
        WebElement code = label.findElement(testId("pat-scope-name"));
        assertEquals(name, code.getText().trim());
        String font = (String) browser.js("return getComputedStyle(arguments[0]).fontFamily;", code);
        assertTrue(font.contains("monospace"), name + ": " + font);
    }

    /**
     * A Unix time as the page must show it, computed in the browser: long date, short time, in the console's locale
     * (the page's injected environment), the browser's when it has none.
     */
    private String longDate(long seconds) {
        return (String) browser.js("""
                const env = JSON.parse(document.getElementById('environment')?.textContent || '{}');
                return new Intl.DateTimeFormat(env.locale || navigator.language, { dateStyle: 'long', timeStyle: 'short' })
                    .format(new Date(arguments[0] * 1000));
                """, seconds);
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
        SECRETS.remember(browser.visible(By.cssSelector("[data-testid='pat-secret']")).getAttribute("value"));

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
