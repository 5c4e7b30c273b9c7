package io.calbridge.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 9: the Host header was echoed into redirects, no Referrer-Policy or Permissions-Policy was sent, and with
 * the emulator off its paths led to the login page. Every request here says {@code Host: evil.example}, over a raw
 * socket as an attacker would send it; no redirect or link may name that host.
 */
@CalBridgeTest
class HostHeaderAndPolicyTest {

	static final String EVIL = "evil.example";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void aForeignHostHeaderNeverBecomesTheTargetOfARedirect() throws IOException {
		Raw browser = new Raw(port);

		Raw.Answer toLogin = browser.get("/tasks");
		assertThat(toLogin.status()).isEqualTo(302);
		assertOnSite(toLogin.location(), "the login redirect");
		assertThat(toLogin.location()).endsWith("/login");

		String password = "Tq7-lantern-orbit-" + UUID.randomUUID();
		String email = "eve." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Raw.Answer signedUp = browser.post("/signup", browser.csrfOf("/signup"),
				Map.of("displayName", "Eve Host", "email", email, "password", password));
		assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(302);
		assertOnSite(signedUp.location(), "after sign-up");
		// Sign-up answers a taken and a new email alike, so it logs nobody in: the person logs in next.
		Raw.Answer firstLogin = browser.post("/login", browser.csrfOf("/login"),
				Map.of("username", email, "password", password));
		assertThat(firstLogin.status()).isEqualTo(302);
		assertOnSite(firstLogin.location(), "after logging in");

		Raw.Answer added = browser.post("/settings/integrations/emulator", browser.csrfOf("/settings/integrations"),
				Map.of());
		assertOnSite(added.location(), "after adding the emulator integration");
		Matcher connect = Pattern.compile("/settings/calendar/connect/(\\d+)")
			.matcher(browser.get("/settings/calendar").body());
		assertThat(connect.find()).isTrue();
		Raw.Answer toGoogle = browser.post(connect.group(), browser.csrfOf("/settings/calendar"), Map.of());
		assertThat(toGoogle.status()).isEqualTo(302);
		URI consent = URI.create(toGoogle.location());
		assertThat(consent.getHost()).as("the consent page's host").isEqualTo("localhost");
		String redirectUri = query(consent).get("redirect_uri");
		assertThat(redirectUri).as("the OAuth callback").isEqualTo("http://localhost:" + port
				+ "/settings/calendar/callback");

		// Asked for under a foreign name, even from loopback, the emulator's consent page is not this machine's
		// (DNS rebinding, see DnsRebindingTest): refused before any redirect could be built.
		Raw.Answer misdirected = browser.get(consent.getRawPath() + "?" + consent.getRawQuery()
			.replaceFirst("redirect_uri=[^&]*", "redirect_uri="
					+ URLEncoder.encode("http://" + EVIL + "/settings/calendar/callback", StandardCharsets.UTF_8)));
		assertThat(misdirected.status()).as("an unregistered redirect_uri").isEqualTo(403);
		assertThat(misdirected.location()).isNull();
		Raw.Answer badRequest = browser.get(consent.getRawPath() + "?" + consent.getRawQuery()
			.replace("response_type=code", "response_type=token"));
		assertThat(badRequest.status()).as("a wrong response_type").isEqualTo(403);
		assertThat(badRequest.location()).isNull();

		Raw.Answer loggedOut = browser.post("/logout", browser.csrfOf("/tasks"), Map.of());
		assertOnSite(loggedOut.location(), "after logout");
		Raw.Answer loggedIn = browser.post("/login", browser.csrfOf("/login"),
				Map.of("username", email, "password", password));
		assertOnSite(loggedIn.location(), "after login");
		assertThat(loggedIn.location()).endsWith("/tasks");
	}

