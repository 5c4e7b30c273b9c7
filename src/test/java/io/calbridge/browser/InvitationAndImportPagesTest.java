package io.calbridge.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real Chromium: turning import on shows what came in under the setting (written by the page's script from
 * the status endpoint), and the edit form of an imported invitation shows the organizer's fields disabled with
 * the reason, while the notes can be changed and saved. Screenshots at desktop and phone width go to
 * {@code target/screenshots/} for a person to look at.
 */
@CalBridgeTest
class InvitationAndImportPagesTest {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebDriver page;

	@Test
	void importLineSaysWhatCameInAndAnInvitationsFormLocksTheOrganizersFields() throws IOException {
		page = browser.driver();
		EmulatorAccess emulator = new EmulatorAccess(port);
		emulator.post("/emulator/admin/reset", "{}");
		String eventId = "offsite" + Long.toString(System.nanoTime(), 32).replaceAll("[^0-9a-v]", "");
		LocalDate day = LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(9);
		emulator.addEventAsOtherUser("ana.souza@example.com", """
				{"id":"%s","summary":"Partner offsite planning","description":"Agenda: venues, dates.",
				 "organizer":{"email":"bob.lindqvist@partner.example","displayName":"Bob Lindqvist"},
				 "attendees":[{"email":"bob.lindqvist@partner.example","organizer":true,"responseStatus":"accepted"},
				              {"email":"ana.souza@example.com","responseStatus":"accepted"}],
				 "start":{"dateTime":"%sT14:00:00+01:00","timeZone":"Europe/Stockholm"},
				 "end":{"dateTime":"%sT15:00:00+01:00","timeZone":"Europe/Stockholm"}}""".formatted(eventId, day, day));

		page.manage().window().setSize(new Dimension(1280, 1000));
		// Sign-up logs nobody in (it answers a taken email alike): the person logs in next.
		browser.logIn(port, WebClient.signedUp(port, "Ana Souza").credentials());
		click(By.linkText("Integrations"));
		click(By.xpath("//button[normalize-space()='Use the built-in Google emulator']"));
		waitForPath("/settings/calendar");
		click(By.xpath("//button[starts-with(normalize-space(), 'Connect with')]"));
		waitForPath("/emulator/google/o/oauth2/v2/auth");
		click(By.cssSelector("input[type=radio][name=account][value='ana.souza@example.com']"));
		click(By.xpath("//button[@value='allow']"));
		waitForPath("/settings/calendar");

		click(By.cssSelector("input[type=checkbox][name=importExternalEvents]"));
		click(By.xpath("//button[normalize-space()='Save settings']"));
		waitForPath("/settings/calendar");
		new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions
			.textMatches(By.cssSelector(".import-status"), java.util.regex.Pattern.compile("events imported from")));
		String line = page.findElement(By.cssSelector(".import-status")).getText();
		long imported = jdbc.queryForObject("select count(*) from crm_tasks where imported_from_google and "
				+ "google_calendar_id = 'ana.souza@example.com' and user_id = (select user_id from crm_tasks "
				+ "where google_event_id = ?)", Long.class, eventId);
		assertThat(line).startsWith(imported + " events imported from ana.souza@example.com (1 recurring series as ");
		screenshot("settings-import-line", page.findElement(By.cssSelector(".import-status")));
		browser.assertFitsAPhone("Settings → Calendar with its import line");

		long taskId = jdbc.queryForObject("select id from crm_tasks where google_event_id = ?", Long.class, eventId);
		page.manage().window().setSize(new Dimension(1280, 1000));
		page.get("http://localhost:" + port + "/tasks/" + taskId + "/edit");
		assertThat(page.findElement(By.cssSelector(".read-only-note")).getText())
			.startsWith("This is an invitation from bob.lindqvist@partner.example; Google lets only the organizer");
		for (String locked : List.of("title", "startDate", "startTime", "endTime", "timeZone", "description",
				"attendees", "calendarId")) {
			assertThat(page.findElement(By.id(locked)).isEnabled()).as(locked).isFalse();
		}
		assertThat(page.findElement(By.id("title")).getAttribute("value")).isEqualTo("Partner offsite planning");
		assertThat(page.findElement(By.id("startTime")).getAttribute("value")).isEqualTo("14:00");
		screenshot("invitation-form", null);
		browser.assertFitsAPhone("an invitation's form");

		page.manage().window().setSize(new Dimension(1280, 1000));
		type(By.id("notes"), "Bob prefers Gothenburg; check train times.");
		click(By.xpath("//button[normalize-space()='Save changes']"));
		waitForPath("/tasks/" + taskId);
		assertThat(page.findElement(By.tagName("body")).getText()).contains("Task saved.",
				"Bob prefers Gothenburg; check train times.", "This is an invitation from bob.lindqvist@partner.example");
	}

	/** The page at 1280 and 390 px wide (the element scrolled into view, if given). */
	private void screenshot(String name, WebElement focus) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		for (int width : new int[] { 1280, 390 }) {
			page.manage().window().setSize(new Dimension(width, 1000));
			if (focus != null) {
				((org.openqa.selenium.JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block:'center'})",
						focus);
			}
			Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"),
					((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
		}
	}

	private void type(By field, String text) {
		WebElement input = page.findElement(field);
		input.clear();
		input.sendKeys(text);
	}

	private void click(By target) {
		new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(target)).click();
	}

	private void waitForPath(String path) {
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(driver -> java.net.URI.create(driver.getCurrentUrl()).getPath().equals(path)
					&& "complete".equals(((org.openqa.selenium.JavascriptExecutor) driver)
						.executeScript("return document.readyState")));
	}

}
