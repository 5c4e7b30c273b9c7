package io.calbridge.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first session in a real Chromium, in the default local setup (the built-in emulator plays Google):
 * sign up, add the emulator integration, connect Ana's calendar on the consent page, create a task with guests and
 * Meet and see it synced, rename the event on the emulator's calendar page and see the task follow, make a
 * conflict and settle it, send the CRM's existing tasks with the progress bar, delete the task, disconnect.
 * Clicks and typing on the pages; the test itself only loses Google's notifications (to make the conflict), slows
 * Google's batch answers (to see the bar move) and plays the CRM's earlier data import.
 */
@CalBridgeTest
class FirstCalendarJourneyTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebDriver page;

	EmulatorAccess emulator;

	@AfterEach
	void clearFaults() {
		new EmulatorAccess(port).clearFaults();
	}

	@Test
	void signUpConnectTheEmulatedCalendarAndWorkWithATask() {
		page = browser.driver();
		emulator = new EmulatorAccess(port);
		String email = WebClient.uniqueEmail("marta.lopez");

		// Sign up (cookies and OAuth redirects are per host: localhost, as a person opens it)
		page.get("http://localhost:" + port + "/signup");
		type(By.id("displayName"), "Marta López");
		type(By.id("email"), email);
		type(By.id("password"), "correct horse battery");
		click(By.xpath("//button[normalize-space()='Sign up']"));
		waitForPath("/login");
		type(By.id("username"), email);
		type(By.id("password"), "correct horse battery");
		click(By.xpath("//button[normalize-space()='Log in']"));
		waitForPath("/tasks");
		assertThat(text()).contains("Marta López", "Google is played by the built-in emulator here");

		// Settings → Integrations → the built-in emulator
		click(By.linkText("Integrations"));
		waitForPath("/settings/integrations");
		click(By.xpath("//button[normalize-space()='Use the built-in Google emulator']"));
		waitForPath("/settings/calendar");
		assertThat(flash()).contains("Emulator integration added");

		// Settings → Calendar → Connect → the emulator's consent page → Allow
		click(By.linkText("Calendar"));
		waitForPath("/settings/calendar");
		click(By.xpath("//button[starts-with(normalize-space(), 'Connect with')]"));
		waitForPath("/emulator/google/o/oauth2/v2/auth");
		click(By.cssSelector("input[type=radio][name=account][value='ana.souza@example.com']"));
		click(By.xpath("//button[@value='allow']"));
		waitForPath("/settings/calendar");
		assertThat(flash()).contains("Connected ana.souza@example.com.");
		assertThat(text()).contains("ana.souza@example.com", "Ana — Client meetings", "Disconnect");

		// A task with guests and Meet
		click(By.linkText("Tasks"));
		waitForPath("/tasks");
		click(By.linkText("New task"));
		waitForPath("/tasks/new");
		type(By.id("title"), "Quarterly review with Ana");
		new Select(page.findElement(By.id("type"))).selectByVisibleText("Meeting");
		new Select(page.findElement(By.id("priority"))).selectByVisibleText("High");
		type(By.id("timeZone"), "America/Sao_Paulo");
		type(By.id("contactName"), "Ana Souza");
		type(By.id("attendees"), "Ana Souza <ana.souza@example.com>\nben.keller@example.com");
		WebElement meet = page.findElement(By.cssSelector("input[type=checkbox][name=includeGoogleMeet]"));
		assertThat(meet.isSelected()).isFalse();
		click(By.xpath("//label[contains(normalize-space(), 'Add a Google Meet link')]"));
		assertThat(meet.isSelected()).isTrue();
		click(By.xpath("//button[normalize-space()='Create task']"));
		waitForText("Task created.");
		String taskPage = page.getCurrentUrl();
		assertThat(text()).contains("Quarterly review with Ana", "ana.souza@example.com", "ben.keller@example.com",
				"America/Sao_Paulo", "Google Meet");
		browser.assertFitsAPhone("the new task's page");

		// It reaches Google Calendar: the page shows when, and the Meet link Google made
		reloadUntil(taskPage, "synced at");
		reloadUntil(taskPage, "meet.google.com");

		// In the list, and back to its page
		click(By.linkText("← All tasks"));
		waitForPath("/tasks");
		click(By.linkText("Quarterly review with Ana"));
		waitForText("Edit");

		// Someone renames the event in (emulated) Google Calendar; the task follows, pushed, with no click here
		renameInGoogle("Quarterly review with Ana", "Quarterly review with Ana (Lisbon office)");
		reloadUntil(taskPage, "Quarterly review with Ana (Lisbon office)");
		assertThat(text()).contains("synced at");

		// A conflict: Google's notification is lost while both sides rename the same meeting
		emulator.fault("{\"push\":\"drop\",\"count\":1000}");
		renameInGoogle("Quarterly review with Ana (Lisbon office)", "Quarterly review (Lisbon, 2nd floor)");
		page.get(taskPage);
		click(By.linkText("Edit"));
		type(By.id("title"), "Quarterly review with Ana (Porto office)");
		click(By.xpath("//button[normalize-space()='Save changes']"));
		waitForText("Task saved.");
		reloadUntil(taskPage, "changed both here and in Google");
		emulator.clearFaults();

		// ... shown side by side, and settled by keeping Google's title
		click(By.linkText("Resolve the conflict"));
		waitForText("Both sides changed this task");
		assertThat(text()).contains("Quarterly review with Ana (Lisbon office)",
				"Quarterly review with Ana (Porto office)", "Quarterly review (Lisbon, 2nd floor)");
		browser.assertFitsAPhone("the conflict page");
		click(By.cssSelector("input[type=radio][name=pick_title][value=google]"));
		click(By.xpath("//button[normalize-space()='Apply my choices']"));
		reloadUntil(taskPage, "synced at");
		assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Quarterly review (Lisbon, 2nd floor)");
		assertThat(text()).doesNotContain("Resolve the conflict");
		page.get(base() + "/emulator/calendar?account=ana.souza@example.com");
		assertThat(eventsTitled("Quarterly review (Lisbon, 2nd floor)")).hasSize(1);
		assertThat(eventsTitled("Quarterly review with Ana (Porto office)")).isEmpty();

		// The CRM's existing tasks, sent all at once, with a progress bar that moves
		existingTasks(email, 150);
		emulator.fault("{\"method\":\"POST\",\"path\":\"batch/**\",\"latencyMs\":1500}");
		page.get(base() + "/settings/calendar");
		click(By.xpath("//button[normalize-space()='Sync all existing tasks']"));
		waitForText("150 tasks queued for Google Calendar.");
		java.util.Set<Long> seen = new java.util.TreeSet<>();
		// The bar is swapped in anew as the server answers (htmx), so it is looked up on every look.
		By bar = By.cssSelector(".sync-progress progress");
		new WebDriverWait(page, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(100))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(driver -> {
				WebElement now = driver.findElement(bar);
				String value = now.getDomProperty("value");
				String max = now.getDomProperty("max");
				seen.add(Math.round(Double.parseDouble(value)));
				return Double.parseDouble(max) >= 150 && value.equals(max);
			});
		emulator.clearFaults();
		assertThat(seen).as("values the bar showed").anyMatch(value -> value > 0 && value < 150);
		String total = page.findElement(bar).getDomProperty("max").replaceAll("\\.0$", "");
		assertThat(page.findElement(By.cssSelector(".sync-progress .muted")).getText())
			.startsWith(total + " of " + total + " tasks in Google Calendar");

		// Delete the meeting, after the confirmation page
		page.get(taskPage);
		click(By.linkText("Delete…"));
		waitForText("Keep it");
		click(By.xpath("//button[normalize-space()='Delete task']"));
		waitForPath("/tasks");
		assertThat(flash()).contains("deleted");
		assertThat(page.findElements(By.linkText("Quarterly review (Lisbon, 2nd floor)"))).isEmpty();

		// Disconnect, keeping the events, confirming the browser's question
		click(By.linkText("Calendar"));
		waitForPath("/settings/calendar");
		assertThat(page.findElement(By.cssSelector("input[type=radio][name=events][value=keep]")).isSelected()).isTrue();
		click(By.xpath("//button[normalize-space()='Disconnect']"));
		new WebDriverWait(page, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
		assertThat(page.switchTo().alert().getText()).startsWith("Disconnect this Google account?");
		page.switchTo().alert().accept();
		waitForText("Disconnected ana.souza@example.com.");
		assertThat(page.findElements(By.xpath("//button[normalize-space()='Disconnect']"))).isEmpty();

		assertThat(browser.consoleErrors()).as("nothing the Content-Security-Policy refused, no script error")
			.isEmpty();
	}

	// --- in (emulated) Google Calendar ---

	/** On the emulator's calendar page, showing Ben's: switch to Ana's account in the menu, open the event, rename it. */
	private void renameInGoogle(String title, String newTitle) {
		page.get(base() + "/emulator/calendar?account=ben.keller@example.com");
		new Select(page.findElement(By.name("account"))).selectByValue("ana.souza@example.com");
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(driver -> driver.getCurrentUrl().contains("account=ana.souza%40example.com")
					|| driver.getCurrentUrl().contains("account=ana.souza@example.com"));
		List<WebElement> events = eventsTitled(title);
		assertThat(events).as("events titled " + title).hasSize(1);
		WebElement event = events.get(0);
		event.findElement(By.tagName("summary")).click();
		WebElement summary = event.findElement(By.name("summary"));
		summary.clear();
		summary.sendKeys(newTitle);
		event.findElement(By.xpath(".//button[normalize-space()='Save']")).click();
		new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> !eventsTitled(newTitle).isEmpty());
	}

	private List<WebElement> eventsTitled(String title) {
		return page.findElements(By.xpath("//article[contains(@class,'event')][.//strong[normalize-space()=" + literal(title)
				+ "]]"));
	}

	private static String literal(String text) {
		return "'" + text + "'";
	}

	/** Tasks the CRM held before any calendar was connected, as a data import leaves them. */
	private void existingTasks(String email, int count) {
		long user = jdbc.queryForObject("select id from users where email = ?", Long.class, email);
		List<Object[]> rows = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { user, "Call back lead #" + (i + 1),
					java.sql.Timestamp.from(java.time.Instant.parse("2027-02-01T12:00:00Z").plusSeconds(1800L * i)),
					java.sql.Timestamp.from(java.time.Instant.parse("2027-02-01T12:15:00Z").plusSeconds(1800L * i)) });
		}
		jdbc.batchUpdate("insert into crm_tasks (user_id, title, type, start_at, end_at, time_zone, sync_to_calendar, "
				+ "sync_state) values (?, ?, 'CALL', ?, ?, 'Europe/Lisbon', true, 'NONE')", rows);
	}

	private String base() {
		return "http://localhost:" + port;
	}

	// --- what a person does ---

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

	private void waitForText(String text) {
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
	}

	/** Reloads the page until it shows {@code text}: the sync works in the background, pages do not poll. */
	private void reloadUntil(String url, String text) {
		new WebDriverWait(page, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(300)).until(driver -> {
			driver.get(url);
			return text().contains(text);
		});
	}

	private String text() {
		return page.findElement(By.tagName("body")).getText();
	}

	private String flash() {
		List<WebElement> flash = page.findElements(By.cssSelector("[role=status], [role=alert]"));
		return flash.isEmpty() ? "" : flash.get(0).getText();
	}

}