	@Test
	void everyAnswerCarriesAReferrerPolicyAndAPermissionsPolicy() throws IOException {
		Raw stranger = new Raw(port);
		for (String path : List.of("/login", "/tasks", "/api/tasks", "/css/calbridge.css", "/no-such-page",
				"/emulator/admin/clients", "/actuator/health")) {
			Raw.Answer answer = stranger.get(path);
			assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
			assertThat(answer.header("Permissions-Policy")).as(path)
				.contains("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()");
		}
		Raw.Answer webhook = stranger.post("/webhooks/google-calendar", null, Map.of());
		assertThat(webhook.status()).isEqualTo(400);
		assertThat(webhook.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
	}

	@Nested
	@TestPropertySource(properties = "calbridge.emulator.enabled=false")
	class WithTheEmulatorOff {

		@LocalServerPort
		int port;

		@Test
		void itsPathsAnswer404InsteadOfTheLoginPage() throws IOException {
			Raw stranger = new Raw(port);
			for (String path : List.of("/emulator/admin/clients", "/emulator/calendar", "/emulator/google/token",
					"/emulator/google/o/oauth2/v2/auth?client_id=x", "/emulator/calendar.js", "/emulator",
					"/%65mulator/admin/clients")) {
				Raw.Answer answer = stranger.get(path);
				assertThat(answer.status()).as(path).isEqualTo(404);
				assertThat(answer.location()).as(path).isNull();
			}
			assertThat(stranger.post("/emulator/admin/reset", null, Map.of()).status()).isEqualTo(404);
		}

	}

	private static void assertOnSite(String location, String when) {
		assertThat(location).as(when).isNotNull().doesNotContainIgnoringCase(EVIL);
		assertThat(location.startsWith("/") && !location.startsWith("//") || location.startsWith("http://localhost:"))
			.as("%s: %s", when, location)
			.isTrue();
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			values.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
		}
		return values;
	}

	/**
	 * HTTP/1.0 over a plain socket, so the Host header is exactly what the attacker writes (Java's HTTP client
	 * will not send a chosen one) and answers come unchunked. Keeps the session cookie like a browser.
	 */
	static final class Raw {

		private final int port;

		private String session;

		Raw(int port) {
			this.port = port;
		}

		Answer get(String path) throws IOException {
			return send("GET " + path, null);
		}

		Answer post(String path, String csrf, Map<String, String> fields) throws IOException {
			Map<String, String> all = new LinkedHashMap<>(fields);
			if (csrf != null) {
				all.put("_csrf", csrf);
			}
			return send("POST " + path, all.entrySet()
				.stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&")));
		}

		String csrfOf(String page) throws IOException {
			Matcher token = CSRF.matcher(get(page).body());
			assertThat(token.find()).as("a CSRF token on %s", page).isTrue();
			return token.group(1);
		}

		private Answer send(String requestLine, String form) throws IOException {
			StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.0\r\nHost: ").append(EVIL)
				.append("\r\n");
			if (session != null) {
				request.append("Cookie: ").append(session).append("\r\n");
			}
			byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
			if (form != null) {
				request.append("Content-Type: application/x-www-form-urlencoded\r\n");
			}
			request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
				Answer answer = Answer.parse(new String(socket.getInputStream().readAllBytes(),
						StandardCharsets.UTF_8));
				String cookie = answer.header("Set-Cookie");
				if (cookie != null && cookie.startsWith("SESSION=")) {
					session = cookie.substring(0, cookie.indexOf(';'));
				}
				return answer;
			}
		}

		record Answer(int status, Map<String, String> headers, String body) {

			static Answer parse(String raw) {
				int end = raw.indexOf("\r\n\r\n");
				String[] lines = raw.substring(0, end).split("\r\n");
				Map<String, String> headers = new LinkedHashMap<>();
				for (int i = 1; i < lines.length; i++) {
					int colon = lines[i].indexOf(':');
					headers.putIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
							lines[i].substring(colon + 1).strip());
				}
				return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
			}

			String header(String name) {
				return headers.get(name.toLowerCase(Locale.ROOT));
			}

			String location() {
				return header("Location");
			}

		}

	}

}
