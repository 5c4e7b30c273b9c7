package io.calbridge.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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

/**
 * Every page a person reaches, signed in and out, at a desktop (1280 px) and a phone (390 px) width: none scrolls
 * sideways, and each is kept as a screenshot under {@code target/screenshots/} for a person to look at.
 */
@CalBridgeTest
class EveryPageScreenshotsTest {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static final String ACCOUNT = "ana.souza@example.com";

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noPageScrollsSidewaysAtDesktopOrPhoneWidth() throws Exception {
		new EmulatorAccess(port).post("/emulator/admin/reset", "{}");
		WebDriver page = browser.driver();
		Map<String, String> signedOut = new LinkedHashMap<>();
		signedOut.put("sign-in", "/login");
		signedOut.put("sign-up", "/signup");
		signedOut.put("home", "/");
		List<String> overflowing = new ArrayList<>(visitAll(page, signedOut));

		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		WebClient.Response saved = ana.postForm("/settings/calendar/settings/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", ACCOUNT, "autoSync", "true",
						"importExternalEvents", "true", "deletionRule", "CANCEL_TASK"));
		assertThat(saved.status()).isEqualTo(302);
		long task = create(ana, "Quarterly review with Ana Souza and the Acme procurement team (Lisbon office)");
		Eventually.until("the task in Google and the calendar imported", Duration.ofSeconds(30),
				() -> jdbc.queryForObject("select count(*) = 0 from crm_tasks where user_id = ? and sync_state = "
						+ "'PENDING'", Boolean.class, user)
						&& "done".equals(ana.get("/settings/calendar/import/" + connection + "/status").json()
							.get("state").asString()));
		Long conflicted = conflict(ana, user, task);

		browser.logIn(port, ana.credentials());
		Map<String, String> signedIn = new LinkedHashMap<>();
		signedIn.put("tasks", "/tasks");
		signedIn.put("tasks-earlier", "/tasks?when=earlier");
		signedIn.put("tasks-all", "/tasks?when=all");
		signedIn.put("task", "/tasks/" + task);
		signedIn.put("task-new", "/tasks/new");
		signedIn.put("task-edit", "/tasks/" + task + "/edit");
		signedIn.put("task-delete", "/tasks/" + task + "/delete");
		signedIn.put("task-sync", "/tasks/" + task + "/sync");
		if (conflicted != null) {
			signedIn.put("task-conflict", "/tasks/" + conflicted + "/conflict");
		}
		signedIn.put("integrations", "/settings/integrations");
		signedIn.put("integration-new", "/settings/integrations/new");
		signedIn.put("settings-calendar", "/settings/calendar");
		signedIn.put("disconnect", "/settings/calendar/disconnect/" + connection);
		signedIn.put("marketplace", "/marketplace/google-calendar");
		signedIn.put("not-found", "/tasks/999999999");
		signedIn.put("emulator-calendar", "/emulator/calendar?account=" + ACCOUNT);
		overflowing.addAll(visitAll(page, signedIn));

		assertThat(overflowing).as("pages wider than the window").isEmpty();

		// On a phone each task row is a card whose cells keep their column's name.
		page.manage().window().setSize(new Dimension(390, 900));
		page.get("http://localhost:" + port + "/tasks");
		assertThat(((JavascriptExecutor) page).executeScript("return [...document.querySelectorAll('#task-rows tr:first-child td')]"
				+ ".map(td => getComputedStyle(td, '::before').content)")).asString()
			.isEqualTo("[\"Task\", \"When\", \"Status\", \"Priority\", \"Calendar\"]");
		assertThat(conflicted).as("a conflict was made, so its page was seen too").isNotNull();
		assertThat(browser.consoleErrors()).as("nothing the Content-Security-Policy refused, no script error")
			.noneMatch(error -> error.contains("Content Security Policy") || error.contains("Uncaught"));
	}

	/** Each page at both widths; answers the ones that scroll sideways, with their widths. */
	private List<String> visitAll(WebDriver page, Map<String, String> pages) throws IOException {
		List<String> overflowing = new ArrayList<>();
		for (int width : new int[] { 1280, 390 }) {
			for (Map.Entry<String, String> visit : pages.entrySet()) {
				page.manage().window().setSize(new Dimension(width, 900));
				page.get("http://localhost:" + port + visit.getValue());
				if (visit.getValue().equals("/settings/calendar")) {
					// The progress and the import line come from the server after the page (htmx), and say so.
					new WebDriverWait(page, Duration.ofSeconds(15))
						.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
						.until(driver -> !driver
						.findElement(By.cssSelector(".sync-progress .synced")).getText().equals("–")
							&& driver.findElement(By.cssSelector(".import-status")).getText().contains("imported from"));
				}
				JavascriptExecutor js = (JavascriptExecutor) page;
				long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
				long windowWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
				if (scrollWidth > windowWidth) {
					overflowing.add(visit.getKey() + " at " + width + " px: " + scrollWidth + " px wide");
				}
				screenshot(page, visit.getKey() + "-" + width);
			}
		}
		return overflowing;
	}

	/** The whole page, not only the first screen: the window is made as tall as the page for the picture. */
	private static void screenshot(WebDriver page, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		long height = ((Number) ((JavascriptExecutor) page)
			.executeScript("return document.documentElement.scrollHeight")).longValue();
		Dimension before = page.manage().window().getSize();
		page.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height, 600), 4000)));
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
		page.manage().window().setSize(before);
	}

	private long create(WebClient person, String title) {
		LocalDate day = LocalDate.now().plusDays(2);
		String body = """
				{"title":"%s","type":"meeting","priority":"high","startAt":"%sT14:00:00Z","endAt":"%sT15:00:00Z",
				 "timeZone":"Europe/Lisbon","contactName":"Ana Souza","dealName":"Acme renewal 2027",
				 "attendees":[{"email":"ben.keller@acme.example"},{"email":"procurement.department.lisbon@acme-holdings.example"}],
				 "syncToCalendar":true}""".formatted(title, day, day);
		WebClient.Response created = person.api("POST", "/api/tasks", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/**
	 * Both sides rename one task while Google's notifications are lost, so the conflict page has something to show;
	 * null if the sync settled it another way in time.
	 */
	private Long conflict(WebClient ana, long user, long task) throws IOException {
		EmulatorAccess emulator = new EmulatorAccess(port);
		emulator.fault("{\"push\":\"drop\",\"count\":1000}");
		String eventId = jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class, task);
		var google = emulator.calendarOf(ACCOUNT);
		google.events().patch(ACCOUNT, eventId,
				new com.google.api.services.calendar.model.Event().setSummary("Quarterly review (Lisbon, 2nd floor)"))
			.execute();
		WebClient.Response renamed = ana.api("PATCH", "/api/tasks/" + task,
				"{\"title\":\"Quarterly review with Ana (Porto office)\"}");
		assertThat(renamed.status()).as(renamed.body()).isBetween(200, 299);
		try {
			Eventually.until("the conflict", Duration.ofSeconds(30), () -> "CONFLICT".equals(jdbc.queryForObject(
					"select sync_state from crm_tasks where id = ?", String.class, task)));
			return task;
		}
		catch (AssertionError ex) {
			return null;
		}
		finally {
			emulator.clearFaults();
		}
	}

}
