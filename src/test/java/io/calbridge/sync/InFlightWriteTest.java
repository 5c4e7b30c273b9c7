package io.calbridge.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
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

/**
 * Inbound sync may read the version CalBridge's own write makes before that write's answer arrives. Found by the
 * long soak (seed 6997313739956): Chloé invited, the patch on its way, the person removed her again, and inbound,
 * reading the version with her, took her back into the task as if Google had added her.
 */
@CalBridgeTest
class InFlightWriteTest {

	static final Duration SOON = Duration.ofSeconds(20);

	static final String ACCOUNT = "ana.souza@example.com";

	static final String CHLOE = "chloe.martin@acme.example";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aGuestRemovedWhileHerInvitationIsOnItsWayStaysRemoved() throws IOException {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		EmulatorAccess emulator = new EmulatorAccess(port);
		Calendar google = emulator.calendarOf(ACCOUNT);
		long id = ana.api("POST", "/api/tasks", Map.of("title", "Kick-off with Acme", "startAt",
				"2027-01-19T14:00:00Z", "endAt", "2027-01-19T16:00:00Z", "timeZone", "Europe/Lisbon"))
			.json()
			.get("id")
			.asLong();
		JsonNode task = Eventually.await("synced", SOON, () -> ana.api("GET", "/api/tasks/" + id, null).json(),
				t -> "synced".equals(t.get("sync").get("state").asString()));
		String eventId = task.get("sync").get("eventId").asString();
		String channel = jdbc.queryForObject("select p.id::text from push_channels p join calendar_syncs s "
				+ "on s.id = p.calendar_sync_id where s.connection_id = ? and s.calendar_id = ? and p.stopped_at is null",
				String.class, connection, ACCOUNT);
		try {
			// Inbound reads only when asked below; Google applies the invitation at once and answers 3 s later.
			emulator.fault("{\"push\":\"drop\",\"channelId\":\"" + channel + "\",\"count\":1000000}");
			emulator.fault("{\"method\":\"PATCH\",\"path\":\"calendar/v3/calendars/*/events/" + eventId
					+ "\",\"answerLatencyMs\":3000,\"count\":1}");
			long invited = ana.api("PATCH", "/api/tasks/" + id, Map.of("attendees", List.of(Map.of("email", CHLOE))))
				.json()
				.get("version")
				.asLong();
			Eventually.until("the invitation applied in Google", SOON, () -> guestsIn(google, eventId).contains(CHLOE));

			ana.api("PATCH", "/api/tasks/" + id, Map.of("attendees", List.of(), "version", invited));
			jdbc.update("update calendar_syncs set inbound_requested_at = now() where connection_id = ? and "
					+ "calendar_id = ?", connection, ACCOUNT);
			Eventually.until("inbound read the version with Chloé", SOON, () -> jdbc.queryForObject(
					"select inbound_requested_at is null and claimed_until is null from calendar_syncs "
							+ "where connection_id = ? and calendar_id = ?", Boolean.class, connection, ACCOUNT));
		}
		finally {
			emulator.clearFaults();
		}

		JsonNode settled = Eventually.await("the removal in Google", SOON,
				() -> ana.api("GET", "/api/tasks/" + id, null).json(),
				t -> "synced".equals(t.get("sync").get("state").asString()) && !guestsIn(google, eventId).contains(CHLOE));
		assertThat(settled.get("attendees")).as("the person's removal stands").isEmpty();
	}

	private static List<String> guestsIn(Calendar google, String eventId) {
		try {
			Event event = google.events().get(ACCOUNT, eventId).execute();
			return event.getAttendees() == null ? List.of()
					: event.getAttendees().stream().map(EventAttendee::getEmail).toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
