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
import tools.jackson.databind.JsonNode;

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

	@org.junit.jupiter.api.BeforeEach
	void freshGoogle() {
		// Earlier tests' connections to the same account (importing too) no longer read it: counts are this test's.
		new EmulatorAccess(port).post("/emulator/admin/reset", "{}");
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
		emulator.addEventAsOtherUser(ACCOUNT, """
				{"id":"%s","organizer":{"email":"lukas.weber@nordwind.example"},
				 "start":{"dateTime":"%sT17:00:00+01:00"},"end":{"dateTime":"%sT17:30:00+01:00"}}"""
			.formatted(eventId("untitled"), monday, monday));
		for (String type : List.of("focusTime", "outOfOffice", "workingLocation", "birthday")) {
			emulator.addEventAsOtherUser(ACCOUNT, """
					{"id":"%s","summary":"Status: %s","eventType":"%s",
					 "start":{"dateTime":"%sT12:00:00+01:00"},"end":{"dateTime":"%sT13:00:00+01:00"}}"""
				.formatted(eventId("status"), type, type, monday.plusDays(1), monday.plusDays(1)));
		}

		Eventually.until("six instances imported", SOON, () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where user_id = ? and title = 'Supplier sync with Nordwind GmbH'",
				Long.class, user) == 6);
		// The pushes of the later events have arrived and been read: no read asked for or under way for a second.
		Eventually.steady("Ana's calendar quiet", Duration.ofSeconds(1), SOON, () -> jdbc.queryForObject(
				"select inbound_requested_at is null and claimed_until is null from calendar_syncs "
						+ "where connection_id = ? and calendar_id = ?", Boolean.class, connection, ACCOUNT));
		List<String> titles = jdbc.queryForList("select title from crm_tasks where user_id = ?", String.class, user);
		assertThat(titles).as("declined and status events stay out")
			.noneMatch(title -> title.startsWith("Vendor pitch") || title.startsWith("Status: "));
		// Turning import on also brought in what was already in the calendar (the emulator's seeded events).
		assertThat(titles).as("an event without a title, named as Google shows it").contains("(No title)");
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
		// Lukas, the organizer, renames one occurrence (a guest may not: Google answers 403).
		Event renamed = google.events().get(ACCOUNT, second).execute().setSummary("Supplier sync — price review");
		emulator.addEventAsOtherUser(ACCOUNT, com.google.api.client.json.gson.GsonFactory.getDefaultInstance()
			.toString(renamed.setEtag(null)));
		Eventually.until("the instance's new title", SOON, () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where user_id = ? and title = 'Supplier sync — price review'",
				Long.class, user) == 1);
		// … and task → Google, for an event Ana organizes herself …
		long lunch = jdbc.queryForObject("select id from crm_tasks where user_id = ? and title = "
				+ "'Lunch with Carla Mendes'", Long.class, user);
		String lunchEvent = jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class, lunch);
		ana.api("PATCH", "/api/tasks/" + lunch, Map.of("notes", "Bring last year's volumes."));
		Eventually.until("the note in Google", SOON, () -> {
			try {
				String description = google.events().get(ACCOUNT, lunchEvent).execute().getDescription();
				return description != null && description.contains("Bring last year's volumes.");
			}
			catch (java.io.IOException ex) {
				return false;
			}
		});
		// … while the notes of Lukas's invitation stay in CalBridge: his description is his.
		long taskId = jdbc.queryForObject("select id from crm_tasks where user_id = ? and google_event_id = ?",
				Long.class, user, second);
		assertThat(ana.api("PATCH", "/api/tasks/" + taskId, Map.of("notes", "Ask about volumes.")).json()
			.get("sync").get("state").asString()).isEqualTo("synced");
		assertThat(google.events().get(ACCOUNT, second).execute().getDescription()).isNull();

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

	@Test
	void turningImportOnSaysReadingThenWhatCameInCountingAWeeklySeriesOnce() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = connected(ana);
		EmulatorAccess emulator = new EmulatorAccess(port);
		String clients = secondaryCalendar(emulator);
		LocalDate monday = LocalDate.now(ZoneId.of("America/Sao_Paulo")).plusWeeks(1)
			.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
		emulator.addEventAsOtherUser(clients, """
				{"id":"%s","summary":"Weekly stand-up with Nair Logistics",
				 "organizer":{"email":"priya.nair@example.org","displayName":"Priya Nair"},
				 "start":{"dateTime":"%sT10:00:00-03:00","timeZone":"America/Sao_Paulo"},
				 "end":{"dateTime":"%sT10:15:00-03:00","timeZone":"America/Sao_Paulo"},
				 "recurrence":["RRULE:FREQ=WEEKLY;COUNT=6"]}""".formatted(eventId("standup"), monday, monday));
		for (String title : List.of("Contract review with Acme", "Site visit Campinas")) {
			emulator.addEventAsOtherUser(clients, """
					{"id":"%s","summary":"%s","start":{"dateTime":"%sT15:00:00-03:00"},
					 "end":{"dateTime":"%sT16:00:00-03:00"}}""".formatted(eventId("single"), title, monday.plusDays(2),
					monday.plusDays(2)));
		}
		// The read takes a moment (as with a big calendar), so the page has something to say meanwhile.
		emulator.fault("{\"method\":\"GET\",\"path\":\"calendar/v3/calendars/*/events\",\"latencyMs\":1500,"
				+ "\"count\":4}");

		WebClient.Response saved = importOn(ana, connection, clients);

		assertThat(ana.follow(saved).body()).as("the calendar by its name")
			.contains("Reading Ana — Client meetings for events to import");
		String statusUrl = "/settings/calendar/import/" + connection + "/status";
		assertThat(ana.get(statusUrl).json().get("message").asString()).isEqualTo(
				"Reading " + clients + " for events to import…");
		JsonNode done = Eventually.await("the import read", SOON, () -> ana.get(statusUrl).json(),
				status -> "done".equals(status.get("state").asString()));
		emulator.clearFaults();
		assertThat(done.get("events").asLong()).isEqualTo(8);
		assertThat(done.get("series").asLong()).isEqualTo(1);
		assertThat(done.get("occurrences").asLong()).isEqualTo(6);
		assertThat(done.get("message").asString())
			.isEqualTo("8 events imported from " + clients + " (1 weekly series as 6 occurrences).");
		assertThat(ana.get("/settings/calendar").body()).contains("hx-get=\"" + statusUrl + "\"");
	}

	@Test
	void changingTheDefaultCalendarWithImportOnImportsTheNewCalendarAndAnEmptyOneSaysSo() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = connected(ana);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		EmulatorAccess emulator = new EmulatorAccess(port);
		String clients = secondaryCalendar(emulator);
		String statusUrl = "/settings/calendar/import/" + connection + "/status";

		importOn(ana, connection, clients);
		JsonNode empty = Eventually.await("the empty calendar read", SOON, () -> ana.get(statusUrl).json(),
				status -> "done".equals(status.get("state").asString()));
		assertThat(empty.get("message").asString())
			.isEqualTo(clients + " has no events to import: it is empty in the sync window.");

		// Import stays on; only the calendar changes: the primary calendar's events come in without switching off.
		importOn(ana, connection, ACCOUNT);
		JsonNode primary = Eventually.await("the primary calendar read", SOON, () -> ana.get(statusUrl).json(),
				status -> "done".equals(status.get("state").asString()));

		long imported = jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and google_calendar_id = ? "
				+ "and imported_from_google", Long.class, user, ACCOUNT);
		long occurrences = jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and "
				+ "google_calendar_id = ? and imported_from_google and title like 'Pipeline review%'", Long.class, user,
				ACCOUNT);
		assertThat(imported).as("the seeded lunch, demo and pipeline reviews").isGreaterThan(occurrences)
			.isGreaterThan(2);
		assertThat(primary.get("events").asLong()).isEqualTo(imported);
		// The seeded weekly review skips a week (an EXDATE): not evenly weekly any more, so just "recurring".
		assertThat(primary.get("message").asString()).isEqualTo(imported + " events imported from " + ACCOUNT
				+ " (1 recurring series as " + occurrences + " occurrences).");
	}

	private long connected(WebClient ana) {
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		Eventually.until("the first read", SOON, () -> jdbc.queryForObject("select count(*) > 0 and bool_and(sync_token "
				+ "is not null) from calendar_syncs where connection_id = ?", Boolean.class, connection));
		return connection;
	}

	private static WebClient.Response importOn(WebClient ana, long connection, String calendarId) {
		WebClient.Response saved = ana.postForm("/settings/calendar/settings/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", calendarId, "autoSync", "true",
						"importExternalEvents", "true", "deletionRule", "CANCEL_TASK"));
		assertThat(saved.status()).isEqualTo(302);
		return saved;
	}

	/** Ana's secondary calendar: empty in a fresh emulator. */
	private static String secondaryCalendar(EmulatorAccess emulator) {
		try {
			return emulator.calendarOf(ACCOUNT).calendarList().list().execute().getItems().stream()
				.filter(c -> !Boolean.TRUE.equals(c.getPrimary()) && "owner".equals(c.getAccessRole()))
				.map(com.google.api.services.calendar.model.CalendarListEntry::getId)
				.findFirst()
				.orElseThrow();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
