package io.calbridge.tasks;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.BeforeEach;
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

@CalBridgeTest
class TaskPagesTest {

	@LocalServerPort
	int port;

	WebClient ana;

	@Autowired
	JdbcTemplate jdbc;

	static Map<String, String> kickOff() {
		Map<String, String> form = new HashMap<>();
		form.put("title", "Kick-off with Acme");
		form.put("type", "MEETING");
		form.put("priority", "HIGH");
		form.put("status", "PENDING");
		form.put("startDate", "2026-12-02");
		form.put("startTime", "14:00");
		form.put("endDate", "");
		form.put("endTime", "15:30");
		form.put("durationMinutes", "");
		form.put("timeZone", "Europe/Berlin");
		form.put("description", "Agenda: goals, timeline, owners.");
		form.put("notes", "Bring the signed NDA.");
		form.put("contactName", "Ana Souza");
		form.put("dealName", "Acme renewal 2027");
		form.put("attendees", "Ana Souza <ana.souza@acme.example>\nben.keller@acme.example");
		form.put("syncToCalendar", "true");
		form.put("_syncToCalendar", "on");
		form.put("includeGoogleMeet", "true");
		form.put("_includeGoogleMeet", "on");
		form.put("_allDay", "on");
		form.put("calendarId", "");
		return form;
	}

	@BeforeEach
	void signUp() {
		ana = WebClient.signedUp(port, "Ana Souza");
	}

	String create(Map<String, String> form) {
		WebClient.Response saved = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		return saved.header("Location");
	}

	@Test
	void aTaskCreatedOnThePageShowsEverythingThePersonEntered() {
		String location = create(kickOff());

		WebClient.Response view = ana.get(path(location));
		assertThat(view.status()).isEqualTo(200);
		assertThat(view.body()).contains("Task created.", "Kick-off with Acme", "Wed 2 Dec 2026, 14:00", "– 15:30",
				"Europe/Berlin", "Meeting", "High", "Ana Souza", "Acme renewal 2027", "Bring the signed NDA.",
				"ana.souza@acme.example", "ben.keller@acme.example", "No answer yet", "Waiting to sync");
	}

	@Test
	void untickingShowInGoogleCalendarOnTheFormTurnsSyncOff() {
		Map<String, String> form = kickOff();
		form.remove("syncToCalendar"); // an unticked box sends only its "_syncToCalendar" marker
		String location = create(form);

		long id = Long.parseLong(path(location).substring("/tasks/".length()));
		assertThat(ana.api("GET", "/api/tasks/" + id, null).json().get("syncToCalendar").asBoolean()).isFalse();
		assertThat(ana.get(path(location)).body()).contains("Not sent to a calendar");
	}

