package io.calbridge.browser;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's sync state moves on the open page, on its own page and in the list, without the person reloading. */
@CalBridgeTest
class LiveSyncStateTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebClient lena;

	EmulatorAccess emulator;

	WebDriver page;

	@BeforeEach
	void connect() {
		lena = WebClient.signedUp(port, "Lena Fischer");
		ConsentFlow.connect(lena, "ben.keller@example.com", jdbc);
		emulator = new EmulatorAccess(port);
		page = browser.driver();
		page.manage().window().setSize(new Dimension(1280, 1000));
		browser.logIn(port, lena.credentials());
	}

	/** A task whose insert Google answers slowly, so a page opened now shows it pending first. */
	long slowTask(String title) {
		emulator.fault("{\"method\":\"POST\",\"path\":\"calendar/v3/calendars/*/events\",\"latencyMs\":4000,\"count\":1}");
		return lena.api("POST", "/api/tasks", Map.of("title", title, "startAt", "2026-12-10T15:00:00+01:00", "endAt",
				"2026-12-10T15:30:00+01:00", "timeZone", "Europe/Berlin")).json().get("id").asLong();
	}

	@Test
	void theTaskPageTurnsSyncedWithoutAReload() {
		long id = slowTask("Call Priya about the renewal");
		page.get("http://localhost:" + port + "/tasks/" + id);
		assertThat(badge("#task-sync-state .badge")).isEqualTo("Waiting to sync");
		markThisPage();

		new WebDriverWait(page, Duration.ofSeconds(20)).until(driver -> "Synced".equals(badge("#task-sync-state .badge")));

		assertThat(stillTheSamePage()).as("no reload").isTrue();
		assertThat(page.findElement(By.id("task-sync-state")).getText()).contains("synced at");
		browser.assertFitsAPhone("the task page");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void theListTurnsSyncedWithoutAReload() {
		slowTask("Send Jonas the contract");
		page.get("http://localhost:" + port + "/tasks?when=all");
		assertThat(badge("#task-rows .badge")).isEqualTo("Waiting to sync");
		markThisPage();

		new WebDriverWait(page, Duration.ofSeconds(20)).until(driver -> "Synced".equals(badge("#task-rows .badge")));

		assertThat(stillTheSamePage()).as("no reload").isTrue();
		assertThat(page.findElement(By.id("task-rows")).getAttribute("hx-trigger"))
			.as("nothing left to wait for, so the list stops asking")
			.isNull();
		browser.assertFitsAPhone("the task list");
		assertThat(browser.consoleErrors()).isEmpty();
	}

	private String badge(String css) {
		return page.findElement(By.cssSelector(css)).getText();
	}

	private void markThisPage() {
		((JavascriptExecutor) page).executeScript("window.calbridgeTestMarker = 'still here';");
	}

	private boolean stillTheSamePage() {
		return "still here".equals(((JavascriptExecutor) page).executeScript("return window.calbridgeTestMarker;"));
	}

}
