package io.calbridge.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a task whose event someone else made removes it from CalBridge only, unless the person asks for more:
 * "also delete it in Google Calendar", or, for an invitation from another organizer, "also decline it".
 * CalBridge's own events still go with their tasks, and their guests hear of it.
 */
@CalBridgeTest
class DeletingImportedTasksTest {

	static final Duration SOON = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebClient gina;

	MixedCalendar calendar;

	EmulatorAccess emulator;

	Calendar google;

	@BeforeEach
	void calendarWithImports() {
		gina = WebClient.signedUp(port, "Gina Rossi");
		calendar = MixedCalendar.prepare(port, jdbc, gina);
		emulator = new EmulatorAccess(port);
		google = emulator.calendarOf(calendar.account());
		emulator.clearRequests();
		emulator.clearMail();
	}

	/** One task per event across users: the next test's user imports Ben's events only once this one lets go. */
	@AfterEach
	void disconnect() {
		WebClient.Response settings = gina.get("/settings/calendar");
		assertThat(gina.postForm("/settings/calendar/disconnect/" + calendar.connection(), settings.csrf(),
				Map.of("events", "keep")).status()).isEqualTo(302);
	}

	private long version(long taskId) {
		return gina.api("GET", "/api/tasks/" + taskId, null).json().get("version").asLong();
	}

	private String status(String eventId) {
		return MixedCalendar.statusIn(google, calendar.account(), eventId);
	}

	/** Lets the outbound worker and a read of the calendar run, so a wrong delete or a re-import would show. */
	private void workersHadTheirTurn() {
		jdbc.update("update calendar_syncs set inbound_requested_at = now() where connection_id = ?",
				calendar.connection());
		Eventually.until("the calendar read again", SOON, () -> jdbc.queryForObject("select bool_and("
				+ "inbound_requested_at is null and claimed_until is null) from calendar_syncs where connection_id = ?",
				Boolean.class, calendar.connection()));
		Eventually.until("nothing waiting to be sent", SOON, () -> jdbc.queryForObject("select count(*) from crm_tasks "
				+ "where user_id = ? and sync_state = 'PENDING'", Long.class, calendar.user()) == 0);
	}

