package io.calbridge.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed task is seen from any page: the nav's badge leads to it, and the list's banner retries it. */
@CalBridgeTest
class AttentionPagesTest {

	@RegisterExtension
	static Browser browser = new Browser();

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebDriver page;

	@Test
	void theBadgeLeadsToTheFailedTaskAndRetryAllFailedSendsIt() throws IOException {
		WebClient marta = WebClient.signedUp(port, "Marta Lopez");
		ConsentFlow.connect(marta, "ana.souza@example.com", jdbc);
		EmulatorAccess emulator = new EmulatorAccess(port);
		emulator.fault("{\"method\":\"POST\",\"path\":\"calendar/v3/calendars/*/events\",\"status\":403,"
				+ "\"reason\":\"forbiddenForNonOrganizer\",\"count\":1}");
		long id = marta.api("POST", "/api/tasks", Map.of("title", "Call Priya about the renewal", "startAt",
				"2026-12-10T15:00:00+01:00", "endAt", "2026-12-10T15:30:00+01:00", "timeZone", "Europe/Lisbon"))
			.json()
			.get("id")
			.asLong();
		Eventually.until("task failed", Duration.ofSeconds(20), () -> "failed"
			.equals(marta.api("GET", "/api/tasks/" + id, null).json().get("sync").get("state").asString()));

		page = browser.driver();
		page.manage().window().setSize(new Dimension(1280, 1000));
		browser.logIn(port, marta.credentials());

		page.findElement(By.linkText("Integrations")).click();
		waitForPath("/settings/integrations");
		assertThat(page.findElement(By.id("attention-badge")).getText()).isEqualTo("1 needs attention");
		page.findElement(By.id("attention-badge")).click();
		waitForPath("/tasks");
		assertThat(page.getCurrentUrl()).contains("syncState=FAILED", "syncState=CONFLICT");
		assertThat(page.findElement(By.id("attention-banner")).getText()).contains("1 task could not be synced.");
		assertThat(page.findElements(By.linkText("Call Priya about the renewal"))).hasSize(1);
		screenshot("tasks-attention-1280");

		page.manage().window().setSize(new Dimension(390, 900));
		page.navigate().refresh();
		waitForPath("/tasks");
		Object fits = ((JavascriptExecutor) page)
			.executeScript("return document.scrollingElement.scrollWidth <= window.innerWidth");
		screenshot("tasks-attention-390");
		assertThat(fits).as("the list with its banner does not scroll sideways at 390 px").isEqualTo(true);

		page.findElement(By.xpath("//button[normalize-space()='Retry all failed']")).click();
		waitForPath("/tasks");
		assertThat(page.findElement(By.cssSelector("[role=status]")).getText())
			.isEqualTo("Trying the failed task again now.");
		Eventually.until("task synced", Duration.ofSeconds(20), () -> "synced"
			.equals(marta.api("GET", "/api/tasks/" + id, null).json().get("sync").get("state").asString()));
		page.navigate().refresh();
		assertThat(page.findElements(By.id("attention-badge"))).isEmpty();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	private void waitForPath(String path) {
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(driver -> java.net.URI.create(driver.getCurrentUrl()).getPath().equals(path)
					&& "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
	}

}
