package io.calbridge.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;

import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ben's calendar as a real user has it after turning import on: CRM tasks CalBridge sent (one with a guest, two
 * without), and events someone made in Google, imported as tasks: his own meeting with a guest, a weekly series,
 * an invitation from Ana (another emulator account) and whatever else his calendar already held.
 */
public record MixedCalendar(long connection, long user, String account, Set<String> madeByCalBridge,
		Set<String> madeInGoogle, long ownMeetingTask, long invitationTask, String ownMeetingEvent,
		String invitationEvent) {

	public static final String BEN = "ben.keller@example.com";

	public static final String ANA = "ana.souza@example.com";

	public static final String CARLA = "carla.mendes@client.example";

	static final Duration SOON = Duration.ofSeconds(45);

	public static MixedCalendar prepare(int port, JdbcTemplate jdbc, WebClient person) {
		String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
		long connection = ConsentFlow.connect(person, BEN, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		Eventually.until("the first read", SOON, () -> jdbc.queryForObject("select count(*) > 0 and bool_and(sync_token "
				+ "is not null) from calendar_syncs where connection_id = ?", Boolean.class, connection));
		EmulatorAccess emulator = new EmulatorAccess(port);
		Calendar ben = emulator.calendarOf(BEN);
		LocalDate monday = LocalDate.now(ZoneId.of("Europe/Berlin")).plusWeeks(1)
			.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
		try {
			WebClient.Response saved = person.postForm("/settings/calendar/settings/" + connection,
					person.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", BEN, "autoSync", "true",
							"importExternalEvents", "true", "deletionRule", "CANCEL_TASK"));
			assertThat(person.follow(saved).body()).contains("Calendar settings saved.");
			// Made after import is on, so they arrive as changes (push or poll), as a person's new events do.
			Event own = ben.events().insert(BEN, meeting("Quarterly review with Carla " + run, monday, 9, CARLA))
				.setSendUpdates("none").execute();
			ben.events().insert(BEN, meeting("Team stand-up " + run, monday, 8).setRecurrence(
					List.of("RRULE:FREQ=WEEKLY;COUNT=3"))).setSendUpdates("none").execute();
			Event invitation = emulator.calendarOf(ANA).events()
				.insert(ANA, meeting("Costa Têxteis kick-off " + run, monday.plusDays(1), 14, BEN))
				.setSendUpdates("none").execute();
			person.api("POST", "/api/tasks", Map.of("title", "Call Acme " + run, "startAt", monday + "T12:00:00Z"));
			person.api("POST", "/api/tasks", Map.of("title", "Send the Initech offer " + run, "startAt",
					monday + "T13:00:00Z"));
			person.api("POST", "/api/tasks", Map.of("title", "Demo for Globex " + run, "startAt", monday + "T15:00:00Z",
					"attendees", List.of(Map.of("email", CARLA, "name", "Carla Mendes"))));
			Eventually.until("three CRM tasks in Google", SOON, () -> jdbc.queryForObject("select count(*) from crm_tasks "
					+ "where user_id = ? and not imported_from_google and sync_state = 'SYNCED'", Long.class, user) == 3);
			Eventually.await("the meeting, the series and the invitation imported", SOON, () -> jdbc.queryForList(
					"select title from crm_tasks where user_id = ? and imported_from_google and title like ?",
					String.class, user, "%" + run), titles -> titles.size() == 5);
			// One more read, finished, so everything the calendar held is in before anyone counts.
			jdbc.update("update calendar_syncs set inbound_requested_at = now() where connection_id = ? and "
					+ "calendar_id = ?", connection, BEN);
			Eventually.until("the calendar read to the end", SOON, () -> jdbc.queryForObject(
					"select inbound_requested_at is null and claimed_until is null and sync_token is not null from calendar_syncs "
							+ "where connection_id = ? and calendar_id = ?", Boolean.class, connection, BEN));
			long ownTask = task(jdbc, user, own.getId());
			long invitationTask = task(jdbc, user, invitation.getId());
			Set<String> made = Set.copyOf(jdbc.queryForList("select google_event_id from crm_tasks where user_id = ? "
					+ "and event_origin = 'CALBRIDGE'", String.class, user));
			Set<String> imported = Set.copyOf(jdbc.queryForList("select google_event_id from crm_tasks where "
					+ "user_id = ? and event_origin = 'GOOGLE'", String.class, user));
			return new MixedCalendar(connection, user, BEN, made, imported, ownTask, invitationTask, own.getId(),
					invitation.getId());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static long task(JdbcTemplate jdbc, long user, String eventId) {
		return jdbc.queryForObject("select id from crm_tasks where user_id = ? and google_event_id = ?", Long.class, user,
				eventId);
	}

	static Event meeting(String title, LocalDate day, int hour, String... guests) {
		List<EventAttendee> attendees = new ArrayList<>();
		for (String guest : guests) {
			attendees.add(new EventAttendee().setEmail(guest));
		}
		return new Event().setSummary(title)
			.setStart(new EventDateTime().setDateTime(new DateTime(day + "T%02d:00:00+01:00".formatted(hour)))
				.setTimeZone("Europe/Berlin"))
			.setEnd(new EventDateTime().setDateTime(new DateTime(day + "T%02d:30:00+01:00".formatted(hour)))
				.setTimeZone("Europe/Berlin"))
			.setAttendees(attendees.isEmpty() ? null : attendees);
	}

	/** The event as Google has it now: its status, or "gone" when Google no longer knows it. */
	public static String statusIn(Calendar calendar, String calendarId, String eventId) {
		try {
			return calendar.events().get(calendarId, eventId).execute().getStatus();
		}
		catch (GoogleJsonResponseException ex) {
			if (ex.getStatusCode() == 404 || ex.getStatusCode() == 410) {
				return "gone";
			}
			throw new UncheckedIOException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
