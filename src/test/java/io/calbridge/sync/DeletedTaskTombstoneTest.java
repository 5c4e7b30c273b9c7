package io.calbridge.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
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
import io.calbridge.tasks.TaskSyncStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deleted task's tombstone goes on until its event is gone, whatever else answers meanwhile. Seen under load: a
 * merge that found a conflict after the person deleted the task put the tombstone into CONFLICT, where no worker
 * takes it again, so the event stayed in Google.
 */
@CalBridgeTest
class DeletedTaskTombstoneTest {

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TaskSyncStore store;

	@Test
	void aConflictFoundAfterTheTaskWasDeletedDoesNotStopItsDeletion() throws IOException {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		ConsentFlow.connect(ana, ACCOUNT, jdbc);
		EmulatorAccess emulator = new EmulatorAccess(port);
		Calendar google = emulator.calendarOf(ACCOUNT);
		long id = ana.api("POST", "/api/tasks", Map.of("title", "Kick-off with Acme", "startAt",
				"2026-12-10T15:00:00+01:00", "endAt", "2026-12-10T16:00:00+01:00", "timeZone", "Europe/Berlin"))
			.json()
			.get("id")
			.asLong();
		Eventually.until("synced", Duration.ofSeconds(20), () -> "synced"
			.equals(ana.api("GET", "/api/tasks/" + id, null).json().get("sync").get("state").asString()));
		String eventId = ana.api("GET", "/api/tasks/" + id, null).json().get("sync").get("eventId").asString();
		long version = ana.api("GET", "/api/tasks/" + id, null).json().get("version").asLong();
		// Google answers the deletion slowly at first, so the tombstone is still there when the merge's answer lands.
		emulator.fault("{\"method\":\"DELETE\",\"path\":\"calendar/v3/calendars/*/events/" + eventId
				+ "\",\"status\":503,\"count\":2}");

		assertThat(ana.api("DELETE", "/api/tasks/" + id + "?version=" + version, null).status()).isEqualTo(204);
		store.conflicted(id, Map.of("fields", List.of("title")), "\"etag-of-a-late-read\"", null);

		Eventually.until("the tombstone purged", Duration.ofSeconds(20),
				() -> jdbc.queryForObject("select count(*) from crm_tasks where id = ?", Long.class, id) == 0);
		assertThat(google.events().get(ACCOUNT, eventId).execute().getStatus()).isEqualTo("cancelled");
	}


	@Test
	void aTaskDeletedWhileItsInsertHangsLeavesNoEventWhenThatInsertLandsLate() throws IOException {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		ConsentFlow.connect(ana, ACCOUNT, jdbc);
		EmulatorAccess emulator = new EmulatorAccess(port);
		Calendar google = emulator.calendarOf(ACCOUNT);
		// Google takes 7 s before it applies the insert; CalBridge stops waiting after 5 s (the test read timeout).
		emulator.fault("{\"method\":\"POST\",\"path\":\"calendar/v3/calendars/*/events\",\"latencyMs\":7000,"
				+ "\"count\":1}");
		JsonNode created = ana.api("POST", "/api/tasks", Map.of("title", "Contract signing with Lumen Labs", "startAt",
				"2027-02-13T10:00:00Z", "endAt", "2027-02-13T11:00:00Z", "timeZone", "Europe/Lisbon",
				"attendees", List.of(Map.of("email", "ben.keller@example.com"))))
			.json();
		long id = created.get("id").asLong();
		Eventually.until("the insert on its way", Duration.ofSeconds(5), () -> jdbc.queryForObject(
				"select sync_next_attempt_at > now() + interval '1 minute' from crm_tasks where id = ?", Boolean.class,
				id));

		assertThat(ana.api("DELETE", "/api/tasks/" + id + "?version=" + created.get("version").asLong(), null).status())
			.isEqualTo(204);

		Eventually.until("the tombstone purged", Duration.ofSeconds(30),
				() -> jdbc.queryForObject("select count(*) from crm_tasks where id = ?", Long.class, id) == 0);
		Eventually.until("Google has applied the late insert", Duration.ofSeconds(15),
				() -> emulator.requestEntries().stream().anyMatch(r -> "POST".equals(r.get("method").asString())
						&& r.get("path").asString().endsWith("/events") && r.get("status").asInt() == 200));
		List<Event> left = google.events()
			.list(ACCOUNT)
			.setPrivateExtendedProperty(List.of("calbridgeTaskId=" + id))
			.execute()
			.getItems();
		assertThat(left).as("the late insert's event was removed too").isEmpty();
	}

}
