package io.calbridge.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The new-task form in a real Chromium: the calendar is picked by name, All day hides the times, and a form with
 * several mistakes shows them all at once, next to their fields, keeping what was typed; fixed, it makes one task.
 */
@CalBridgeTest
class TaskFormPageTest {

	@RegisterExtension
	static Browser browser = new Browser();

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebDriver page;

	@Test
	void aFormWithSeveralMistakesShowsThemAllThenSavesOnceWhenFixed() throws IOException {
		WebClient marta = WebClient.signedUp(port, "Marta Lopez");
		ConsentFlow.connect(marta, "ana.souza@example.com", jdbc);
		page = browser.driver();
		page.manage().window().setSize(new Dimension(1280, 1000));
		browser.logIn(port, marta.credentials());
		page.findElement(By.linkText("New task")).click();
		waitForPath("/tasks/new");

		// The calendar by name, the default marked; the zone is the person's, and searchable
		Select calendar = new Select(page.findElement(By.id("calendarId")));
		List<String> names = calendar.getOptions().stream().map(WebElement::getText).toList();
		assertThat(names).contains("Ana — Client meetings").anyMatch(name -> name.endsWith("(default)"));
		assertThat(names).noneMatch(name -> name.contains("@group.calendar.google.com"));
		assertThat(calendar.getFirstSelectedOption().getText()).endsWith("(default)");
		assertThat(value("timeZone")).isEqualTo("America/Sao_Paulo");
		assertThat(page.findElement(By.id("timeZone")).getAttribute("list")).isEqualTo("zones");
		assertThat(page.findElements(By.cssSelector("datalist#zones option[value='Europe/Lisbon']"))).hasSize(1);

		// All day: no times, no zone to think about; unticked, they are back
		WebElement allDay = page.findElement(By.cssSelector("input[type=checkbox][name=allDay]"));
		allDay.click();
		for (String field : List.of("startTime", "endTime", "durationMinutes")) {
			assertThat(page.findElement(By.id(field)).isDisplayed()).as(field + " hidden").isFalse();
			assertThat(page.findElement(By.id(field)).isEnabled()).as(field + " not sent").isFalse();
		}
		assertThat(page.findElement(By.id("timeZone")).isDisplayed()).isFalse();
		assertThat(page.findElement(By.id("startDate")).isDisplayed()).isTrue();
		assertThat(page.findElement(By.id("endDate")).isDisplayed()).isTrue();
		allDay.click();
		assertThat(page.findElement(By.id("startTime")).isDisplayed()).isTrue();
		assertThat(page.findElement(By.id("startTime")).isEnabled()).isTrue();
		assertThat(page.findElement(By.id("timeZone")).isDisplayed()).isTrue();

		// Several mistakes at once
		type("timeZone", "Mars/Olympus_Mons");
		type("endTime", "09:30");
		type("attendees", "ana.souza@example.com\nnot an address\nben@");
		type("contactName", "Ana Souza");
		calendar.selectByVisibleText("Ana — Client meetings");
		page.findElement(By.xpath("//button[normalize-space()='Create task']")).click();
		waitForPath("/tasks/new");

		assertThat(page.findElement(By.id("form-errors")).getText()).startsWith("5 things to fix");
		assertThat(errorOf("title")).isEqualTo("Enter a title");
		assertThat(errorOf("timeZone")).startsWith("Choose a time zone from the list");
		assertThat(errorOf("endTime")).isEqualTo("The end is before the start");
		assertThat(errorOf("attendees")).contains("Line 2 is not an email address", "Line 3 is not an email address");
		assertThat(value("timeZone")).as("what was typed is kept").isEqualTo("Mars/Olympus_Mons");
		assertThat(value("contactName")).isEqualTo("Ana Souza");
		assertThat(value("attendees")).isEqualTo("ana.souza@example.com\nnot an address\nben@");
		assertThat(new Select(page.findElement(By.id("calendarId"))).getFirstSelectedOption().getText())
			.isEqualTo("Ana — Client meetings");
		screenshot("task-form-errors-1280");
		page.manage().window().setSize(new Dimension(390, 900));
		screenshot("task-form-errors-390");
		page.manage().window().setSize(new Dimension(390, 3200));
		screenshot("task-form-errors-390-whole");
		assertThat(((JavascriptExecutor) page)
			.executeScript("return document.scrollingElement.scrollWidth <= window.innerWidth"))
			.as("the form with its errors does not scroll sideways at 390 px")
			.isEqualTo(true);
		page.manage().window().setSize(new Dimension(1280, 2000));
		screenshot("task-form-errors-1280-whole");
		page.manage().window().setSize(new Dimension(1280, 1000));

		// Fixed, and sent once
		type("title", "Quarterly review with Ana");
		type("timeZone", "Europe/Lisbon");
		type("endTime", "11:00");
		type("attendees", "ana.souza@example.com\nBen Keller <ben.keller@example.com>");
		page.findElement(By.xpath("//button[normalize-space()='Create task']")).click();
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(driver -> driver.findElement(By.tagName("main")).getText().contains("Task created."));
		assertThat(page.findElement(By.tagName("main")).getText()).contains("Quarterly review with Ana",
				"Europe/Lisbon", "ben.keller@example.com");
		WebClient.Response tasks = marta.api("GET", "/api/tasks", null);
		assertThat(tasks.json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(tasks.json().get("items").get(0).get("calendarId").asString()).isNotBlank()
			.isNotEqualTo("ana.souza@example.com");
		String taskPage = page.getCurrentUrl();

		// Back after the save, and Create again: the same form, which says it was sent and makes no second task
		page.navigate().back();
		waitForPath("/tasks/new");
		assertThat(page.findElement(By.id("form-already-sent")).getText()).startsWith("This form was already sent");
		page.findElement(By.xpath("//button[normalize-space()='Create task']")).click();
		new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().equals(taskPage));
		assertThat(page.findElement(By.tagName("main")).getText()).contains("This form was already sent");
		assertThat(marta.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).isEqualTo(1);

		// The refused form answers 422 on purpose (FormErrorStatus); the console has nothing else.
		assertThat(browser.consoleErrors()).allMatch(error -> error.contains("status of 422"));
	}

	private void type(String id, String text) {
		WebElement field = page.findElement(By.id(id));
		if ("time".equals(field.getAttribute("type"))) {
			// Chromium's time input takes keystrokes per segment, by locale: set it as the picker would.
			((JavascriptExecutor) page).executeScript("arguments[0].value = arguments[1];", field, text);
			return;
		}
		field.clear();
		field.sendKeys(text);
	}

	private String value(String id) {
		return page.findElement(By.id(id)).getAttribute("value");
	}

	private String errorOf(String field) {
		WebElement control = page.findElement(By.id(field));
		assertThat(control.getAttribute("aria-describedby")).isEqualTo(field + "-error");
		return page.findElement(By.id(field + "-error")).getText();
	}

	private void waitForPath(String path) {
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(driver -> java.net.URI.create(driver.getCurrentUrl()).getPath().equals(path)
					&& "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
	}

}
