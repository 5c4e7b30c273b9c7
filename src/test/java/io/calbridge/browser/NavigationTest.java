package io.calbridge.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The nav on a phone is one line whose links open behind "Menu"; on a wide screen every link shows. */
@CalBridgeTest
class NavigationTest {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Test
	void onAPhoneTheNavFoldsBehindMenuAndStillLeadsEverywhere() throws IOException {
		WebClient lena = WebClient.signedUp(port, "Lena Fischer");
		WebDriver page = browser.driver();
		page.manage().window().setSize(new Dimension(390, 900));
		browser.logIn(port, lena.credentials());

		assertThat(page.findElement(By.cssSelector("header.top a[href='/settings/calendar']")).isDisplayed()).isFalse();
		assertThat(page.findElement(By.cssSelector("header.top")).getSize().getHeight())
			.as("brand and Menu on one line")
			.isLessThan(70);
		assertThat(((JavascriptExecutor) page)
			.executeScript("return document.scrollingElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
		screenshot(page, "nav-390-closed");

		page.findElement(By.xpath("//button[normalize-space()='Menu']")).click();
		assertThat(page.findElement(By.xpath("//button[normalize-space()='Menu']")).getAttribute("aria-expanded"))
			.isEqualTo("true");
		screenshot(page, "nav-390-open");
		page.findElement(By.linkText("Calendar")).click();
		new WebDriverWait(page, Duration.ofSeconds(10))
			.until(driver -> java.net.URI.create(driver.getCurrentUrl()).getPath().equals("/settings/calendar"));

		page.manage().window().setSize(new Dimension(1280, 900));
		page.navigate().refresh();
		assertThat(page.findElement(By.linkText("Tasks")).isDisplayed()).isTrue();
		assertThat(page.findElement(By.cssSelector("header.top .nav-toggle")).isDisplayed()).isFalse();
		assertThat(browser.consoleErrors()).isEmpty();
	}

	private static void screenshot(WebDriver page, String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
	}

}
