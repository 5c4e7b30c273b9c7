package io.calbridge.sync;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * An invitation Ana imported from Bob's calendar: Google takes no change of its title, time, description or guests
 * from her, so CalBridge refuses those edits at once (422, nothing saved, nothing sent) instead of failing later,
 * and her CRM fields (notes, priority, status, contact, deal) stay hers without a single call to Google.
 */
@CalBridgeTest
class InvitationEditsTest {

	static final Duration SOON = Duration.ofSeconds(15);

	static final String ACCOUNT = "ana.souza@example.com";

	static final String BOB = "bob.lindqvist@partner.example";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebClient ana;

	EmulatorAccess emulator;

	String eventId;

	long taskId;

	@BeforeEach
	void anaImportsBobsInvitation() {
		emulator = new EmulatorAccess(port);
		// A fresh Google: connections of earlier tests (to the same account, importing too) no longer read it.
		emulator.post("/emulator/admin/reset", "{}");
		ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		Eventually.until("the first read", SOON, () -> jdbc.queryForObject("select count(*) > 0 and bool_and(sync_token "
				+ "is not null) from calendar_syncs where connection_id = ?", Boolean.class, connection));
		assertThat(ana.postForm("/settings/calendar/settings/" + connection, ana.get("/settings/calendar").csrf(),
				Map.of("defaultCalendarId", ACCOUNT, "autoSync", "true", "importExternalEvents", "true",
						"deletionRule", "CANCEL_TASK")).status()).isEqualTo(302);
		LocalDate day = LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(9);
		eventId = ImportExternalEventsTest.eventId("offsite");
		emulator.addEventAsOtherUser(ACCOUNT, """
				{"id":"%s","summary":"Partner offsite planning","description":"Agenda: venues, dates.",
				 "organizer":{"email":"%s","displayName":"Bob Lindqvist"},
				 "attendees":[{"email":"%s","displayName":"Bob Lindqvist","organizer":true,"responseStatus":"accepted"},
				              {"email":"%s","displayName":"Ana Souza","responseStatus":"accepted"}],
				 "start":{"dateTime":"%sT14:00:00+01:00","timeZone":"Europe/Stockholm"},
				 "end":{"dateTime":"%sT15:00:00+01:00","timeZone":"Europe/Stockholm"}}"""
			.formatted(eventId, BOB, BOB, ACCOUNT, day, day));
		taskId = Eventually.await("the invitation imported", SOON,
				() -> jdbc.queryForList("select id from crm_tasks where google_event_id = ? and user_id = ?", Long.class,
						eventId, user),
				ids -> ids.size() == 1).get(0);
	}

	@Test
	void importRecordsThatTheInvitationIsSomeoneElses() {
		JsonNode task = task();
		assertThat(task.get("sync").get("readOnlyInGoogle").asBoolean()).isTrue();
		assertThat(task.get("sync").get("organizer").asString()).isEqualTo(BOB);
	}

	@Test
	void editingTheTimeOfAForeignOrganizersInvitationAnswers422AndChangesNothing() {
		JsonNode before = task();
		emulator.clearRequests();

		WebClient.Response moved = ana.api("PATCH", "/api/tasks/" + taskId, Map.of("startAt", "2031-05-05T09:00:00Z",
				"endAt", "2031-05-05T10:00:00Z", "version", before.get("version").asLong()));
		WebClient.Response renamed = ana.api("PUT", "/api/tasks/" + taskId, replacement(before, "title",
				"Offsite planning (my title)"));

		assertThat(moved.status()).isEqualTo(422);
		assertThat(moved.json().get("errors").valueStream().map(e -> e.get("field").asString()))
			.containsExactlyInAnyOrder("startAt", "endAt");
		assertThat(moved.json().get("detail").asString()).contains("invitation from " + BOB,
				"only the organizer change its title, time");
		assertThat(moved.json().get("organizer").asString()).isEqualTo(BOB);
		assertThat(renamed.status()).isEqualTo(422);
		assertThat(renamed.json().get("errors").valueStream().map(e -> e.get("field").asString()))
			.containsExactly("title");
		JsonNode after = task();
		assertThat(after.get("startAt")).isEqualTo(before.get("startAt"));
		assertThat(after.get("title")).isEqualTo(before.get("title"));
		assertThat(after.get("version")).isEqualTo(before.get("version"));
		assertThat(after.get("sync").get("state").asString()).isEqualTo("synced");
		assertThat(callsFor(eventId)).as("calls to Google about the invitation").isEmpty();
	}

	@Test
	void editingItsNotesAndOtherCrmFieldsWorksAndSendsNothingToGoogle() {
		JsonNode before = task();
		emulator.clearRequests();

		// The same title and time sent along unchanged are fine: only a change is refused.
		WebClient.Response noted = ana.api("PATCH", "/api/tasks/" + taskId, Map.of("notes",
				"Bob prefers Gothenburg; check train times.", "priority", "HIGH", "contactName", "Bob Lindqvist",
				"title", before.get("title").asString(), "startAt", before.get("startAt").asString()));
		WebClient.Response replaced = ana.api("PUT", "/api/tasks/" + taskId, replacement(noted.json(), "dealName",
				"Partner programme 2027"));

		assertThat(noted.status()).isEqualTo(200);
		assertThat(noted.json().get("sync").get("state").asString()).as("nothing to send").isEqualTo("synced");
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(replaced.json().get("notes").asString()).isEqualTo("Bob prefers Gothenburg; check train times.");
		assertThat(replaced.json().get("dealName").asString()).isEqualTo("Partner programme 2027");
		workerHasSweptSince();
		assertThat(callsFor(eventId)).as("calls to Google about the invitation").isEmpty();
		assertThat(task().get("sync").get("state").asString()).isEqualTo("synced");
	}

