package io.calbridge.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;
import io.calbridge.ConsentFlow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form posted from another site rides on the person's session cookie but cannot know the page's CSRF token:
 * every form of the app refuses it with 403 and changes nothing.
 */
@CalBridgeTest
class CsrfTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyFormOfALoggedInPersonRefusesAPostWithoutItsToken() {
		SecurityFixture ana = SecurityFixture.anaWithEverything(port);
		WebClient person = ana.person();
		long version = person.api("GET", "/api/tasks/" + ana.task(), null).json().get("version").asLong();
		Map<String, Map<String, String>> forms = new LinkedHashMap<>();
		forms.put("/tasks/new", SecurityFixture.taskForm("Forged task", 0));
		forms.put("/tasks/" + ana.task() + "/edit", SecurityFixture.taskForm("Forged edit", version));
		forms.put("/tasks/" + ana.task() + "/delete", Map.of());
		forms.put("/settings/integrations/new", Map.of("name", "Forged", "clientId", "forged.apps.googleusercontent.com",
				"clientSecret", "GOCSPX-forged"));
		forms.put("/settings/integrations/emulator", Map.of());
		forms.put("/settings/integrations/" + ana.integration() + "/edit", Map.of("name", "Forged", "clientId",
				"forged.apps.googleusercontent.com", "status", "INACTIVE"));
		forms.put("/settings/integrations/" + ana.integration() + "/delete", Map.of());
		forms.put("/settings/calendar/connect/" + ana.integration(), Map.of());
		forms.put("/settings/calendar/settings/" + ana.connection(), SecurityFixture.settingsForm());
		forms.put("/settings/calendar/task-colors/" + ana.connection(), Map.of("color_call", "#000000"));
		forms.put("/settings/calendar/disconnect/" + ana.connection(), Map.of("events", "remove"));
		forms.put("/tasks/" + ana.task() + "/sync/retry", Map.of());
		forms.put("/tasks/" + ana.task() + "/conflict", Map.of("keep", "google"));
		forms.put("/settings/calendar/sync/" + ana.connection(), Map.of());
		forms.put("/settings/calendar/bulk-sync/" + ana.connection(), Map.of());
		forms.put("/logout", Map.of());

		forms.forEach((path, fields) -> {
			assertThat(person.postForm(path, null, fields).status()).as("POST %s without a token", path).isEqualTo(403);
			assertThat(person.postForm(path, "forged-token-from-another-site", fields).status())
				.as("POST %s with a made-up token", path)
				.isEqualTo(403);
		});

		assertThat(person.get("/tasks").status()).as("still logged in: the logout was refused too").isEqualTo(200);
		var task = person.api("GET", "/api/tasks/" + ana.task(), null).json();
		assertThat(task.get("title").asString()).isEqualTo("Call Ana about the renewal");
		assertThat(task.get("version").asLong()).isEqualTo(version);
		assertThat(person.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(jdbc.queryForObject("select count(*) from google_integrations where user_id = "
				+ "(select user_id from google_integrations where id = ?)", Long.class, ana.integration())).isEqualTo(1);
		assertThat(jdbc.queryForMap("select state, auto_sync from calendar_connections where id = ?", ana.connection()))
			.containsEntry("state", "ACTIVE")
			.containsEntry("auto_sync", true);
	}

	@Test
	void signUpLoginAndTheConsentPageRefuseAPostWithoutItsToken() {
		WebClient stranger = new WebClient(port);
		stranger.get("/signup");
		String email = WebClient.uniqueEmail("mallory");

		assertThat(stranger.postForm("/signup", null, Map.of("displayName", "Mallory", "email", email, "password",
				"correct horse battery")).status()).isEqualTo(403);
		assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, email)).isZero();
		assertThat(stranger.postForm("/login", null, Map.of("username", email, "password", "correct horse battery"))
			.status()).isEqualTo(403);

		WebClient ben = WebClient.signedUp(port, "Ben Keller");
		WebClient.Response consent = ben.follow(ConsentFlow.startConnect(ben, ConsentFlow.addEmulatorIntegration(ben)));
		Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(consent.body());
		assertThat(action.find()).isTrue();
		Matcher request = Pattern.compile("name=\"request\"[^>]*value=\"([^\"]*)\"").matcher(consent.body());
		assertThat(request.find()).isTrue();
		WebClient.Response forged = ben.postForm(action.group(1), null,
				Map.of("request", request.group(1), "account", "ben.keller@example.com", "decision", "allow"));
		assertThat(forged.status()).as("the emulator's consent page, like Google's, cannot be clicked for you")
			.isEqualTo(403);
	}

}
