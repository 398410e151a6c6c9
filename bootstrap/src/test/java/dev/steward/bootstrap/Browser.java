package dev.steward.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through chromedriver — Debian's {@code chromium} and {@code
 * chromium-driver} unless {@code STEWARD_CHROME} / {@code STEWARD_CHROMEDRIVER} name others — and
 * the few moves the portal tests make with it. Screenshots go to {@code
 * target/portal-screenshots/}.
 */
final class Browser implements AutoCloseable {
  static final Path SHOTS = Path.of("target", "portal-screenshots");

  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  /**
   * Opens a browser on Steward's portal. Without Chromium the suite cannot run: on CI that is a
   * failure (CI installs it); elsewhere the tests are skipped, saying so on standard error.
   */
  static Browser open(String baseUrl, int width, int height) {
    String chrome = System.getenv().getOrDefault("STEWARD_CHROME", "/usr/bin/chromium");
    String chromedriver =
        System.getenv().getOrDefault("STEWARD_CHROMEDRIVER", "/usr/bin/chromedriver");
    dev.steward.application.testing.Prerequisites.require(
        new File(chrome).canExecute() && new File(chromedriver).canExecute(),
        "portal browser tests: no Chromium at "
            + chrome
            + " or no chromedriver at "
            + chromedriver
            + " (apt-get install chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chrome);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + width + "," + height,
        "--lang=en-GB");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    return new Browser(driver, baseUrl);
  }

  WebDriver driver() {
    return driver;
  }

  void go(String path) {
    driver.get(base + path);
  }

  void signIn(String login, String password) {
    go("/portal/");
    type(By.id("username"), login);
    type(By.id("password"), password);
    click(By.id("sign-in-button"));
    waitFor(By.id("sign-out"), WebElement::isDisplayed);
  }

  WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  void clickLink(String text) {
    click(By.linkText(text));
  }

  void clickButton(String text) {
    click(button(text));
  }

  static By button(String text) {
    return By.xpath("//button[normalize-space(.)='" + text + "']");
  }

  void type(By by, String text) {
    WebElement e = find(by);
    e.clear();
    e.sendKeys(text);
  }

  /** Waits until the page's main heading reads {@code text}. */
  void heading(String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
  }

  /** Waits until the page shows {@code text} somewhere in its main region. */
  void sees(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), text));
  }

  <T> T waitUntil(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  void waitFor(By by, java.util.function.Predicate<WebElement> test) {
    wait.until(d -> d.findElements(by).stream().anyMatch(test));
  }

  boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  String mainText() {
    return driver.findElement(By.id("main")).getText();
  }

  /** Runs an async script in the page: the last argument is the callback it must call. */
  Object async(String script) {
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
    return driver.executeAsyncScript(script);
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
