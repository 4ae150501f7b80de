package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them):
 * it loads over HTTPS as the operator, shows the other domain connected, and its form sends an IM that
 * appears in the other domain's console. Saves a screenshot under target/.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {
    private static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ReferenceApi alpha = new ReferenceApi("con-alpha");
    private final ReferenceApi beta = new ReferenceApi("con-beta");
    private ChromeDriver browser;

    @Deployment(name = "con-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("con-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("con-beta").toString())
                .peer(ProbePeer.DOMAIN, ProbePeer.url(), "retryMinMillis", 100, "retryMaxSeconds", 1)
                .set("quarantineAfterDrops", 1));
    }

    @Deployment(name = "con-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("con-beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", ItEnv.ssp("con-alpha").toString()));
    }

    @BeforeEach
    void startBrowser() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium is not installed (apt-get install chromium chromium-driver, as .ci/run does)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400");
        options.setAcceptInsecureCerts(true); // the test CA is not in Chromium's store
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
        String credentials = OperatorClient.user() + ":" + OperatorClient.password();
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theConsoleShowsThePeerConnectedAndItsFormSendsAnImThatArrivesInTheOtherDomain() throws Exception {
        // beta greets alpha first, so alpha's console has a peer with a session to show
        assertEquals(200, ReferenceApi.statusCode(beta.sendMessage("bob", "wv:alice@alpha.test", "hello console")));
        browser.get("https://127.0.0.1:" + ItEnv.httpsPort() + "/con-alpha/admin/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(b -> b.findElement(By.id("domain")).getText().equals("alpha.test"));
        wait.until(b -> b.findElement(By.cssSelector("#peers tbody")).getText().matches("(?s).*beta\\.test UP.*PROVIDER · on .*"));
        wait.until(b -> b.findElement(By.cssSelector("#nodes tbody")).getText().matches("(?s).*\\(this node\\).*live.*"));

        String text = "from the console " + UUID.randomUUID();
        browser.findElement(By.name("from")).sendKeys("alice");
        browser.findElement(By.name("to")).sendKeys("wv:bob@beta.test");
        browser.findElement(By.name("text")).sendKeys(text);
        browser.findElement(By.cssSelector("#send button")).click();
        wait.until(b -> b.findElement(By.id("result")).getText().startsWith("Status 200"));
        wait.until(b -> b.findElement(By.cssSelector("#recent tbody")).getText().contains("SendMessageResponse"));
        Path shot = Path.of("target", "console-" + ItEnv.server() + ".png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        browser.get(ItEnv.base("con-beta").toString());
        wait.until(b -> b.findElement(By.cssSelector("#inbox tbody")).getText().contains(text));

        BufferedImage image = ImageIO.read(shot.toFile());
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 800, image.getWidth() + "x" + image.getHeight());
        assertTrue(distinctColours(image) > 20, "the screenshot shows a rendered page, not a blank one");
    }

    @Test
    void theCheckPageRunsAFederationCheckAndShowsEachStepsVerdict() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("https://127.0.0.1:" + ItEnv.httpsPort() + "/con-alpha/admin/check.html");
        browser.findElement(By.cssSelector("#check [name=domain]")).sendKeys("beta.test");
        browser.findElement(By.cssSelector("#check [name=user]")).sendKeys("bob");
        browser.findElement(By.cssSelector("#check button")).click();
        wait.until(b -> !b.findElement(By.id("verdict")).getText().isEmpty());
        assertEquals("PASS", browser.findElement(By.id("verdict")).getText(),
                browser.findElement(By.id("report-text")).getText());
        String steps = browser.findElement(By.cssSelector("#steps tbody")).getText();
        for (String step : List.of("Discovery PASS", "Reachability PASS", "SSP session PASS", "Transport PASS",
                "Round trip PASS")) {
            assertTrue(steps.contains(step), step + " in " + steps);
        }
        assertTrue(browser.findElement(By.id("report-text")).getText().startsWith("Federation check of beta.test"));
        Files.write(Path.of("target", "check-" + ItEnv.server() + ".png"), browser.getScreenshotAs(OutputType.BYTES));

        // the other direction: beta starts no session within the second we wait (FAIL, or WARN if it holds one)
        new Select(browser.findElement(By.cssSelector("#check [name=initiator]"))).selectByValue("peer");
        WebElement seconds = browser.findElement(By.cssSelector("#check [name=waitSeconds]"));
        seconds.clear();
        seconds.sendKeys("1");
        browser.findElement(By.cssSelector("#check button")).click();
        wait.until(b -> !b.findElement(By.id("verdict")).getText().equals("PASS"));
        String waited = browser.findElement(By.cssSelector("#steps tbody")).getText();
        assertTrue(waited.matches("(?s).*SSP session (FAIL|WARN).*") && waited.contains("did not start a session"
                + " establishment within 1 s"), waited);
    }

    @Test
    void theUserConsoleSubscribesInvitesAndSetsPresenceAcrossDomains() throws Exception {
        String note = "from the browser " + UUID.randomUUID();
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.get(ItEnv.base("con-beta").toString());
        wait.until(b -> b.findElement(By.id("domain")).getText().equals("beta.test"));
        browser.findElement(By.cssSelector("#follow [name=from]")).sendKeys("bob");
        browser.findElement(By.cssSelector("#follow [name=to]")).sendKeys("wv:alice@alpha.test");
        browser.findElement(By.cssSelector("#follow [name=text]")).sendKeys(note);
        browser.findElement(By.cssSelector("#follow button[value=subscriptions]")).click();
        wait.until(b -> b.findElement(By.id("follow-result")).getText().startsWith("Subscribe to presence: Status 200"));
        browser.findElement(By.cssSelector("#follow button[value=invitations]")).click();
        wait.until(b -> b.findElement(By.id("follow-result")).getText().matches("Invite: Status 200.*invite id .+"));

        browser.get(ItEnv.base("con-alpha").toString());
        wait.until(b -> b.findElement(By.cssSelector("#invitations tbody")).getText().contains(note));
        browser.findElement(By.cssSelector("#presence [name=user]")).sendKeys("alice");
        browser.findElement(By.cssSelector("#presence [name=statusText]")).sendKeys(note);
        browser.findElement(By.cssSelector("#presence button")).click();
        wait.until(b -> b.findElement(By.id("presence-result")).getText().startsWith("notified 1 domain(s): Status 200"));

        browser.get(ItEnv.base("con-beta").toString());
        wait.until(b -> b.findElement(By.cssSelector("#known-presence tbody")).getText().contains(note));
        Files.write(Path.of("target", "user-console-" + ItEnv.server() + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theOperatorSeesAQuarantinedMessageInTheConsoleAndDropsIt() throws Exception {
        try (ProbePeer probe = new ProbePeer(ItEnv.ssp("con-alpha"))) {
            probe.crashOn(t -> t.getPayload() instanceof org.openimps.ssp.wire.SendMessageRequest);
            java.util.concurrent.CompletableFuture<Integer> poison =
                    alpha.sendMessageAsync("alice", "wv:tester@" + ProbePeer.DOMAIN, "[poison] console");
            browser.get("https://127.0.0.1:" + ItEnv.httpsPort() + "/con-alpha/admin/");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            wait.until(b -> b.findElement(By.cssSelector("#waiting tbody")).getText().contains("QUARANTINED"));
            assertTrue(browser.findElement(By.cssSelector("#peers tbody")).getText().contains("1 quarantined"));
            Files.write(Path.of("target", "console-quarantine-" + ItEnv.server() + ".png"),
                    browser.getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.cssSelector("#waiting button.drop")).click();
            wait.until(b -> b.findElement(By.id("waiting-result")).getText().contains("HTTP 200"));
            assertEquals(410, poison.get(20, java.util.concurrent.TimeUnit.SECONDS));
            wait.until(b -> b.findElement(By.cssSelector("#waiting tbody")).getText().isEmpty());
        }
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
