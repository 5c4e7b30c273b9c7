package io.calbridge.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

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
 * A newcomer's list: the three-step checklist until the steps are done; then, with the import of Google's events
 * on, a weekly series is one row that opens in place to its occurrences.
 */
@CalBridgeTest
class FirstRunAndSeriesPagesTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theChecklistGuidesANewcomerAndARecurringSeriesIsOneRowThatOpens() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		WebDriver page = browser.driver();
		page.manage().window().setSize(new Dimension(1280, 1000));
		browser.logIn(port, ana.credentials());

		WebElement checklist = page.findElement(By.cssSelector(".checklist"));
		assertThat(checklist.getText()).contains("Get started in three steps", "Add a Google integration",
				"Connect a calendar", "Create a task");
		assertThat(checklist.findElements(By.cssSelector("li.done"))).as("no step done yet").isEmpty();
		browser.assertFitsAPhone("the first-run checklist");

		// The emulator's seeded "Pipeline review" is a weekly series; a fresh emulator has it as seeded.
		new EmulatorAccess(port).post("/emulator/admin/reset", "{}");
		long connection = ConsentFlow.connect(ana, "ana.souza@example.com", jdbc);
		assertThat(ana.postForm("/settings/calendar/settings/" + connection, ana.get("/settings/calendar").csrf(),
				Map.of("defaultCalendarId", "ana.souza@example.com", "autoSync", "true", "importExternalEvents", "true",
						"deletionRule", "CANCEL_TASK"))
			.status()).isEqualTo(302);
		Eventually.until("the import read", Duration.ofSeconds(30), () -> "done".equals(
				ana.get("/settings/calendar/import/" + connection + "/status").json().get("state").asString()));

		page.get("http://localhost:" + port + "/tasks?when=all");
		List<WebElement> rows = page.findElements(By.xpath("//tr[contains(@class,'series')][.//a[normalize-space()='Pipeline review']]"));
		assertThat(rows).as("one row for the whole series").hasSize(1);
		WebElement series = rows.get(0);
		WebElement summary = series.findElement(By.tagName("summary"));
		assertThat(summary.getText()).matches("(weekly|repeating) · \\d+ in all");
		WebElement first = series.findElement(By.cssSelector("a.occurrence"));
		assertThat(first.isDisplayed()).as("closed at first").isFalse();

		summary.click();

		assertThat(first.isDisplayed()).as("open after one click").isTrue();
		int occurrences = series.findElements(By.cssSelector("a.occurrence")).size();
		assertThat(summary.getText()).endsWith(occurrences + " in all");
		browser.assertFitsAPhone("the list with a series open");
		assertThat(browser.consoleErrors()).isEmpty();
	}

}
