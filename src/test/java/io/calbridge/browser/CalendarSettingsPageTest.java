package io.calbridge.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings → Calendar names calendars as Google does, and fits a phone without scrolling sideways. */
@CalBridgeTest
class CalendarSettingsPageTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void calendarsReadByNameAndThePageFitsAPhone() throws IOException {
		WebClient omar = WebClient.signedUp(port, "Omar Haddad");
		long connection = ConsentFlow.connect(omar, "ben.keller@example.com", jdbc);
		Eventually.until("every followed calendar read once", java.time.Duration.ofSeconds(15),
				() -> jdbc.queryForObject("select bool_and(last_full_sync_at is not null) from calendar_syncs "
						+ "where connection_id = ?", Boolean.class, connection));
		WebDriver page = browser.driver();
		page.manage().window().setSize(new Dimension(1280, 2600));
		browser.logIn(port, omar.credentials());
		page.get("http://localhost:" + port + "/settings/calendar");

		String table = page.findElement(By.cssSelector("table.push-status")).getText();
		assertThat(table).contains("Ben — Field visits", "Holidays in United States")
			.doesNotContain("@group.calendar.google.com", "en.usa#holiday");
		assertThat(table).containsPattern("channel open until \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} \\([A-Za-z_/]+\\)");
		screenshot(page, "settings-calendar-1280");

		page.manage().window().setSize(new Dimension(390, 3200));
		page.navigate().refresh();
		screenshot(page, "settings-calendar-390");
		assertThat(((JavascriptExecutor) page)
			.executeScript("return document.scrollingElement.scrollWidth <= window.innerWidth"))
			.as("no sideways scrolling at 390 px")
			.isEqualTo(true);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	private static void screenshot(WebDriver page, String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
	}

}