	@Test
	void theFormShowsTheInvitationsFieldsReadOnlyAndRefusesAChangedTimePostedAnyway() {
		JsonNode before = task();
		WebClient.Response page = ana.get("/tasks/" + taskId + "/edit");
		assertThat(page.body()).contains("This is an invitation from " + BOB
				+ "; Google lets only the organizer change its title, time, description and guests.");
		assertThat(List.of("title", "startDate", "startTime", "endTime", "timeZone", "description", "attendees"))
			.allMatch(field -> disabled(page.body(), field));
		assertThat(List.of("notes", "priority", "status", "contactName", "dealName"))
			.noneMatch(field -> disabled(page.body(), field));
		Map<String, String> posted = formAsPosted(page.body());
		emulator.clearRequests();

		Map<String, String> moved = new LinkedHashMap<>(posted);
		moved.put("startTime", "08:00");
		WebClient.Response refused = ana.postForm("/tasks/" + taskId + "/edit", page.csrf(), moved);

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("invitation from " + BOB, "Not saved: this would change its time.");
		assertThat(task().get("startAt")).isEqualTo(before.get("startAt"));
		assertThat(task().get("version")).isEqualTo(before.get("version"));
		assertThat(refused.body()).as("the time shown is Google's again").contains("value=\"14:00\"");

		Map<String, String> noted = new LinkedHashMap<>(posted);
		noted.put("notes", "Ask Bob about the budget.");
		noted.put("status", "IN_PROGRESS");
		WebClient.Response saved = ana.postForm("/tasks/" + taskId + "/edit", page.csrf(), noted);

		assertThat(saved.status()).isEqualTo(302);
		JsonNode task = task();
		assertThat(task.get("notes").asString()).isEqualTo("Ask Bob about the budget.");
		assertThat(task.get("status").asString()).isEqualTo("in_progress");
		assertThat(task.get("title").asString()).isEqualTo("Partner offsite planning");
		workerHasSweptSince();
		assertThat(callsFor(eventId)).as("calls to Google about the invitation").isEmpty();
		assertThat(ana.get("/tasks/" + taskId).body()).contains("This is an invitation from " + BOB);
	}

	private JsonNode task() {
		return ana.api("GET", "/api/tasks/" + taskId, null).json();
	}

	/** Whether the page's input, select or textarea with this id is disabled. */
	private static boolean disabled(String html, String id) {
		Matcher element = Pattern.compile("<(?:input|select|textarea)(?![^>]*type=\"hidden\")[^>]*\\bid=\"" + id
				+ "\"[^>]*>").matcher(html);
		if (!element.find()) {
			throw new AssertionError("no field " + id + " on the page");
		}
		return element.group().contains("disabled=\"disabled\"");
	}

	/** A PUT body: the task as read, with one field replaced. */
	private static Map<String, Object> replacement(JsonNode task, String field, Object value) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (String name : List.of("version", "title", "description", "notes", "type", "priority", "status", "startAt",
				"endAt", "allDay", "timeZone", "contactName", "dealName", "attendees", "includeGoogleMeet",
				"syncToCalendar", "calendarId")) {
			body.put(name, task.get(name));
		}
		body.put(field, value);
		return body;
	}

	/** What the edit page would post: its hidden inputs (the locked fields among them) and the visible choices. */
	private static Map<String, String> formAsPosted(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher hidden = Pattern.compile("<input type=\"hidden\" (?:id=\"[^\"]*\" )?name=\"([^\"]+)\" value=\"([^\"]*)\"")
			.matcher(html);
		while (hidden.find()) {
			if (!hidden.group(1).startsWith("_")) {
				fields.put(hidden.group(1), hidden.group(2).replace("&lt;", "<").replace("&gt;", ">")
					.replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
			}
		}
		fields.put("type", "MEETING");
		fields.put("priority", "MEDIUM");
		fields.put("status", "PENDING");
		fields.put("syncToCalendar", "true");
		fields.put("notes", "");
		fields.put("contactName", "");
		fields.put("dealName", "");
		return fields;
	}

	/** The outbound worker has run a sweep since now: a task of Ana's own made now is in Google. */
	private void workerHasSweptSince() {
		long own = ana.api("POST", "/api/tasks", Map.of("title", "Book the train to Gothenburg", "startAt",
				"2031-06-02T08:00:00Z", "timeZone", "Europe/Stockholm")).json().get("id").asLong();
		Eventually.until("Ana's own task in Google", SOON,
				() -> "synced".equals(ana.api("GET", "/api/tasks/" + own, null).json().get("sync").get("state").asString()));
	}

	private List<JsonNode> callsFor(String event) {
		return emulator.requestEntries().stream().filter(e -> e.get("path").asString().contains(event)).toList();
	}

}