	@Test
	void deletingAnImportedTaskKeepsItsEventByDefault() {
		long task = calendar.ownMeetingTask();

		assertThat(gina.api("DELETE", "/api/tasks/" + task + "?version=" + version(task), null).status()).isEqualTo(204);

		assertThat(gina.api("GET", "/api/tasks/" + task, null).status()).isEqualTo(404);
		workersHadTheirTurn();
		assertThat(status(calendar.ownMeetingEvent())).isEqualTo("confirmed");
		assertThat(DisconnectRemovalTest.deletesOn(emulator, calendar.account())).isEmpty();
		assertThat(emulator.mail()).isEmpty();
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where google_event_id = ? and deleted_at is null",
				Long.class, calendar.ownMeetingEvent())).as("not imported again as a new task").isZero();
	}

	@Test
	void deletingAnImportedTaskFromThePageKeepsItsEvent() {
		long task = calendar.ownMeetingTask();
		WebClient.Response page = gina.get("/tasks/" + task + "/delete");
		assertThat(page.body()).contains("the event stays in Google Calendar", "Also delete it in Google Calendar",
				"its guests are not mailed");
		assertThat(page.body()).as("the box is unticked").doesNotContain("value=\"delete\" checked");

		WebClient.Response done = gina.postForm("/tasks/" + task + "/delete", page.csrf(), Map.of());

		assertThat(gina.follow(done).body()).contains("its event stays in Google Calendar.");
		workersHadTheirTurn();
		assertThat(status(calendar.ownMeetingEvent())).isEqualTo("confirmed");
		assertThat(DisconnectRemovalTest.deletesOn(emulator, calendar.account())).isEmpty();
	}

	@Test
	void alsoDeletingItInGoogleDeletesTheEventAndMailsNobody() {
		long task = calendar.ownMeetingTask();
		WebClient.Response page = gina.get("/tasks/" + task + "/delete");

		gina.postForm("/tasks/" + task + "/delete", page.csrf(), Map.of("event", "delete"));

		Eventually.until("the event deleted in Google", SOON, () -> !"confirmed".equals(status(calendar.ownMeetingEvent())));
		assertThat(DisconnectRemovalTest.deletesOn(emulator, calendar.account()))
			.containsExactly(calendar.ownMeetingEvent());
		assertThat(emulator.mail()).as("an event someone else made: its guests are not mailed by CalBridge").isEmpty();
		Eventually.until("the tombstone purged", SOON, () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where id = ?", Long.class, task) == 0);
	}

	@Test
	void deletingAnInvitationFromSomeoneElseOffersToDeclineItAndDeclining() throws IOException {
		long task = calendar.invitationTask();
		WebClient.Response page = gina.get("/tasks/" + task + "/delete");
		assertThat(page.body()).contains("Also decline it in Google Calendar", MixedCalendar.ANA + " organizes it")
			.doesNotContain("Also delete it in Google Calendar");

		gina.postForm("/tasks/" + task + "/delete", page.csrf(), Map.of("event", "decline"));

		Eventually.until("Ben's answer declined", SOON, () -> "declined".equals(answerOf(google, calendar.account(),
				calendar.invitationEvent())));
		assertThat(status(calendar.invitationEvent())).as("the meeting stays, declined").isEqualTo("confirmed");
		assertThat(answerOf(emulator.calendarOf(MixedCalendar.ANA), MixedCalendar.ANA, calendar.invitationEvent()))
			.as("the organizer sees the answer").isEqualTo("declined");
		assertThat(DisconnectRemovalTest.deletesOn(emulator, calendar.account())).isEmpty();
		assertThat(emulator.mail()).as("declined without mail").isEmpty();
		workersHadTheirTurn();
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where google_event_id = ? and user_id = ?",
				Long.class, calendar.invitationEvent(), calendar.user())).as("a declined invitation is not imported again")
			.isZero();
	}

	@Test
	void deletingSomeoneElsesInvitationInGoogleIsRefusedAndDeclineIsOffered() {
		long task = calendar.invitationTask();

		WebClient.Response refused = gina.api("DELETE", "/api/tasks/" + task + "?event=delete", null);

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().get("detail").asString()).contains("invitation from " + MixedCalendar.ANA,
				"event=decline");
		assertThat(gina.api("GET", "/api/tasks/" + task, null).status()).isEqualTo(200);
		assertThat(gina.api("DELETE", "/api/tasks/" + calendar.ownMeetingTask() + "?event=decline", null).status())
			.as("nothing to decline on one's own meeting").isEqualTo(422);
	}

	@Test
	void aBadEventChoiceAnswers400AndDeletesNothing() {
		long task = calendar.ownMeetingTask();

		WebClient.Response bad = gina.api("DELETE", "/api/tasks/" + task + "?event=maybe", null);

		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
		assertThat(bad.json().get("detail").asString()).contains("keep, delete or decline");
		assertThat(gina.api("GET", "/api/tasks/" + task, null).status()).isEqualTo(200);
	}

	@Test
	void deletingCalBridgesMeetingWithGuestsDeletesItsEventAndTellsTheGuests() {
		long task = jdbc.queryForObject("select id from crm_tasks where user_id = ? and event_origin = 'CALBRIDGE' "
				+ "and attendees::text like ?", Long.class, calendar.user(), "%" + MixedCalendar.CARLA + "%");
		String event = jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class, task);

		assertThat(gina.api("DELETE", "/api/tasks/" + task, null).status()).isEqualTo(204);

		Eventually.until("the event deleted in Google", SOON, () -> !"confirmed".equals(status(event)));
		assertThat(emulator.mail()).extracting(m -> m.get("to").asString() + " " + m.get("kind").asString())
			.containsExactly(MixedCalendar.CARLA + " cancellation");
	}

	@Test
	void turningSyncOffForAnImportedTaskLeavesItsEventInGoogle() {
		long task = calendar.ownMeetingTask();

		assertThat(gina.api("PATCH", "/api/tasks/" + task, Map.of("syncToCalendar", false, "version", version(task)))
			.status()).isEqualTo(200);

		Eventually.until("the worker done with it", SOON, () -> "NONE".equals(jdbc.queryForObject(
				"select sync_state from crm_tasks where id = ?", String.class, task)));
		assertThat(status(calendar.ownMeetingEvent())).isEqualTo("confirmed");
		assertThat(DisconnectRemovalTest.deletesOn(emulator, calendar.account())).isEmpty();
	}

	@Test
	void anImportedTaskTakenOutOfSyncNoLongerFollowsItsEventNotEvenItsDeletion() throws IOException {
		long task = calendar.ownMeetingTask();
		String title = gina.api("GET", "/api/tasks/" + task, null).json().get("title").asString();
		gina.api("PATCH", "/api/tasks/" + task, Map.of("syncToCalendar", false, "version", version(task)));
		Eventually.until("the worker done with it", SOON, () -> "NONE".equals(jdbc.queryForObject(
				"select sync_state from crm_tasks where id = ?", String.class, task)));

		google.events().patch(calendar.account(), calendar.ownMeetingEvent(), new Event().setSummary("Renamed in Google"))
			.setSendUpdates("none").execute();
		workersHadTheirTurn();
		google.events().delete(calendar.account(), calendar.ownMeetingEvent()).setSendUpdates("none").execute();
		workersHadTheirTurn();

		JsonNode kept = gina.api("GET", "/api/tasks/" + task, null).json();
		assertThat(kept.get("title").asString()).isEqualTo(title);
		assertThat(kept.get("status").asString()).as("the deletion rule (cancel) did not reach it").isNotEqualTo("cancelled");
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and deleted_at is null and "
				+ "title = 'Renamed in Google'", Long.class, calendar.user())).as("not imported again").isZero();
	}

	@Test
	void anInvitationLinkedBeforeOrganizersWereRecordedLearnsItsOrganizerOnItsNextChange() throws IOException {
		long task = calendar.invitationTask();
		jdbc.update("update crm_tasks set google_invited_by = null where id = ?", task); // as V4 left old links

		emulator.calendarOf(MixedCalendar.ANA).events().patch(MixedCalendar.ANA, calendar.invitationEvent(),
				new Event().setLocation("Room 4")).setSendUpdates("none").execute();

		Eventually.until("the organizer known again", SOON, () -> MixedCalendar.ANA.equals(jdbc.queryForObject(
				"select google_invited_by from crm_tasks where id = ?", String.class, task)));
		assertThat(gina.get("/tasks/" + task + "/delete").body()).contains("Also decline it in Google Calendar");
	}

	/** What V7 does to every calendar after an upgrade: one full read, which also reads unchanged events. */
	@Test
	void anUnchangedInvitationLearnsItsOrganizerOnTheNextFullRead() {
		long task = calendar.invitationTask();
		jdbc.update("update crm_tasks set google_invited_by = null where id = ?", task); // as V4 left old links
		assertThat(gina.get("/tasks/" + task + "/delete").body()).doesNotContain("Also decline it in Google Calendar");

		jdbc.update("update calendar_syncs set sync_token = null, inbound_requested_at = now() where connection_id = ?",
				calendar.connection());

		Eventually.until("the organizer known again", SOON, () -> MixedCalendar.ANA.equals(jdbc.queryForObject(
				"select google_invited_by from crm_tasks where id = ?", String.class, task)));
		assertThat(gina.get("/tasks/" + task + "/delete").body()).contains("Also decline it in Google Calendar");
	}

	private static String answerOf(Calendar calendar, String calendarId, String eventId) {
		try {
			Event event = calendar.events().get(calendarId, eventId).execute();
			return event.getAttendees().stream().filter(a -> MixedCalendar.BEN.equalsIgnoreCase(a.getEmail()))
				.findFirst().orElseThrow().getResponseStatus();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
