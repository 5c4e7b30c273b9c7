package io.calbridge.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the tests of one class ({@code @RegisterExtension static Browser browser = new Browser()}):
 * Debian's {@code chromium} driven through its own {@code chromedriver}, so Selenium Manager downloads nothing.
 * <p>
 * Without them installed the browser tests are skipped locally, with a loud message; with {@code CI=true} they fail,
 * so a CI machine that lost its browser cannot pass by testing less. On a failure the page's screenshot and HTML go
 * to {@code target/browser-failures/}.
 */
public class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

	static final Path CHROMIUM = Path.of(System.getProperty("calbridge.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("calbridge.chromedriver", "/usr/bin/chromedriver"));

	static final Path FAILURES = Path.of("target", "browser-failures");

	private WebDriver driver;

	private Path profile;

	public WebDriver driver() {
		if (driver == null) {
			throw new IllegalStateException("The browser has not started: register Browser as a static extension");
		}
		return driver;
	}

	/** Logs the browser in as someone who signed up over HTTP, on the login page as a person would. */
	public void logIn(int port, io.calbridge.WebClient.Credentials person) {
		WebDriver page = driver();
		page.get("http://localhost:" + port + "/login");
		page.findElement(org.openqa.selenium.By.id("username")).sendKeys(person.email());
		page.findElement(org.openqa.selenium.By.id("password")).sendKeys(person.password());
		page.findElement(org.openqa.selenium.By.xpath("//button[normalize-space()='Log in']")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(page, Duration.ofSeconds(10))
			.until(driver -> java.net.URI.create(driver.getCurrentUrl()).getPath().equals("/tasks"));
	}

	/**
	 * Narrows the window to a phone's 390 px, checks that the page shown does not scroll sideways there, and puts
	 * the window back: what a person on a phone sees of the same page, without reloading it.
	 */
	public void assertFitsAPhone(String what) {
		WebDriver page = driver();
		org.openqa.selenium.Dimension before = page.manage().window().getSize();
		page.manage().window().setSize(new org.openqa.selenium.Dimension(390, 900));
		try {
			JavascriptExecutor js = (JavascriptExecutor) page;
			new org.openqa.selenium.support.ui.WebDriverWait(page, Duration.ofSeconds(5))
				.until(d -> ((Number) js.executeScript("return window.innerWidth")).intValue() <= 390);
			Object widths = js.executeScript(
					"return document.scrollingElement.scrollWidth + ' px of content in ' + window.innerWidth + ' px'");
			org.assertj.core.api.Assertions
				.assertThat(js.executeScript("return document.scrollingElement.scrollWidth <= window.innerWidth"))
				.as(what + " scrolls sideways at 390 px: " + widths)
				.isEqualTo(true);
		}
		finally {
			page.manage().window().setSize(before);
		}
	}

	/** Errors in the browser's console since the last call: refused scripts, script exceptions, failed loads. */
	public java.util.List<String> consoleErrors() {
		return driver().manage()
			.logs()
			.get(org.openqa.selenium.logging.LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(entry -> entry.getMessage())
			.toList();
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		Optional<String> missing = missing();
		if (missing.isPresent()) {
			String message = "Browser tests need " + missing.get()
					+ " (Debian: apt-get install -y chromium chromium-driver; .ci/run does this).";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true and " + message);
			}
			System.err.println("\n" + "!".repeat(100) + "\n!!! SKIPPING " + context.getDisplayName() + ": " + message
					+ "\n" + "!".repeat(100) + "\n");
			Assumptions.abort(message);
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		profile = Files.createTempDirectory("calbridge-chromium-");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			// Flags that work as root in a container (see shared/TOOLCHAIN.md); a fresh profile per run.
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
					"--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,1000", "--lang=en-US", "--user-data-dir=" + profile);
		// The console, to see what the Content-Security-Policy refused and any script error.
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		if (driver == null) {
			return;
		}
		String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		try {
			Files.createDirectories(FAILURES);
			Path screenshot = FAILURES.resolve(name + ".png");
			Files.write(screenshot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
			Path source = FAILURES.resolve(name + ".html");
			Files.writeString(source, "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(),
					StandardCharsets.UTF_8);
			System.err.println("Browser test failed on " + driver.getCurrentUrl() + "; screenshot " + screenshot
					+ ", page " + source);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Could not keep the failed page: " + ex);
		}
	}

	private static Optional<String> missing() {
		if (!Files.isExecutable(CHROMIUM)) {
			return Optional.of(CHROMIUM + " (not found)");
		}
		if (!Files.isExecutable(CHROMEDRIVER)) {
			return Optional.of(CHROMEDRIVER + " (not found)");
		}
		return Optional.empty();
	}

}
