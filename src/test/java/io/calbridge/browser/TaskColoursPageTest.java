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
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Picking a task colour shows, before saving, which of Google's named colours the events will take. */
@CalBridgeTest
class TaskColoursPageTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theNearestGoogleColourFollowsThePickerBeforeSaving() throws IOException {
		WebClient omar = WebClient.signedUp(port, "Omar Haddad");
		long connection = ConsentFlow.connect(omar, "ben.keller@example.com", jdbc);
		WebDriver page = browser.driver();
		page.manage().window().setSize(new Dimension(1280, 1000));
		browser.logIn(port, omar.credentials());
		page.get("http://localhost:" + port + "/settings/calendar");

		WebElement call = page.findElement(By.id("color-" + connection + "-call"));
		WebElement name = call.findElement(By.xpath("following-sibling::div//span[@class='google-color-name']"));
		assertThat(name.getText()).isEqualTo("Blueberry");

		((JavascriptExecutor) page).executeScript(
				"arguments[0].value = '#d50000'; arguments[0].dispatchEvent(new Event('input'));", call);

		assertThat(name.getText()).isEqualTo("Tomato");
		assertThat(page.findElement(By.id("color-" + connection + "-email"))
			.findElement(By.xpath("following-sibling::div//span[@class='google-color-name']"))
			.getText()).as("calls and emails no longer share a Google colour").isEqualTo("Grape");
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve("settings-colours-1280.png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
		browser.assertFitsAPhone("the colour settings");
		assertThat(browser.consoleErrors()).isEmpty();
	}

}
