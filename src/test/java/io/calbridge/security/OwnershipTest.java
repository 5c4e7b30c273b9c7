package io.calbridge.security;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page and API call that takes an id answers 404 for someone else's: not 403, which would confirm the id
 * exists, and nothing of the owner's changes.
 */
@CalBridgeTest
class OwnershipTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	SecurityFixture ana;

	WebClient ben;

	@BeforeEach
	void anaHasEverythingAndBenIsCurious() {
		ana = SecurityFixture.anaWithEverything(port);
		ben = WebClient.signedUp(port, "Ben Keller");
	}

	@Test
	void anotherPersonsTaskPagesAreNotFound() {
		String csrf = ben.get("/tasks").csrf();
		long version = taskVersion();

		assertNotFound(ben.get("/tasks/" + ana.task()));
		assertNotFound(ben.get("/tasks/" + ana.task() + "/edit"));
		assertNotFound(ben.postForm("/tasks/" + ana.task() + "/edit", csrf,
				SecurityFixture.taskForm("Taken over by Ben", version)));
		assertNotFound(ben.get("/tasks/" + ana.task() + "/delete"));
		assertNotFound(ben.postForm("/tasks/" + ana.task() + "/delete", csrf, Map.of()));
		assertNotFound(ben.get("/tasks/" + ana.task() + "/sync"));
		assertNotFound(ben.postForm("/tasks/" + ana.task() + "/sync/retry", csrf, Map.of()));
		assertNotFound(ben.get("/tasks/" + ana.task() + "/conflict"));
		assertNotFound(ben.postForm("/tasks/" + ana.task() + "/conflict", csrf, Map.of("keep", "mine")));

		assertTaskUntouched(version);
	}

	@Test
	void anotherPersonsTaskIsNotFoundThroughTheApi() {
		long version = taskVersion();
		String path = "/api/tasks/" + ana.task();

		assertNotFound(ben.api("GET", path, null));
		assertNotFound(ben.api("PUT", path, Map.of("title", "Taken over by Ben", "version", version, "startAt",
				"2026-12-01T10:00:00+01:00", "timeZone", "Europe/Berlin")));
		assertNotFound(ben.api("PATCH", path, Map.of("title", "Taken over by Ben")));
		assertNotFound(ben.api("DELETE", path, null));
		assertNotFound(ben.api("DELETE", path + "?version=" + version, null));
		assertThat(ben.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).isZero();

		assertTaskUntouched(version);
	}

	@Test
	void anotherPersonsIntegrationIsNotFound() {
		String csrf = ben.get("/settings/integrations").csrf();
		String path = "/settings/integrations/" + ana.integration();

		assertNotFound(ben.get(path + "/edit"));
		assertNotFound(ben.postForm(path + "/edit", csrf, Map.of("name", "Ben's now", "clientId",
				"ben.apps.googleusercontent.com", "clientSecret", "GOCSPX-ben", "status", "INACTIVE")));
		assertNotFound(ben.postForm(path + "/delete", csrf, Map.of()));
		WebClient.Response connect = ben.postForm("/settings/calendar/connect/" + ana.integration(), csrf, Map.of());
		assertThat(connect.header("Location")).as("no consent flow on someone else's client")
			.endsWith("/settings/calendar");

		assertThat(jdbc.queryForMap("select name, status from google_integrations where id = ?", ana.integration()))
			.containsEntry("name", "Built-in Google emulator")
			.containsEntry("status", "ACTIVE");
		assertThat(ben.get("/settings/integrations").body()).doesNotContain("Built-in Google emulator");
	}

	@Test
	void anotherPersonsCalendarConnectionIsNotFound() {
		String csrf = ben.get("/settings/calendar").csrf();
		long connection = ana.connection();

		assertNotFound(ben.postForm("/settings/calendar/settings/" + connection, csrf, SecurityFixture.settingsForm()));
		assertNotFound(ben.postForm("/settings/calendar/task-colors/" + connection, csrf,
				Map.of("color_call", "#000000")));
		assertNotFound(ben.postForm("/settings/calendar/disconnect/" + connection, csrf, Map.of("events", "remove")));
		assertNotFound(ben.postForm("/settings/calendar/sync/" + connection, csrf, Map.of()));
		assertNotFound(ben.postForm("/settings/calendar/bulk-sync/" + connection, csrf, Map.of()));
		assertNotFound(ben.get("/settings/calendar/bulk-sync/" + connection + "/progress"));

		Map<String, Object> row = jdbc.queryForMap("select * from calendar_connections where id = ?", connection);
		assertThat(row.get("state")).isEqualTo("ACTIVE");
		assertThat(row.get("auto_sync")).isEqualTo(true);
		assertThat(String.valueOf(row.get("task_type_colors"))).doesNotContain("#000000");
		assertThat(ben.get("/settings/calendar").body()).doesNotContain("ana.souza@example.com");
		assertThat(ben.get("/settings/calendar/status").json().size()).isZero();
	}

	private void assertNotFound(WebClient.Response answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(404);
		assertThat(answer.body()).doesNotContain("Call Ana about the renewal", "ana.souza@example.com");
	}

	private long taskVersion() {
		return ana.person().api("GET", "/api/tasks/" + ana.task(), null).json().get("version").asLong();
	}

	private void assertTaskUntouched(long version) {
		var task = ana.person().api("GET", "/api/tasks/" + ana.task(), null);
		assertThat(task.status()).isEqualTo(200);
		assertThat(task.json().get("title").asString()).isEqualTo("Call Ana about the renewal");
		assertThat(task.json().get("version").asLong()).isEqualTo(version);
	}

}
