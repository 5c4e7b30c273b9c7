package io.calbridge.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first session in a real Chromium, in the default local setup (the built-in emulator plays Google):
 * sign up, add the emulator integration, connect Ana's calendar on the consent page, then create, edit and delete
 * a task with guests and Meet, and disconnect. Only clicks and typing on the app's own pages.
 */
@CalBridgeTest
class FirstCalendarJourneyTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	WebDriver page;

	@Test
	void signUpConnectTheEmulatedCalendarAndWorkWithATask() {
		page = browser.driver();
		String email = WebClient.uniqueEmail("marta.lopez");

		// Sign up (cookies and OAuth redirects are per host: localhost, as a person opens it)
		page.get("http://localhost:" + port + "/signup");
		type(By.id("displayName"), "Marta López");
		type(By.id("email"), email);
		type(By.id("password"), "correct horse battery");
		click(By.xpath("//button[normalize-space()='Sign up']"));
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
		assertThat(text()).contains("Quarterly review with Ana", "ana.souza@example.com", "ben.keller@example.com",
				"America/Sao_Paulo", "Google Meet");
		// The sync worker may already have brought the link back from the emulator.
		assertThat(text()).containsAnyOf("Requested", "meet.google.com");

		// In the list, and back to its page
		click(By.linkText("← All tasks"));
		waitForPath("/tasks");
		click(By.linkText("Quarterly review with Ana"));
		waitForText("Edit");

		// Edit it
		click(By.linkText("Edit"));
		WebElement title = page.findElement(By.id("title"));
		title.clear();
		title.sendKeys("Quarterly review with Ana (moved to the Lisbon office)");
		click(By.xpath("//button[normalize-space()='Save changes']"));
		waitForText("Task saved.");
		assertThat(text()).contains("Quarterly review with Ana (moved to the Lisbon office)");

		// Delete it, after the confirmation page
		click(By.linkText("Delete…"));
		waitForText("Keep it");
		click(By.xpath("//button[normalize-space()='Delete task']"));
		waitForPath("/tasks");
		assertThat(flash()).contains("deleted");
		assertThat(page.findElements(By.linkText("Quarterly review with Ana (moved to the Lisbon office)"))).isEmpty();

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

	private String text() {
		return page.findElement(By.tagName("body")).getText();
	}

	private String flash() {
		List<WebElement> flash = page.findElements(By.cssSelector("[role=status], [role=alert]"));
		return flash.isEmpty() ? "" : flash.get(0).getText();
	}

}
