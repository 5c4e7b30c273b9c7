package io.calbridge.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.WebClient;
import io.calbridge.sync.MixedCalendar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person with import on disconnects and removes CalBridge's events, in a real Chromium: the settings page leads to
 * a page that says, with real counts, what will be removed and what stays; the answer gives the same counts, and
 * the imported events are still in Google Calendar.
 */
@CalBridgeTest
class DisconnectAfterImportJourneyTest {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void disconnectWithRemovalSaysWhatItWillDoAndThenDoesOnlyThat() throws IOException {
		MixedCalendar calendar = MixedCalendar.prepare(port, jdbc, WebClient.signedUp(port, "Hana Sato"));
		long imported = jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and event_origin = "
				+ "'GOOGLE' and deleted_at is null", Long.class, calendar.user());
		String email = jdbc.queryForObject("select email from users where id = ?", String.class, calendar.user());
		WebDriver page = browser.driver();
		String base = "http://localhost:" + port;

		page.get(base + "/login");
		page.findElement(By.id("username")).sendKeys(email);
		page.findElement(By.id("password")).sendKeys("correct horse battery");
		page.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
		wait(page).until(ExpectedConditions.urlContains("/tasks"));
		// On the way: the delete page of an imported invitation offers to decline it, nothing more, unticked.
		page.get(base + "/tasks/" + calendar.invitationTask() + "/delete");
		assertThat(page.findElement(By.tagName("main")).getText()).contains("the event stays in Google Calendar",
				"Also decline it in Google Calendar");
		assertThat(page.findElement(By.name("event")).isSelected()).isFalse();
		browser.assertFitsAPhone("the delete page of an invitation");
		screenshot(page, "delete-invitation-1280", 1280);
		screenshot(page, "delete-invitation-390", 390);
		page.manage().window().setSize(new Dimension(1280, 900));
		page.findElement(By.linkText("Calendar")).click();
		wait(page).until(ExpectedConditions.urlContains("/settings/calendar"));
		page.findElement(By.cssSelector("input[type=radio][name=events][value=remove]")).click();
		page.findElement(By.xpath("//button[normalize-space()='Disconnect']")).click();

		// No browser dialog first: the next page asks, with the counts, and nothing has happened yet.
		wait(page).until(ExpectedConditions.urlContains("/settings/calendar/disconnect/" + calendar.connection()));
		assertThat(page.findElement(By.id("removal-made")).getText())
			.isEqualTo("3 events CalBridge made will be removed; 1 of them has guests.");
		assertThat(page.findElement(By.id("removal-kept")).getText())
			.startsWith(imported + " imported events stay in your calendar");
		assertThat(page.findElement(By.name("tellGuests")).isSelected()).as("unticked by default").isFalse();
		browser.assertFitsAPhone("the disconnect preview");
		screenshot(page, "disconnect-preview-1280", 1280);
		screenshot(page, "disconnect-preview-390", 390);
		page.manage().window().setSize(new Dimension(1280, 900));

		new EmulatorAccess(port).clearMail();
		page.findElement(By.xpath("//button[normalize-space()='Disconnect and remove 3 events']")).click();

		wait(page).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
				"Disconnected"));
		assertThat(page.findElement(By.cssSelector("[role=status]")).getText()).contains(
				"3 events CalBridge made were removed from Google Calendar; 1 of them had guests, who were not mailed.",
				imported + " events imported from Google stay in your calendar, untouched.");
		screenshot(page, "disconnect-done-1280", 1280);
		browser.assertFitsAPhone("the disconnect's answer");
		com.google.api.services.calendar.Calendar google = new EmulatorAccess(port).calendarOf(calendar.account());
		for (String eventId : calendar.madeInGoogle()) {
			assertThat(MixedCalendar.statusIn(google, calendar.account(), eventId)).isEqualTo("confirmed");
		}
		assertThat(new EmulatorAccess(port).mail()).isEmpty();

		// The emulated Google Calendar shows the mail a write with sendUpdates=all caused.
		new EmulatorAccess(port).calendarOf(MixedCalendar.ANA).events().insert(MixedCalendar.ANA,
				new com.google.api.services.calendar.model.Event().setSummary("Renewal talk")
					.setStart(new com.google.api.services.calendar.model.EventDateTime()
						.setDateTime(new com.google.api.client.util.DateTime(System.currentTimeMillis() + 86_400_000L)))
					.setEnd(new com.google.api.services.calendar.model.EventDateTime()
						.setDateTime(new com.google.api.client.util.DateTime(System.currentTimeMillis() + 90_000_000L)))
					.setAttendees(java.util.List.of(new com.google.api.services.calendar.model.EventAttendee()
						.setEmail(MixedCalendar.CARLA))))
			.setSendUpdates("all").execute();
		page.get(base + "/emulator/calendar?account=" + MixedCalendar.ANA);
		assertThat(page.findElement(By.id("mail-sent")).getText()).contains("Mail Google sent (1)",
				MixedCalendar.CARLA, "invitation");
		screenshot(page, "emulator-mail-1280", 1280);
		screenshot(page, "emulator-mail-390", 390);
		assertThat(browser.consoleErrors()).isEmpty();
	}

	private static WebDriverWait wait(WebDriver page) {
		return new WebDriverWait(page, Duration.ofSeconds(15));
	}

	/** The page at {@code width} px, kept under target/screenshots for a person to look at. */
	private static void screenshot(WebDriver page, String name, int width) throws IOException {
		page.manage().window().setSize(new Dimension(width, 900));
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
	}

}
