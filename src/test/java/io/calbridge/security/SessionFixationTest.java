package io.calbridge.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session fixation: an attacker who planted a session id in someone's browser before they log in or sign up must
 * not end up holding a logged-in session (sign-up logs nobody in: it answers a taken email the same way). Cookies are handled by hand here, to see exactly which id is which.
 */
@CalBridgeTest
class SessionFixationTest {

	private static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void loggingInGivesANewSessionAndThePlantedOneStaysAnonymous() {
		String email = WebClient.uniqueEmail("ana.souza");
		WebClient.signedUp(port, "Ana Souza"); // someone else exists too
		signUpElsewhere(email);

		HttpResponse<String> loginPage = send("GET", "/login", null, null);
		String planted = session(loginPage);
		HttpResponse<String> loggedIn = send("POST", "/login", planted,
				Map.of("username", email, "password", "correct horse battery", "_csrf", csrf(loginPage)));

		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).endsWith("/tasks");
		String fresh = session(loggedIn);
		assertThat(fresh).isNotEqualTo(planted);
		assertThat(send("GET", "/tasks", fresh, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/tasks", planted, null).statusCode()).as("the planted id is not logged in")
			.isEqualTo(302);
	}

	@Test
	void signingUpLogsNobodyInSoThePlantedSessionStaysAnonymous() {
		HttpResponse<String> signupPage = send("GET", "/signup", null, null);
		String planted = session(signupPage);
		HttpResponse<String> signedUp = send("POST", "/signup", planted, Map.of("displayName", "Ben Keller", "email",
				WebClient.uniqueEmail("ben.keller"), "password", "correct horse battery", "_csrf", csrf(signupPage)));

		assertThat(signedUp.statusCode()).isEqualTo(302);
		assertThat(signedUp.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedUp");
		assertThat(send("GET", "/tasks", planted, null).statusCode()).as("the planted id is not logged in")
			.isEqualTo(302);
	}

	@Test
	void afterLogoutTheOldSessionIsNoLongerLoggedIn() {
		String email = WebClient.uniqueEmail("carla.mendes");
		signUpElsewhere(email);
		HttpResponse<String> loginPage = send("GET", "/login", null, null);
		HttpResponse<String> loggedIn = send("POST", "/login", session(loginPage),
				Map.of("username", email, "password", "correct horse battery", "_csrf", csrf(loginPage)));
		String session = session(loggedIn);
		HttpResponse<String> tasks = send("GET", "/tasks", session, null);
		assertThat(tasks.statusCode()).isEqualTo(200);

		send("POST", "/logout", session, Map.of("_csrf", csrf(tasks)));

		assertThat(send("GET", "/tasks", session, null).statusCode()).isEqualTo(302);
	}

	private void signUpElsewhere(String email) {
		HttpResponse<String> page = send("GET", "/signup", null, null);
		assertThat(send("POST", "/signup", session(page), Map.of("displayName", "Ana Souza", "email", email, "password",
				"correct horse battery", "_csrf", csrf(page))).statusCode()).isEqualTo(302);
	}

	private static String session(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION::matcher)
			.filter(Matcher::find)
			.map(m -> m.group(1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie set: " + response.headers().map()));
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher m = CSRF.matcher(page.body());
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	private HttpResponse<String> send(String method, String path, String session, Map<String, String> form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (session != null) {
			request.header("Cookie", "SESSION=" + session);
		}
		if (form == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.method(method, HttpRequest.BodyPublishers.ofString(form.entrySet()
					.stream()
					.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
							+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
					.collect(Collectors.joining("&"))));
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
