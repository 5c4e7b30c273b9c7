package io.calbridge.sync;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.Test;

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
 * Events other people put on Ana's calendar become meeting tasks when her connection imports external events:
 * one task per instance of a series, declined invitations and Google's status events left alone, and later
 * changes flowing both ways.
 */
@CalBridgeTest
class ImportExternalEventsTest {

	static final Duration SOON = Duration.ofSeconds(15);

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	static String eventId(String prefix) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < 10; i++) {
			id.append("abcdefghijklmnopqrstuv0123456789".charAt(ThreadLocalRandom.current().nextInt(32)));
		}
		return id.toString();
	}

	@Test
	void externalEventsBecomeTasksOnePerInstanceAndStatusOrDeclinedOnesDoNot() throws Exception {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		EmulatorAccess emulator = new EmulatorAccess(port);
		Eventually.until("the first read", SOON, () -> jdbc.queryForObject("select count(*) > 0 and bool_and(sync_token "
				+ "is not null) from calendar_syncs where connection_id = ?", Boolean.class, connection));
		WebClient.Response saved = ana.postForm("/settings/calendar/settings/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", ACCOUNT, "autoSync", "true",
						"importExternalEvents", "true", "deletionRule", "CANCEL_TASK"));
		assertThat(saved.status()).isEqualTo(302);

		LocalDate monday = LocalDate.now(ZoneId.of("Europe/Berlin")).plusWeeks(1)
			.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
		String series = eventId("supplier");
		emulator.addEventAsOtherUser(ACCOUNT, """
				{"id":"%s","summary":"Supplier sync with Nordwind GmbH",
				 "organizer":{"email":"lukas.weber@nordwind.example","displayName":"Lukas Weber"},
				 "attendees":[{"email":"lukas.weber@nordwind.example","organizer":true,"responseStatus":"accepted"},
				              {"email":"ana.souza@example.com","responseStatus":"accepted"}],
				 "start":{"dateTime":"%sT09:00:00","timeZone":"Europe/Berlin"},
				 "end":{"dateTime":"%sT09:30:00","timeZone":"Europe/Berlin"},
				 "recurrence":["RRULE:FREQ=WEEKLY;COUNT=6"]}""".formatted(series, monday, monday));
		emulator.addEventAsOtherUser(ACCOUNT, """
				{"id":"%s","summary":"Vendor pitch (declined)",
				 "organizer":{"email":"sales@pushy.example"},
				 "attendees":[{"email":"sales@pushy.example","organizer":true,"responseStatus":"accepted"},
				              {"email":"ana.souza@example.com","self":true,"responseStatus":"declined"}],
				 "start":{"dateTime":"%sT15:00:00+01:00"},"end":{"dateTime":"%sT16:00:00+01:00"}}"""
			.formatted(eventId("declined"), monday, monday));
		for (String type : List.of("focusTime", "outOfOffice", "workingLocation", "birthday")) {
			emulator.addEventAsOtherUser(ACCOUNT, """
					{"id":"%s","summary":"Status: %s","eventType":"%s",
					 "start":{"dateTime":"%sT12:00:00+01:00"},"end":{"dateTime":"%sT13:00:00+01:00"}}"""
				.formatted(eventId("status"), type, type, monday.plusDays(1), monday.plusDays(1)));
		}

		Eventually.until("six instances imported", SOON, () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where user_id = ? and title = 'Supplier sync with Nordwind GmbH'",
				Long.class, user) == 6);
		Thread.sleep(1000);
		List<String> titles = jdbc.queryForList("select title from crm_tasks where user_id = ?", String.class, user);
		assertThat(titles).as("declined and status events stay out")
			.noneMatch(title -> title.startsWith("Vendor pitch") || title.startsWith("Status: "));
		// Turning import on also brought in what was already in the calendar (the emulator's seeded events).
		assertThat(titles).as("events that were there before import was turned on")
			.contains("Product demo — Nair Logistics", "Pipeline review");
		assertThat(jdbc.queryForList("select distinct type || '/' || sync_state || '/' || imported_from_google "
				+ "from crm_tasks where user_id = ?", String.class, user)).containsExactly("MEETING/SYNCED/true");
		assertThat(jdbc.queryForList("select google_event_id from crm_tasks where user_id = ? and title = "
				+ "'Supplier sync with Nordwind GmbH' order by start_at", String.class, user))
			.allMatch(id -> id.startsWith(series + "_"))
			.doesNotHaveDuplicates();
		long imported = titles.size();

		// Later changes flow both ways: Google → task …
		Calendar google = emulator.calendarOf(ACCOUNT);
		String second = jdbc.queryForObject("select google_event_id from crm_tasks where user_id = ? and title = "
				+ "'Supplier sync with Nordwind GmbH' order by start_at offset 1 limit 1", String.class, user);
		google.events().patch(ACCOUNT, second, new Event().setSummary("Supplier sync — price review")).execute();
		Eventually.until("the instance's new title", SOON, () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where user_id = ? and title = 'Supplier sync — price review'",
				Long.class, user) == 1);
		// … and task → Google.
		long taskId = jdbc.queryForObject("select id from crm_tasks where user_id = ? and google_event_id = ?",
				Long.class, user, second);
		ana.api("PATCH", "/api/tasks/" + taskId, Map.of("notes", "Bring last year's volumes."));
		Eventually.until("the note in Google", SOON, () -> {
			try {
				String description = google.events().get(ACCOUNT, second).execute().getDescription();
				return description != null && description.contains("Bring last year's volumes.");
			}
			catch (java.io.IOException ex) {
				return false;
			}
		});

		// Turning import off deletes nothing, not even after the next read of the calendar.
		assertThat(ana.postForm("/settings/calendar/settings/" + connection, ana.get("/settings/calendar").csrf(),
				Map.of("defaultCalendarId", ACCOUNT, "autoSync", "true", "deletionRule", "CANCEL_TASK")).status())
			.isEqualTo(302);
		assertThat(jdbc.queryForObject("select import_external_events from calendar_connections where id = ?",
				Boolean.class, connection)).isFalse();
		jdbc.update("update calendar_syncs set inbound_requested_at = now() where connection_id = ? and calendar_id = ?",
				connection, ACCOUNT);
		Eventually.until("the calendar read again", SOON, () -> jdbc.queryForObject("""
				select inbound_requested_at is null and claimed_until is null from calendar_syncs
				where connection_id = ? and calendar_id = ?""", Boolean.class, connection, ACCOUNT));
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and deleted_at is null",
				Long.class, user)).isEqualTo(imported);
	}

}