	@Test
	void theSyncStateFragmentIsThePersonsOwn() {
		String location = create(kickOff());
		String path = path(location) + "/sync-state";

		WebClient.Response own = ana.get(path);
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.body()).contains("id=\"task-sync-state\"").doesNotContain("<html");
		assertThat(WebClient.signedUp(port, "Ben Keller").get(path).status()).isEqualTo(404);
	}

	@Test
	void eachGuestsAnswerReadsInWordsWithABadgeOfItsOwn() throws IOException {
		ConsentFlow.connect(ana, "ben.keller@example.com", jdbc);
		long id = ana.api("POST", "/api/tasks", Map.of("title", "Kick-off with Acme", "startAt",
				"2026-12-02T14:00:00+01:00", "endAt", "2026-12-02T15:30:00+01:00", "timeZone", "Europe/Berlin",
				"attendees", List.of(Map.of("email", "ana.souza@acme.example"), Map.of("email", "ben.keller@acme.example"),
						Map.of("email", "chloe.martin@acme.example"), Map.of("email", "dev.patel@acme.example"))))
			.json()
			.get("id")
			.asLong();
		Eventually.until("synced", Duration.ofSeconds(20), () -> "synced"
			.equals(ana.api("GET", "/api/tasks/" + id, null).json().get("sync").get("state").asString()));
		String eventId = ana.api("GET", "/api/tasks/" + id, null).json().get("sync").get("eventId").asString();

		// The guests answer in Google (here the organizer's copy carries their answers, as Google shows them).
		var google = new EmulatorAccess(port).calendarOf("ben.keller@example.com");
		var event = google.events().get("ben.keller@example.com", eventId).execute();
		Map<String, String> answers = Map.of("ana.souza@acme.example", "accepted", "ben.keller@acme.example", "declined",
				"chloe.martin@acme.example", "tentative");
		event.getAttendees().forEach(a -> a.setResponseStatus(answers.getOrDefault(a.getEmail(), "needsAction")));
		google.events()
			.patch("ben.keller@example.com", eventId,
					new Event().setAttendees(event.getAttendees()))
			.execute();
		Eventually.until("the answers in the task", Duration.ofSeconds(20),
				() -> ana.api("GET", "/api/tasks/" + id, null).json().get("attendees").toString().contains("tentative"));

		String page = ana.get("/tasks/" + id).body();
		assertThat(page).contains("badge answer-accepted\">Accepted", "badge answer-declined\">Declined",
				"badge answer-tentative\">Maybe", "badge answer-none\">No answer yet");
		assertThat(page).doesNotContain("needsAction", ">accepted<", ">declined<");
	}

	@Test
	void theFormExplainsEachMistakeAndSavesNothing() {
		Map<String, String> form = kickOff();
		form.put("title", " ");
		form.put("timeZone", "Mars/Olympus_Mons");
		form.put("attendees", "ana.souza@acme.example\nnot an address");
		form.put("startDate", "2026-02-30");

		WebClient.Response page = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);

		assertThat(page.status()).as("the form, again, with its errors").isEqualTo(422);
		assertThat(page.body()).contains("Enter a title", "Choose a time zone from the list",
				"Line 2 is not an email address", "Enter a date like 2026-11-23");
		assertThat(ana.get("/tasks").body()).contains("No tasks here yet");
	}

	@Test
	void theFormShowsEveryMistakeAtOnceNextToItsFieldAndKeepsWhatWasTyped() {
		Map<String, String> form = kickOff();
		form.put("title", "");
		form.put("type", "VISIT");
		form.put("timeZone", "Mars/Olympus_Mons");
		form.put("endTime", "13:00");
		form.put("attendees", "ana.souza@acme.example\nnot an address\nben@");
		form.put("contactName", "Ana Souza (Acme)");

		WebClient.Response page = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);

		assertThat(page.status()).isEqualTo(422);
		assertThat(page.body()).contains("6 things to fix", "Enter a title", "Choose a type from the list",
				"Choose a time zone from the list", "The end is before the start", "Line 2 is not an email address",
				"Line 3 is not an email address");
		for (String field : List.of("title", "type", "timeZone", "endTime", "attendees")) {
			assertThat(page.body()).as(field + "'s error under it")
				.containsPattern("id=\"" + field + "\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"" + field
						+ "-error\"|aria-invalid=\"true\"[^>]*aria-describedby=\"" + field + "-error\"[^>]*id=\""
						+ field + "\"")
				.contains("id=\"" + field + "-error\"");
		}
		assertThat(page.body()).contains("value=\"Mars/Olympus_Mons\"", "value=\"Ana Souza (Acme)\"", "ben@</textarea>",
				"value=\"13:00\"");
		assertThat(page.body()).as("the form's markup carries no inline style").doesNotContain("style=\"");
	}

	@Test
	void theCalendarIsChosenByNameFromTheConnectedAccountsCalendars() {
		ConsentFlow.connect(ana, "ana.souza@example.com", jdbc);

		String newForm = ana.get("/tasks/new").body();

		assertThat(newForm).containsPattern("<select[^>]*id=\"calendarId\"")
			.doesNotContainPattern("<input[^>]*id=\"calendarId\"")
			.contains(">Ana — Client meetings<")
			.containsPattern("<option value=\"\"[^>]*>[^<]+ \\(default\\)<");
		assertThat(InputFields.value(newForm, "timeZone")).as("the person's zone, from their Google calendar")
			.isEqualTo("America/Sao_Paulo");
		java.util.regex.Matcher option = java.util.regex.Pattern
			.compile("<option value=\"([^\"]+)\"[^>]*>Ana — Client meetings<")
			.matcher(newForm);
		assertThat(option.find()).isTrue();
		String clientMeetings = option.group(1);

		Map<String, String> task = kickOff();
		task.put("calendarId", clientMeetings);
		String view = path(create(task));

		long id = Long.parseLong(view.substring("/tasks/".length()));
		assertThat(ana.api("GET", "/api/tasks/" + id, null).json().get("calendarId").asString()).isEqualTo(clientMeetings);
		assertThat(ana.get(view + "/edit").body()).as("the edit form shows it chosen")
			.containsPattern("<option value=\"" + java.util.regex.Pattern.quote(clientMeetings) + "\"[^>]*selected");
	}

	@Test
	void aSecondPostOfTheSameNewTaskFormLeadsToTheTaskTheFirstMade() {
		String newForm = ana.get("/tasks/new").body();
		Map<String, String> form = kickOff();
		form.put("formToken", InputFields.value(newForm, "formToken"));
		String view = path(create(form));
		assertThat(ana.get(view).body()).contains("Task created.");

		// Back after the save, and Create again: the same form, sent a second time.
		WebClient.Response again = ana.postForm("/tasks/new", csrf(newForm), form);

		assertThat(again.status()).isEqualTo(302);
		assertThat(path(again.header("Location"))).isEqualTo(view);
		assertThat(ana.get(view).body()).contains("This form was already sent, so no second task was made");
		assertThat(ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).isEqualTo(1);

		String reopened = ana.get("/tasks/new?form=" + form.get("formToken")).body();
		assertThat(reopened).as("Back opens the same form, which says so")
			.contains("This form was already sent", "href=\"" + view + "\"");
		assertThat(InputFields.value(reopened, "formToken")).isEqualTo(form.get("formToken"));
		assertThat(ana.get("/tasks/new?form=not-a-token").body()).doesNotContain("This form was already sent");

		Map<String, String> another = kickOff();
		another.put("formToken", InputFields.value(ana.get("/tasks/new").body(), "formToken"));
		assertThat(path(create(another))).as("a new form makes a new task").isNotEqualTo(view);
	}

	@Test
	void aDoubleClickOnCreateMakesOneTask() throws Exception {
		String newForm = ana.get("/tasks/new").body();
		Map<String, String> form = kickOff();
		form.put("formToken", InputFields.value(newForm, "formToken"));
		String csrf = csrf(newForm);

		// Both posts at the same moment: the second waits on the first one's claim of the token.
		java.util.concurrent.ExecutorService clicks = java.util.concurrent.Executors.newFixedThreadPool(2);
		List<java.util.concurrent.Future<WebClient.Response>> posts = clicks.invokeAll(List.of(
				() -> ana.postForm("/tasks/new", csrf, form), () -> ana.postForm("/tasks/new", csrf, form)));
		clicks.shutdown();

		assertThat(posts.get(0).get().status()).isEqualTo(302);
		assertThat(posts.get(1).get().status()).isEqualTo(302);
		assertThat(posts.get(1).get().header("Location")).isEqualTo(posts.get(0).get().header("Location"));
		assertThat(ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void anEndBeforeTheStartIsRefused() {
		Map<String, String> form = kickOff();
		form.put("endTime", "13:00");

		WebClient.Response page = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);

		assertThat(page.body()).contains("The end is before the start");
	}

	@Test
	void anAllDayTaskIsShownWithItsDays() {
		Map<String, String> form = kickOff();
		form.put("title", "Trade fair in Lisbon");
		form.put("allDay", "true");
		form.put("startDate", "2026-12-07");
		form.put("endDate", "2026-12-09");
		form.put("startTime", "");
		form.put("endTime", "");

		String location = create(form);

		assertThat(ana.get(path(location)).body()).contains("Mon 7 Dec 2026", "Wed 9 Dec 2026", "All day");
	}

	@Test
	void theListFiltersByStatusTypeAndDates() {
		create(kickOff());
		Map<String, String> call = kickOff();
		call.put("title", "Call Ben about pricing");
		call.put("type", "CALL");
		call.put("status", "COMPLETED");
		call.put("startDate", "2026-11-25");
		create(call);

		assertThat(ana.get("/tasks?when=all").body()).contains("Kick-off with Acme", "Call Ben about pricing");
		String completed = ana.get("/tasks?status=COMPLETED&type=&from=&to=&zone=Europe/Berlin&when=all").body();
		assertThat(completed).contains("Call Ben about pricing").doesNotContain("Kick-off with Acme");
		String meetings = ana.get("/tasks?status=&type=MEETING&when=all").body();
		assertThat(meetings).contains("Kick-off with Acme").doesNotContain("Call Ben about pricing");
		String december = ana.get("/tasks?from=2026-12-01&to=2026-12-31&zone=Europe/Berlin").body();
		assertThat(december).contains("Kick-off with Acme").doesNotContain("Call Ben about pricing");
	}

	@Test
	void editingSavesTheChangeAndAStaleFormOverwritesNothing() {
		String view = path(create(kickOff()));
		String firstTab = ana.get(view + "/edit").body();
		String secondTab = ana.get(view + "/edit").body();

		Map<String, String> edit = kickOff();
		edit.put("version", "0");
		edit.put("title", "Kick-off with Acme (moved)");
		WebClient.Response saved = ana.postForm(view + "/edit", csrf(firstTab), edit);
		assertThat(saved.status()).isEqualTo(302);

		Map<String, String> stale = kickOff();
		stale.put("version", "0");
		stale.put("title", "Edited in a stale tab");
		WebClient.Response refused = ana.postForm(view + "/edit", csrf(secondTab), stale);

		assertThat(refused.status()).as("the form, again, with its errors").isEqualTo(422);
		assertThat(refused.body()).contains("was changed while you were editing it", "Edited in a stale tab");
		assertThat(ana.get(view).body()).contains("Kick-off with Acme (moved)").doesNotContain("Edited in a stale tab");
	}

	@Test
	void deletingAsksFirstThenRemovesTheTask() {
		String view = path(create(kickOff()));

		WebClient.Response confirm = ana.get(view + "/delete");
		assertThat(confirm.body()).contains("Delete this task?", "Kick-off with Acme");
		WebClient.Response deleted = ana.postForm(view + "/delete", confirm.csrf(), Map.of());

		assertThat(deleted.header("Location")).endsWith("/tasks");
		assertThat(ana.get(view).status()).isEqualTo(404);
	}

	@Test
	void anotherUsersTaskPagesAreNotFound() {
		String view = path(create(kickOff()));
		WebClient ben = WebClient.signedUp(port, "Ben Keller");

		assertThat(ben.get(view).status()).isEqualTo(404);
		assertThat(ben.get(view + "/edit").status()).isEqualTo(404);
		assertThat(ben.get(view + "/delete").status()).isEqualTo(404);
		String csrf = ben.get("/tasks").csrf();
		assertThat(ben.postForm(view + "/delete", csrf, Map.of()).status()).isEqualTo(404);
		Map<String, String> edit = kickOff();
		edit.put("version", "0");
		assertThat(ben.postForm(view + "/edit", csrf, edit).status()).isEqualTo(404);
		assertThat(ana.get(view).status()).isEqualTo(200);
	}

	@Test
	void textIsShownEscapedNeverAsMarkup() {
		Map<String, String> form = kickOff();
		form.put("title", "<script>alert('x')</script> Kick-off");
		form.put("notes", "<img src=x onerror=alert(1)>");

		String body = ana.get(path(create(form))).body();

		assertThat(body).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Kick-off", "&lt;img src=x")
			.doesNotContain("<script>alert", "<img src=x");
	}

	private String path(String location) {
		return location.replace(ana.base(), "");
	}

	/** A field's value as the page renders it. */
	static final class InputFields {

		static String value(String html, String name) {
			java.util.regex.Matcher m = java.util.regex.Pattern
				.compile("<input[^>]*name=\"" + name + "\"[^>]*value=\"([^\"]*)\"")
				.matcher(html);
			assertThat(m.find()).as("field " + name).isTrue();
			return m.group(1);
		}

	}

	private static String csrf(String html) {
		return new WebClient.Response(200, html, Map.of()).csrf();
	}

}
