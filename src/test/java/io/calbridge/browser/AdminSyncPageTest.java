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
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin finds /admin/sync in the nav, pauses a user's sync after saying yes, and resumes it, also on a phone. */
@CalBridgeTest
class AdminSyncPageTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anAdminPausesAndResumesAUsersSyncFromTheNav() throws IOException {
		WebClient omar = WebClient.signedUp(port, "Omar Haddad");
		long connection = ConsentFlow.connect(omar, "ben.keller@example.com", jdbc);
		Eventually.until("every followed calendar read once", Duration.ofSeconds(15),
				() -> jdbc.queryForObject("select bool_and(last_full_sync_at is not null) from calendar_syncs "
						+ "where connection_id = ?", Boolean.class, connection));
		WebClient olga = WebClient.signedUp(port, "Olga Petrova");
		jdbc.update("update users set role = 'ADMIN' where email = ?", olga.credentials().email());
		WebDriver page = browser.driver();
		page.manage().window().setSize(new Dimension(1280, 1400));
		browser.logIn(port, olga.credentials());

		page.findElement(By.linkText("Admin")).click();
		WebElement card = page.findElement(By.cssSelector("[data-connection='" + connection + "']"));
		assertThat(card.getText()).contains("Omar Haddad", omar.credentials().email(), "ben.keller@example.com",
				"active", "Waiting to be sent", "Oldest waiting since", "live, channel open until");
		screenshot(page, "admin-sync-1280");
		browser.assertFitsAPhone("the admin's view");

		card.findElement(By.linkText("Pause sync…")).click();
		assertThat(page.findElement(By.tagName("main")).getText()).contains("Pause the sync of this account?",
				"Nothing has happened yet");
		browser.assertFitsAPhone("the pause confirmation");
		page.findElement(By.xpath("//button[normalize-space()='Pause sync']")).click();

		assertThat(page.findElement(By.cssSelector(".flash")).getText()).contains("paused");
		card = page.findElement(By.cssSelector("[data-connection='" + connection + "']"));
		assertThat(card.getText()).contains("sync paused by an administrator");
		page.manage().window().setSize(new Dimension(390, 1400));
		page.navigate().refresh();
		screenshot(page, "admin-sync-390");
		page.manage().window().setSize(new Dimension(1280, 1400));
		page.findElement(By.cssSelector("[data-connection='" + connection + "']"))
			.findElement(By.xpath(".//button[normalize-space()='Resume sync']")).click();

		assertThat(page.findElement(By.cssSelector(".flash")).getText()).contains("resumed");
		assertThat(jdbc.queryForObject("select count(*) from connection_pauses where connection_id = ?", Long.class,
				connection)).isZero();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	private static void screenshot(WebDriver page, String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
	}

}
