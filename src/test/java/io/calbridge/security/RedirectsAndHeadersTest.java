package io.calbridge.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No address of the app can be turned into a link that sends a person to another site (open redirect), and the
 * pages carry the headers that keep them out of frames, sniffing and shared caches.
 */
@CalBridgeTest
class RedirectsAndHeadersTest {

	private static final String EVIL = "https://evil.example/phish";

	@LocalServerPort
	int port;

	@Test
	void theOAuthReturnPathStaysOnSiteWhateverItIsGiven() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		List<String> answers = List.of("?error=access_denied&state=" + EVIL,
				"?error=" + enc("server_error\r\nLocation: " + EVIL) + "&state=abc",
				"?code=4/forged&state=" + enc(EVIL) + "&redirect_uri=" + enc(EVIL),
				"?state=&code=&continue=" + enc(EVIL) + "&redirect=" + enc("//evil.example"),
				"?error=" + enc("<script>alert(1)</script>"), "?" + "x".repeat(4000));

		for (String query : answers) {
			WebClient.Response answer = ana.get("/settings/calendar/callback" + query);
			assertThat(answer.status()).as(query).isEqualTo(302);
			assertThat(answer.header("Location")).as(query).matches(location -> onSite(location, ana));
			assertThat(answer.header("Location")).endsWith("/settings/calendar");
		}
		String page = ana.follow(ana.get("/settings/calendar/callback?error=" + enc("<script>alert(1)</script>")))
			.body();
		assertThat(page).doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void loginSignUpAndLogoutIgnoreRedirectParameters() {
		WebClient browser = new WebClient(port);
		String email = WebClient.uniqueEmail("ana.souza");
		String query = "?continue=" + enc(EVIL) + "&redirect=" + enc(EVIL) + "&redirect_uri=" + enc("//evil.example")
				+ "&next=" + enc(EVIL) + "&returnTo=" + enc(EVIL);

		WebClient.Response signedUp = browser.postForm("/signup" + query, browser.get("/signup" + query).csrf(),
				Map.of("displayName", "Ana Souza", "email", email, "password", "correct horse battery"));
		assertThat(signedUp.header("Location")).matches(location -> onSite(location, browser))
			.endsWith("/login?signedUp");
		WebClient.Response firstLogin = browser.postForm("/login" + query, browser.get("/login" + query).csrf(),
				Map.of("username", email, "password", "correct horse battery"));
		assertThat(firstLogin.header("Location")).matches(location -> onSite(location, browser)).endsWith("/tasks");

		WebClient.Response loggedOut = browser.postForm("/logout" + query, browser.get("/tasks").csrf(), Map.of());
		assertThat(loggedOut.header("Location")).matches(location -> onSite(location, browser))
			.endsWith("/login?logout");

		WebClient.Response failed = browser.postForm("/login" + query, browser.get("/login" + query).csrf(),
				Map.of("username", email, "password", "wrong password"));
		assertThat(failed.header("Location")).matches(location -> onSite(location, browser)).endsWith("/login?error");
		assertThat(browser.get("/login?error").status()).isEqualTo(200);

		WebClient.Response loggedIn = browser.postForm("/login" + query, browser.get("/login" + query).csrf(),
				Map.of("username", email, "password", "correct horse battery"));
		assertThat(loggedIn.header("Location")).matches(location -> onSite(location, browser)).endsWith("/tasks");
	}

	@Test
	void aSavedRequestBringsThePersonBackOnlyToThisSite() {
		WebClient browser = new WebClient(port);
		String email = WebClient.uniqueEmail("ben.keller");
		browser.postForm("/signup", browser.get("/signup").csrf(),
				Map.of("displayName", "Ben Keller", "email", email, "password", "correct horse battery"));
		browser.postForm("/login", browser.get("/login").csrf(),
				Map.of("username", email, "password", "correct horse battery"));
		browser.postForm("/logout", browser.get("/tasks").csrf(), Map.of());

		WebClient.Response toLogin = browser.get("//evil.example/tasks?status=PENDING");
		assertThat(toLogin.status()).isIn(302, 400, 404);
		if (toLogin.status() == 302) {
			assertThat(toLogin.header("Location")).matches(location -> onSite(location, browser));
		}
		WebClient.Response back = browser.postForm("/login", browser.get("/login").csrf(),
				Map.of("username", email, "password", "correct horse battery"));
		assertThat(back.header("Location")).matches(location -> onSite(location, browser));
	}

	@Test
	void pagesCarryProtectiveHeaders() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		for (String page : List.of("/tasks", "/tasks/new", "/settings/integrations", "/settings/calendar")) {
			WebClient.Response answer = ana.get(page);
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
			assertThat(answer.header("X-Frame-Options")).as(page).isEqualTo("DENY");
			assertThat(answer.header("Cache-Control")).as("%s: a logged-in page is never cached", page)
				.contains("no-store");
		}
		WebClient stranger = new WebClient(port);
		for (String page : List.of("/login", "/signup", "/")) {
			assertThat(stranger.get(page).header("X-Frame-Options")).as(page).isEqualTo("DENY");
		}
		WebClient.Response api = ana.api("GET", "/api/tasks", null);
		assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(api.header("Cache-Control")).contains("no-store");
		assertThat(api.header("Set-Cookie")).as("the API is stateless").isNull();
	}

	@Test
	void pagesRunOnlyCalBridgesOwnScriptFiles() throws java.io.IOException {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		for (String page : List.of("/tasks", "/settings/calendar", "/emulator/calendar", "/login")) {
			assertThat(ana.get(page).header("Content-Security-Policy")).as(page)
				.contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
				.doesNotContain("unsafe-eval")
				.doesNotContainPattern("script-src[^;]*unsafe-inline")
				.contains("style-src 'self';")
				.doesNotContainPattern("style-src[^;]*unsafe-inline");
		}
		// What the policy forbids must not be in the templates either, or a page would silently break.
		java.util.regex.Pattern inline = java.util.regex.Pattern
			.compile("(?i)<script(?![^>]*\\bth:src=|[^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|javascript:");
		java.util.regex.Pattern inlineStyle = java.util.regex.Pattern.compile("(?i)\\s(th:)?style\\s*=|<style[\\s>]");
		try (var templates = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/templates"))) {
			for (java.nio.file.Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
				assertThat(inline.matcher(java.nio.file.Files.readString(template)).find())
					.as("%s has an inline script or handler", template)
					.isFalse();
				assertThat(inlineStyle.matcher(java.nio.file.Files.readString(template)).find())
					.as("%s has an inline style, which the policy refuses", template)
					.isFalse();
			}
		}
	}

	@Test
	void theSessionCookieIsOutOfReachOfScriptsAndOtherSites() {
		WebClient browser = new WebClient(port);
		String cookie = browser.get("/login").header("Set-Cookie");

		assertThat(cookie).startsWith("SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
	}

	private static boolean onSite(String location, WebClient client) {
		if (location == null) {
			return false;
		}
		if (location.startsWith("/")) {
			return !location.startsWith("//") && !location.startsWith("/\\");
		}
		return location.startsWith(client.base() + "/");
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
