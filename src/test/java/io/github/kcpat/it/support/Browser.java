package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no browser or driver is downloaded).
 * Paths come from {@code -Dbrowser.binary} and {@code -Dbrowser.driver}, defaulting to Debian's.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path screenshots;

    public Browser() {
        String binary = System.getProperty("browser.binary", "/usr/bin/chromium");
        String driverPath = System.getProperty("browser.driver", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(binary)) || !Files.isExecutable(Path.of(driverPath))) {
            throw new IllegalStateException("Chromium (" + binary + ") and chromedriver (" + driverPath
                    + ") are needed: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        // the tab asks before a page with a one-time secret on it is left (beforeunload); a test that reloads accepts
        options.setUnhandledPromptBehaviour(org.openqa.selenium.UnexpectedAlertBehaviour.ACCEPT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(driverPath).toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        // a condition that read an element React has just replaced is asked again, not failed
        this.wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        this.screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Signs in on Keycloak's login page, if it is shown. */
    public void login(String username, String password) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Signs in again where Keycloak asks for it (prompt=login): the username may already be known and not asked. */
    public void reauthenticate(String username, String password) {
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        List<WebElement> user = driver.findElements(By.id("username"));
        if (!user.isEmpty() && user.get(0).isDisplayed() && user.get(0).isEnabled()) {
            user.get(0).clear();
            user.get(0).sendKeys(username);
        }
        secret.sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    public WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void gone(By by) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public void until(java.util.function.Function<WebDriver, Boolean> condition) {
        wait.until(condition::apply);
    }

    public static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's errors since the last call (script errors, failed requests). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .toList();
    }

    /** The page's viewport, exactly (CSS pixels), as on a phone (390), a tablet (768) or a desktop (1280). */
    public void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    public Object js(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * The violations axe-core finds in the page as it is now (all of axe's default rules), one line each; empty when
     * there are none. axe-core comes from the account UI's node_modules (a devDependency there).
     */
    public List<String> axeViolations() {
        Path axe = Path.of(System.getProperty("axe.script", "themes/account-ui/node_modules/axe-core/axe.min.js"));
        try {
            js(Files.readString(axe));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is installed by npm ci in themes/account-ui", e);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.flatMap(v => v.nodes.map(n =>
                      v.id + ' (' + v.impact + '): ' + v.help + ' at ' + n.target.join(' ') + ' ' + n.failureSummary))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) result;
        return violations;
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
