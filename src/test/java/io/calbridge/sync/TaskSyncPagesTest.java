package io.calbridge.sync;

import java.time.Duration;
import java.util.Map;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees and does about a task's calendar side: the conflict page, the sync log, Retry. */
@CalBridgeTest
class TaskSyncPagesTest {

	static final Duration SYNC = Duration.ofSeconds(20);

	static final String ACCOUNT = "ben.keller@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebClient ben;

	EmulatorAccess emulator;

	Calendar google;

	@BeforeEach
	void connect() {
		ben = WebClient.signedUp(port, "Ben Keller");
		ConsentFlow.connect(ben, ACCOUNT, jdbc);
		emulator = new EmulatorAccess(port);
		google = emulator.calendarOf(ACCOUNT);
	}

	long syncedTask() {
		long id = ben.api("POST", "/api/tasks", Map.of("title", "Quarterly review with Acme", "notes",
				"Slides in the shared drive.", "startAt", "2026-12-10T15:00:00+01:00", "endAt",
				"2026-12-10T16:00:00+01:00", "timeZone", "Europe/Berlin")).json().get("id").asLong();
		state(id, "synced");
		return id;
	}

	long conflictedTask() throws Exception {
		long id = syncedTask();
		String eventId = jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class, id);
		// Both edits before either side hears of the other: with a push, inbound sync would take Google's title
		// first and there would be nothing to clash. The insert's own push is read first.
		Eventually.steady("inbound quiet", Duration.ofMillis(1500), SYNC, () -> jdbc.queryForObject(
				"select bool_and(inbound_requested_at is null and claimed_until is null) from calendar_syncs s join "
						+ "crm_tasks t on t.google_connection_id = s.connection_id where t.id = ?", Boolean.class, id));
		emulator.fault("{\"push\":\"drop\",\"count\":1000000}"); // a backlog of other tests' pushes counts too
		try {
			google.events().patch(ACCOUNT, eventId, new Event().setSummary("Quarterly review (Google)")).execute();
			ben.api("PATCH", "/api/tasks/" + id, Map.of("title", "Quarterly review (CalBridge)"));
			state(id, "conflict");
		}
		finally {
			emulator.clearFaults();
		}
		return id;
	}

	JsonNode state(long id, String state) {
		return Eventually.await("task " + id + " " + state, SYNC, () -> ben.api("GET", "/api/tasks/" + id, null).json(),
				t -> state.equals(t.get("sync").get("state").asString()));
	}

	String summaryInGoogle(long id) {
		String eventId = jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class, id);
		try {
			return google.events().get(ACCOUNT, eventId).execute().getSummary();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void theConflictPageShowsBothVersionsAndAppliesAPerFieldChoiceToBothSides() throws Exception {
		long id = conflictedTask();

		assertThat(ben.get("/tasks/" + id).body()).contains("Resolve the conflict", "changed both here and in Google");
		WebClient.Response page = ben.get("/tasks/" + id + "/conflict");
		assertThat(page.body()).contains("Quarterly review with Acme", "Quarterly review (CalBridge)",
				"Quarterly review (Google)");

		ben.postForm("/tasks/" + id + "/conflict", page.csrf(), Map.of("keep", "fields", "pick_title", "google"));

		JsonNode task = state(id, "synced");
		assertThat(task.get("title").asString()).isEqualTo("Quarterly review (Google)");
		assertThat(task.get("sync").get("conflict").isNull()).isTrue();
		assertThat(summaryInGoogle(id)).isEqualTo("Quarterly review (Google)");
	}

	@Test
	void keepingMineWritesCalBridgesVersionToGoogle() throws Exception {
		long id = conflictedTask();

		ben.postForm("/tasks/" + id + "/conflict", ben.get("/tasks/" + id + "/conflict").csrf(), Map.of("keep", "mine"));

		assertThat(state(id, "synced").get("title").asString()).isEqualTo("Quarterly review (CalBridge)");
		Eventually.until("CalBridge's title in Google", SYNC,
				() -> "Quarterly review (CalBridge)".equals(summaryInGoogle(id)));
	}

	@Test
	void anotherUsersConflictIsNotFound() throws Exception {
		long id = conflictedTask();
		WebClient ana = WebClient.signedUp(port, "Ana Souza");

		assertThat(ana.get("/tasks/" + id + "/conflict").status()).isEqualTo(404);
		assertThat(ana.postForm("/tasks/" + id + "/conflict", ana.get("/tasks").csrf(), Map.of("keep", "mine")).status())
			.isEqualTo(404);
		assertThat(ana.get("/tasks/" + id + "/sync").status()).isEqualTo(404);
		assertThat(state(id, "conflict").get("title").asString()).isEqualTo("Quarterly review (CalBridge)");
	}

	@Test
	void theSyncPageShowsTheLogAndRetryBringsAFailedTaskBack() {
		long id = syncedTask();
		emulator.fault("{\"method\":\"PATCH\",\"path\":\"calendar/v3/calendars/*/events/*\",\"status\":403,"
				+ "\"reason\":\"forbiddenForNonOrganizer\",\"count\":1}");
		ben.api("PATCH", "/api/tasks/" + id, Map.of("title", "Quarterly review, moved to room 2"));
		state(id, "failed");

		WebClient.Response view = ben.get("/tasks/" + id);
		assertThat(view.body()).contains("Only the organizer can change this event", "Retry");
		String log = ben.get("/tasks/" + id + "/sync").body();
		assertThat(log).contains("Sync log", "insert", "update", "failed", "Only the organizer can change this event");

		ben.postForm("/tasks/" + id + "/sync/retry", view.csrf(), Map.of());

		state(id, "synced");
		assertThat(summaryInGoogle(id)).isEqualTo("Quarterly review, moved to room 2");
	}

}
