package io.calbridge.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 8: sign-up took {@code 1111111111} and {@code password12}, and told anyone whether an email had an account.
 * (Finding 5's 72-character password of more than 72 bytes, a 500 from BCrypt, is here too.)
 */
@CalBridgeTest
class PasswordsAndSignupTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void commonShortAndOverlongPasswordsAreRefusedWithAMessageAndNoAccountIsMade() {
		Map<String, String> refused = Map.of("1111111111", "Use at least 12 characters", "password12",
				"Use at least 12 characters", "password1234", "Too easy to guess", "qwertyuiop12", "Too easy to guess",
				"111111111111", "Too easy to guess", "é".repeat(72), "At most 72 bytes", "short", "Use at least 12");
		refused.forEach((password, message) -> {
			String email = WebClient.uniqueEmail("ana.souza");
			WebClient.Response page = signUp("Ana Souza", email, password);
			assertThat(page.status()).as(password).isEqualTo(422);
			assertThat(page.body()).as(password).contains(message);
			assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, email)).as(password)
				.isZero();
		});

		String email = WebClient.uniqueEmail("ana.souza");
		assertThat(signUp("Ana Souza", email, "Renewal-Quiet-Harbor-42").status()).isEqualTo(302);
		assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, email)).isOne();
	}

	@Test
	void theFormSaysWhatAPasswordMustBe() {
		assertThat(new WebClient(port).get("/signup").body()).contains("12 characters or more", "at most 72 bytes",
				"common or leaked passwords are refused");
	}

	@Test
	void signUpAnswersATakenEmailExactlyAsANewOneAndChangesNothing() {
		String taken = WebClient.uniqueEmail("ben.keller");
		assertThat(signUp("Ben Keller", taken, "correct horse battery").status()).isEqualTo(302);
		String hashBefore = jdbc.queryForObject("select password_hash from users where email = ?", String.class, taken);

		WebClient attacker = new WebClient(port);
		WebClient.Response forTaken = attacker.postForm("/signup", attacker.get("/signup").csrf(),
				Map.of("displayName", "Mallory", "email", taken.toUpperCase(), "password", "Renewal-Quiet-Harbor-42"));
		WebClient fresh = new WebClient(port);
		WebClient.Response forNew = fresh.postForm("/signup", fresh.get("/signup").csrf(), Map.of("displayName",
				"Mallory", "email", WebClient.uniqueEmail("nobody.yet"), "password", "Renewal-Quiet-Harbor-42"));

		assertThat(forTaken.status()).isEqualTo(forNew.status()).isEqualTo(302);
		assertThat(forTaken.header("Location")).isEqualTo(forNew.header("Location")).endsWith("/login?signedUp");
		assertThat(forTaken.body()).isEqualTo(forNew.body());
		String takenPage = withoutCsrf(attacker.follow(forTaken).body());
		assertThat(takenPage).isEqualTo(withoutCsrf(fresh.follow(forNew).body()))
			.contains("If this email already had a CalBridge account, nothing about it was changed");
		assertThat(attacker.get("/tasks").status()).as("neither is logged in").isEqualTo(302);
		assertThat(fresh.get("/tasks").status()).isEqualTo(302);

		assertThat(jdbc.queryForObject("select password_hash from users where email = ?", String.class, taken))
			.as("the existing account is unchanged").isEqualTo(hashBefore);
		assertThat(jdbc.queryForObject("select display_name from users where email = ?", String.class, taken))
			.isEqualTo("Ben Keller");
	}

	private WebClient.Response signUp(String name, String email, String password) {
		WebClient browser = new WebClient(port);
		return browser.postForm("/signup", browser.get("/signup").csrf(),
				Map.of("displayName", name, "email", email, "password", password));
	}

	private static String withoutCsrf(String html) {
		return html.replaceAll("name=\"_csrf\"\\s+value=\"[^\"]+\"", "name=\"_csrf\"").replaceAll("\\s+", " ");
	}

}
