package io.calbridge.accounts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@CalBridgeTest
class AccountsTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void signingUpLogsThePersonInAndStoresOnlyABcryptHash() {
		WebClient browser = WebClient.signedUp(port, "Ana Souza");

		WebClient.Response tasks = browser.get("/tasks");
		assertThat(tasks.status()).isEqualTo(200);
		assertThat(tasks.body()).contains("Ana Souza");
		String hash = jdbc.queryForObject(
				"select password_hash from users where display_name = 'Ana Souza' order by id desc limit 1", String.class);
		assertThat(hash).startsWith("$2").doesNotContain("correct horse");
	}

	@Test
	void theFirstAccountIsTheAdminAndLaterOnesAreNot() {
		WebClient ben = WebClient.signedUp(port, "Ben Keller");
		WebClient chloe = WebClient.signedUp(port, "Chloe Martin");

		// Other tests in this shared database make an admin of someone on purpose (the admin's view), so the later
		// accounts checked are the two signed up here.
		List<String> roles = jdbc.queryForList("select role from users order by id", String.class);
		assertThat(roles.get(0)).isEqualTo("ADMIN");
		assertThat(jdbc.queryForList("select role from users where email in (?, ?)", String.class,
				ben.credentials().email(), chloe.credentials().email())).containsExactly("USER", "USER");
	}

	@Test
	void anEmailCanHaveOnlyOneAccountWhateverItsCase() {
		WebClient first = new WebClient(port);
		String email = WebClient.uniqueEmail("dana.ito");
		first.postForm("/signup", first.get("/signup").csrf(),
				Map.of("displayName", "Dana Ito", "email", email, "password", "a long enough secret"));

		WebClient second = new WebClient(port);
		WebClient.Response again = second.postForm("/signup", second.get("/signup").csrf(),
				Map.of("displayName", "Dana Ito", "email", email.toUpperCase(), "password", "Quiet-Harbor-Renewal-42"));

		assertThat(again.header("Location")).as("the same neutral answer as a new account").endsWith("/login?signedUp");
		assertThat(jdbc.queryForObject("select count(*) from users where lower(email) = lower(?)", Long.class, email))
			.isOne();
		WebClient owner = new WebClient(port);
		assertThat(owner.postForm("/login", owner.get("/login").csrf(),
				Map.of("username", email, "password", "a long enough secret")).header("Location"))
			.as("the first password still logs in").endsWith("/tasks");
	}

	@Test
	void signUpExplainsEachBadField() {
		WebClient browser = new WebClient(port);
		WebClient.Response page = browser.postForm("/signup", browser.get("/signup").csrf(),
				Map.of("displayName", "", "email", "not-an-email", "password", "short"));

		assertThat(page.status()).as("the form, again, with its errors").isEqualTo(422);
		assertThat(page.body()).contains("Enter your name", "Enter a valid email address", "Use at least 12 characters");
	}

	@Test
	void loginWithAWrongPasswordIsRefusedAndTheRightOneLetsIn() {
		WebClient.signedUp(port, "Emil Novak");
		String email = jdbc.queryForObject("select email from users where display_name = 'Emil Novak' order by id desc limit 1",
				String.class);
		WebClient browser = new WebClient(port);

		WebClient.Response wrong = browser.postForm("/login", browser.get("/login").csrf(),
				Map.of("username", email, "password", "not the password"));
		assertThat(wrong.header("Location")).endsWith("/login?error");

		WebClient.Response right = browser.postForm("/login", browser.get("/login").csrf(),
				Map.of("username", email, "password", "correct horse battery"));
		assertThat(right.header("Location")).endsWith("/tasks");
		assertThat(browser.get("/tasks").status()).isEqualTo(200);
	}

	@Test
	void pagesNeedALoginAndSendStrangersToTheLoginPage() {
		WebClient.Response page = new WebClient(port).get("/tasks");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).endsWith("/login");
	}

	@Test
	void aFormPostWithoutTheCsrfTokenIsRefused() {
		WebClient browser = WebClient.signedUp(port, "Farah Haddad");

		WebClient.Response forged = browser.postForm("/tasks/new", null,
				Map.of("title", "Forged", "startDate", "2026-12-01", "startTime", "10:00", "timeZone", "UTC"));

		assertThat(forged.status()).isEqualTo(403);
	}

	@Test
	void theApiAnswersStrangersWith401JsonNeverALoginRedirect() {
		WebClient.Response response = new WebClient(port).api("GET", "/api/tasks", null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
		assertThat(response.header("Location")).isNull();
	}

	@Test
	void logoutEndsTheSession() {
		WebClient browser = WebClient.signedUp(port, "Gita Rao");
		WebClient.Response tasks = browser.get("/tasks");

		browser.postForm("/logout", tasks.csrf(), Map.of());

		assertThat(browser.get("/tasks").status()).isEqualTo(302);
	}

}
