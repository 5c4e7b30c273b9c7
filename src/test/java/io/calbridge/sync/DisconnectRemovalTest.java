package io.calbridge.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

@CalBridgeTest
class DisconnectRemovalTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void disconnectingWithRemovalDeletesCalBridgesEventsAndKeepsTheTasks() throws IOException {
		WebClient dana = WebClient.signedUp(port, "Dana Ito");
		long connection = ConsentFlow.connect(dana, "ben.keller@example.com", jdbc);
		Calendar google = new EmulatorAccess(port).calendarOf("ben.keller@example.com");
		Event personal = google.events().insert("ben.keller@example.com", new Event().setSummary("Dentist")
			.setStart(new com.google.api.services.calendar.model.EventDateTime().setDate(new com.google.api.client.util.DateTime("2026-12-21")))
			.setEnd(new com.google.api.services.calendar.model.EventDateTime().setDate(new com.google.api.client.util.DateTime("2026-12-22"))))
			.execute();
		for (String title : List.of("Call Acme", "Demo for Globex", "Send the Initech offer")) {
			dana.api("POST", "/api/tasks", Map.of("title", title, "startAt", "2026-12-14T10:00:00Z"));
		}
		Eventually.until("three events", Duration.ofSeconds(20), () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where google_connection_id = ? and sync_state = 'SYNCED'", Long.class,
				connection) == 3);

		WebClient.Response asked = dana.postForm("/settings/calendar/disconnect/" + connection,
				dana.get("/settings/calendar").csrf(), Map.of("events", "remove"));
		assertThat(asked.header("Location")).as("the settings form leads to the page that says what will happen")
			.endsWith("/settings/calendar/disconnect/" + connection);
		WebClient.Response preview = dana.follow(asked);
		assertThat(preview.body()).contains("3 events CalBridge made will be removed", "Nothing has happened yet");
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where google_connection_id = ? and "
				+ "google_event_id is not null", Long.class, connection)).as("nothing removed before confirming").isEqualTo(3);
		WebClient.Response done = dana.postForm("/settings/calendar/disconnect/" + connection, preview.csrf(),
				Map.of("events", "remove", "confirmed", "true"));

		assertThat(dana.follow(done).body()).contains("Disconnected ben.keller@example.com.",
				"3 events CalBridge made were removed");
		List<Event> left = new EmulatorAccess(port).calendarOf("ben.keller@example.com")
			.events()
			.list("ben.keller@example.com")
			.setPrivateExtendedProperty(List.of("calbridgeTaskType=task"))
			.execute()
			.getItems();
		assertThat(left == null ? List.of() : left).filteredOn(e -> e.getSummary().matches("Call Acme|Demo for Globex|Send the Initech offer"))
			.isEmpty();
		assertThat(new EmulatorAccess(port).calendarOf("ben.keller@example.com").events()
			.get("ben.keller@example.com", personal.getId()).execute().getStatus()).isEqualTo("confirmed");
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks t join users u on u.id = t.user_id "
				+ "where u.display_name = 'Dana Ito' and t.google_event_id is null", Long.class)).isEqualTo(3);
	}


	@Test
	void disconnectingWithRemovalAfterAnImportRemovesOnlyWhatCalBridgeMadeAndMailsNobody() throws IOException {
		WebClient erin = WebClient.signedUp(port, "Erin Walsh");
		MixedCalendar calendar = MixedCalendar.prepare(port, jdbc, erin);
		EmulatorAccess emulator = new EmulatorAccess(port);
		long imported = importedLinks(calendar);

		WebClient.Response preview = erin.get("/settings/calendar/disconnect/" + calendar.connection());
		assertThat(preview.body()).contains("3 events CalBridge made will be removed", "; 1 of them has guests.",
				imported + " imported events stay in your calendar", "Tell the guests");
		assertThat(preview.body()).as("telling the guests is the person's choice, not the default")
			.doesNotContain("name=\"tellGuests\" value=\"true\" checked");
		emulator.clearRequests();
		emulator.clearMail();
		WebClient.Response done = erin.postForm("/settings/calendar/disconnect/" + calendar.connection(), preview.csrf(),
				Map.of("events", "remove", "confirmed", "true"));

		assertThat(erin.follow(done).body()).contains("3 events CalBridge made were removed from Google Calendar; "
				+ "1 of them had guests, who were not mailed.", imported + " events imported from Google stay in your calendar");
		List<String> deleted = deletesOn(emulator, calendar.account());
		assertThat(deleted).as("every DELETE targets an event CalBridge made").hasSize(3)
			.allMatch(calendar.madeByCalBridge()::contains);
		Calendar google = emulator.calendarOf(calendar.account());
		for (String eventId : calendar.madeInGoogle()) {
			assertThat(MixedCalendar.statusIn(google, calendar.account(), eventId)).as("imported event %s", eventId)
				.isEqualTo("confirmed");
		}
		assertThat(emulator.mail()).as("nobody mailed without 'tell the guests'").isEmpty();
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and google_event_id is not null",
				Long.class, calendar.user())).as("every task unlinked, none deleted").isZero();
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and deleted_at is null",
				Long.class, calendar.user())).isEqualTo(3 + imported);
	}

	@Test
	void tellingTheGuestsMailsCancellationsOnlyForCalBridgesMeetings() throws IOException {
		WebClient finn = WebClient.signedUp(port, "Finn Berg");
		MixedCalendar calendar = MixedCalendar.prepare(port, jdbc, finn);
		EmulatorAccess emulator = new EmulatorAccess(port);
		WebClient.Response preview = finn.get("/settings/calendar/disconnect/" + calendar.connection());
		emulator.clearRequests();
		emulator.clearMail();

		WebClient.Response done = finn.postForm("/settings/calendar/disconnect/" + calendar.connection(),
				preview.csrf(), Map.of("events", "remove", "confirmed", "true", "tellGuests", "true"));

		assertThat(finn.follow(done).body()).contains("1 of them had guests, who were told by Google.");
		assertThat(deletesOn(emulator, calendar.account())).hasSize(3).allMatch(calendar.madeByCalBridge()::contains);
		List<JsonNode> mail = emulator.mail();
		assertThat(mail).extracting(m -> m.get("to").asString() + " " + m.get("kind").asString())
			.containsExactly(MixedCalendar.CARLA + " cancellation");
		assertThat(calendar.madeByCalBridge()).contains(mail.get(0).get("eventId").asString());
	}

	/**
	 * The combination a reviewer found: after disconnect-with-remove the imported tasks were unlinked but still meant
	 * to sync, so reconnecting and pressing "Sync all" (or any edit) made CalBridge copies of other people's meetings
	 * and invited their guests again.
	 */
	@Test
	void afterRemovalReconnectingAndSyncingAllMakesNoCopyOfAnEventMadeInGoogle() throws IOException {
		WebClient gita = WebClient.signedUp(port, "Gita Rao");
		MixedCalendar calendar = MixedCalendar.prepare(port, jdbc, gita);
		EmulatorAccess emulator = new EmulatorAccess(port);
		WebClient.Response preview = gita.get("/settings/calendar/disconnect/" + calendar.connection());
		gita.postForm("/settings/calendar/disconnect/" + calendar.connection(), preview.csrf(),
				Map.of("events", "remove", "confirmed", "true"));
		ConsentFlow.connect(gita, calendar.account(), jdbc);
		emulator.clearRequests();
		emulator.clearMail();

		gita.postForm("/settings/calendar/bulk-sync/" + calendar.connection(), gita.get("/settings/calendar").csrf(),
				Map.of());
		gita.api("PATCH", "/api/tasks/" + calendar.invitationTask(), Map.of("notes", "Ask about the budget."));
		gita.api("PATCH", "/api/tasks/" + calendar.ownMeetingTask(), Map.of("title", "Board prep (moved)"));
		Eventually.until("nothing left to send", Duration.ofSeconds(30), () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where user_id = ? and sync_state = 'PENDING'", Long.class,
				calendar.user()) == 0);

		Calendar google = emulator.calendarOf(calendar.account());
		for (long imported : jdbc.queryForList("select id from crm_tasks where user_id = ? and imported_from_google",
				Long.class, calendar.user())) {
			List<Event> copies = google.events()
				.list(calendar.account())
				.setPrivateExtendedProperty(List.of("calbridgeTaskId=" + imported))
				.execute()
				.getItems();
			assertThat(copies == null ? List.of() : copies).as("no CalBridge copy of imported task %s", imported).isEmpty();
		}
		assertThat(emulator.mail()).as("the invitation's organizer is not invited to a copy of her own meeting")
			.noneMatch(m -> MixedCalendar.ANA.equals(m.get("to").asString()));
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and imported_from_google "
				+ "and sync_to_calendar", Long.class, calendar.user())).as("imported tasks no longer sync").isZero();
		// Ben's account leaves no second importer behind for the other tests (one task per event across users).
		gita.postForm("/settings/calendar/disconnect/" + calendar.connection(), gita.get("/settings/calendar").csrf(),
				Map.of("events", "keep"));
	}

	private long importedLinks(MixedCalendar calendar) {
		return jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and event_origin = 'GOOGLE' "
				+ "and deleted_at is null", Long.class, calendar.user());
	}

	/** The event ids of the DELETEs the emulator served on one calendar since its log was cleared. */
	static List<String> deletesOn(EmulatorAccess emulator, String calendarId) {
		String prefix = "calendars/" + calendarId + "/events/";
		return emulator.requestEntries().stream()
			.filter(e -> "DELETE".equals(e.get("method").asString()))
			.map(e -> java.net.URLDecoder.decode(e.get("path").asString(), java.nio.charset.StandardCharsets.UTF_8))
			.filter(path -> path.contains(prefix))
			.map(path -> path.substring(path.indexOf(prefix) + prefix.length()))
			.toList();
	}

}
