package io.calbridge.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;
import io.calbridge.ConsentFlow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and unusual input into every field of every form and of the API: never a 5xx, never an ERROR in the log.
 * Each answer is a 4xx that says what is wrong, or a success when the input is legitimate (unicode, quotes,
 * markup as text), in which case it is stored as sent and shown escaped ({@link #acceptedTextIsStoredAsSentAndShownEscaped}).
 */
@CalBridgeTest
@ExtendWith(OutputCaptureExtension.class)
class InputFuzzTest {

	/** The inputs, by what they try. */
	static final Map<String, String> NASTY = new LinkedHashMap<>();

	static {
		NASTY.put("overlong", "Renewal call ".repeat(1_600));
		NASTY.put("right-to-left", "اتصل بأنا بخصوص التجديد \u202Egnp.exe\u202C שלום");
		NASTY.put("emoji", "📅 Call 👩‍💼 Ana about the 🚀 launch");
		NASTY.put("NUL byte", "Call\u0000Ana");
		NASTY.put("control characters", "Call\r\n\t\u0007\u001b[31mAna");
		NASTY.put("markup", "<script>alert('xss')</script><img src=x onerror=alert(1)>");
		NASTY.put("SQL", "'; drop table crm_tasks; --");
		NASTY.put("bad date", "2026-02-30");
		NASTY.put("bad time", "25:61");
		NASTY.put("bad zone", "Mars/Olympus_Mons");
		NASTY.put("offset zone", "+02:00");
		NASTY.put("bad email", "ana@@example..com");
		NASTY.put("huge number", "99999999999999999999999");
		NASTY.put("empty", "");
	}

	/** What free text meets. Every API call checks a password (HTTP Basic), so the API gets the fitting subset only. */
	static final List<String> TEXT = List.of("overlong", "right-to-left", "emoji", "NUL byte", "control characters",
			"markup", "SQL", "empty");

	/** What dates, times, numbers, enums and booleans meet. */
	static final List<String> TYPED = List.of("bad date", "bad time", "huge number", "empty", "NUL byte", "markup");

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	private final List<String> serverErrors = new ArrayList<>();

	/** Answers by status class, printed for README's "Reliability" figures. */
	private final Map<String, Integer> answers = new java.util.TreeMap<>();

	@Test
	void taskFormFieldsNeverFailOnOurSide(CapturedOutput output) {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		Map<String, String> valid = validTaskForm();
		long existing = createdTaskId(ana, valid);
		String editPage = ana.get("/tasks/" + existing + "/edit").body();
		String version = field(editPage, "version");
		String csrf = ana.get("/tasks/new").csrf();

		for (String name : valid.keySet()) {
			for (Map.Entry<String, String> nasty : NASTY.entrySet()) {
				Map<String, String> form = new LinkedHashMap<>(valid);
				form.put(name, nasty.getValue());
				record("POST /tasks/new " + name + "=" + nasty.getKey(),
						ana.postForm("/tasks/new", csrf, form));
				Map<String, String> edit = new LinkedHashMap<>(form);
				edit.put("version", version);
				WebClient.Response answer = ana.postForm("/tasks/" + existing + "/edit", csrf, edit);
				record("POST /tasks/{id}/edit " + name + "=" + nasty.getKey(), answer);
				if (answer.status() == 302) {
					version = field(ana.get("/tasks/" + existing + "/edit").body(), "version");
				}
			}
		}
		for (Map.Entry<String, String> nasty : NASTY.entrySet()) {
			record("POST /tasks/{id}/conflict keep=" + nasty.getKey(), ana.postForm("/tasks/" + existing + "/conflict",
					csrf, Map.of("keep", nasty.getValue(), "pick_title", nasty.getValue())));
		}
		for (String filter : List.of("status", "type", "from", "to", "zone", "page")) {
			for (Map.Entry<String, String> nasty : NASTY.entrySet()) {
				record("GET /tasks?" + filter + "=" + nasty.getKey(),
						ana.get("/tasks?" + filter + "=" + q(nasty.getValue())));
			}
		}

		assertNoServerErrors("the task form", output);
	}

	@Test
	void apiFieldsNeverFailOnOurSide(CapturedOutput output) {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		Map<String, Object> valid = validTask();
		long existing = ana.api("POST", "/api/tasks", valid).json().get("id").asLong();
		List<String> textFields = List.of("title", "description", "notes", "timeZone", "contactName", "dealName",
				"calendarId");
		List<String> typedFields = List.of("type", "priority", "status", "startAt", "endAt", "allDay", "startDate",
				"endDate", "version", "includeGoogleMeet", "syncToCalendar");

		for (String name : textFields) {
			TEXT.forEach(kind -> post(ana, valid, name, kind));
		}
		for (String name : typedFields) {
			TYPED.forEach(kind -> post(ana, valid, name, kind));
		}
		for (String kind : List.of("bad email", "overlong", "NUL byte", "markup", "right-to-left", "empty")) {
			Map<String, Object> task = new LinkedHashMap<>(valid);
			task.put("attendees", List.of(Map.of("email", NASTY.get(kind), "name", NASTY.get(kind))));
			record("POST /api/tasks attendees=" + kind, ana.api("POST", "/api/tasks", task));
		}
		// PATCH merges the sent fields over the task first: its own way for a value to go wrong.
		for (String name : List.of("title", "version", "startAt", "allDay", "timeZone", "attendees")) {
			for (String kind : TYPED) {
				record("PATCH /api/tasks/{id} " + name + "=" + kind,
						ana.api("PATCH", "/api/tasks/" + existing, Map.of(name, NASTY.get(kind))));
			}
		}
		for (String kind : TYPED) {
			String value = q(NASTY.get(kind));
			for (String param : List.of("status", "type", "from", "to", "page", "size")) {
				record("GET /api/tasks?" + param + "=" + kind, ana.api("GET", "/api/tasks?" + param + "=" + value, null));
			}
			record("DELETE /api/tasks/{id}?version=" + kind,
					ana.api("DELETE", "/api/tasks/" + existing + "?version=" + value, null));
			record("PUT /api/tasks/{id} body=" + kind, ana.api("PUT", "/api/tasks/" + existing, NASTY.get(kind)));
		}

		assertNoServerErrors("the task API", output);
	}

	@Test
	void accountAndSettingsFormsNeverFailOnOurSide(CapturedOutput output) {
		// Sign-up and login hash passwords on purpose slowly: text inputs only, plus a malformed address.
		List<String> accountInputs = new ArrayList<>(TEXT);
		accountInputs.add("bad email");
		for (String name : List.of("displayName", "email", "password")) {
			for (String kind : accountInputs) {
				Map<String, String> form = new LinkedHashMap<>(Map.of("displayName", "Ben Keller", "email",
						WebClient.uniqueEmail("ben.keller"), "password", "correct horse battery"));
				form.put(name, NASTY.get(kind));
				WebClient browser = new WebClient(port);
				record("POST /signup " + name + "=" + kind,
						browser.postForm("/signup", browser.get("/signup").csrf(), form));
				WebClient other = new WebClient(port);
				record("POST /login " + name + "=" + kind, other.postForm("/login", other.get("/login").csrf(),
						Map.of("username", form.get("email"), "password", form.get("password"))));
			}
		}
		WebClient carla = WebClient.signedUp(port, "Carla Mendes");
		long integration = ConsentFlow.addEmulatorIntegration(carla);
		ConsentFlow.allowOnConsentPage(carla, ConsentFlow.startConnect(carla, integration), "ana.souza@example.com");
		long connection = connectionId(carla);
		Map<String, String> integrationForm = Map.of("name", "Sales team Google", "clientId",
				"1234-sales.apps.googleusercontent.com", "clientSecret", "GOCSPX-sales-team-secret", "status", "ACTIVE");
		Map<String, String> settingsForm = Map.of("defaultCalendarId", "ana.souza@example.com", "autoSync", "true",
				"importExternalEvents", "false", "deletionRule", "CANCEL_TASK");
		String csrf = carla.get("/settings/integrations").csrf();
		for (Map.Entry<String, String> nasty : NASTY.entrySet()) {
			for (String name : integrationForm.keySet()) {
				Map<String, String> form = new LinkedHashMap<>(integrationForm);
				form.put(name, nasty.getValue());
				record("POST /settings/integrations/new " + name + "=" + nasty.getKey(), carla
					.postForm("/settings/integrations/new", csrf, form));
				record("POST /settings/integrations/{id}/edit " + name + "=" + nasty.getKey(), carla.postForm(
						"/settings/integrations/" + integration + "/edit", csrf, form));
			}
			for (String name : settingsForm.keySet()) {
				Map<String, String> form = new LinkedHashMap<>(settingsForm);
				form.put(name, nasty.getValue());
				record("POST /settings/calendar/settings/{id} " + name + "=" + nasty.getKey(), carla.postForm(
						"/settings/calendar/settings/" + connection, csrf, form));
			}
			record("POST /settings/calendar/task-colors/{id} color_call=" + nasty.getKey(),
					carla.postForm("/settings/calendar/task-colors/" + connection,
							csrf, Map.of("color_call", nasty.getValue())));
			record("GET /settings/calendar/callback?error=" + nasty.getKey(), carla.get(
					"/settings/calendar/callback?error=" + q(nasty.getValue()) + "&state=x"));
		}
		assertThat(carla.get("/settings/calendar").status()).as("the pages still render whatever was saved")
			.isEqualTo(200);
		assertThat(carla.get("/settings/integrations").status()).isEqualTo(200);

		assertNoServerErrors("account and settings forms", output);
	}

	@Test
	void acceptedTextIsStoredAsSentAndShownEscaped() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		for (String kind : List.of("right-to-left", "emoji", "markup", "SQL")) {
			String text = NASTY.get(kind);
			Map<String, Object> task = new LinkedHashMap<>(validTask());
			task.put("title", text.length() > 255 ? text.substring(0, 255) : text);
			task.put("description", text);
			task.put("contactName", text);
			WebClient.Response created = ana.api("POST", "/api/tasks", task);
			assertThat(created.status()).as(kind + ": " + created.body()).isEqualTo(201);
			long id = created.json().get("id").asLong();

			assertThat(ana.api("GET", "/api/tasks/" + id, null).json().get("description").asString()).as(kind)
				.isEqualTo(text);
			for (String page : List.of("/tasks/" + id, "/tasks/" + id + "/edit", "/tasks/" + id + "/delete",
					"/tasks?when=all")) {
				String html = ana.get(page).body();
				assertThat(HtmlUtils.htmlUnescape(html)).as(kind + " on " + page)
					.contains(text.length() > 255 ? text.substring(0, 255) : text);
				assertThat(html).as(kind + " on " + page).doesNotContain("<script>alert(", "<img src=x");
			}
		}
	}

	@Test
	void aNulCharacterIsRefusedWithAMessageOnItsFieldNotWithADatabaseError() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		Map<String, String> form = new LinkedHashMap<>(validTaskForm());
		form.put("title", "Call\u0000Ana");

		WebClient.Response page = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);
		assertThat(page.status()).as("the form, again, with its errors").isEqualTo(422);
		assertThat(page.body()).contains("Remove the invisible NUL character from this text");

		WebClient.Response api = ana.api("POST", "/api/tasks", Map.of("title", "Call Ana", "notes", "a\u0000b",
				"startAt", "2026-12-01T10:00:00+01:00", "timeZone", "Europe/Berlin"));
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.json().get("errors").get(0).get("field").asString()).isEqualTo("notes");
		assertThat(api.json().get("errors").get(0).get("message").asString()).contains("NUL");

		WebClient stranger = new WebClient(port);
		WebClient.Response login = stranger.postForm("/login", stranger.get("/login").csrf(),
				Map.of("username", "ana\u0000@example.com", "password", "correct horse battery"));
		assertThat(login.header("Location")).as("simply no such account").endsWith("/login?error");
	}

	@Test
	void aPatchWithAnEmptyVersionIsABadRequestNotAServerError() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long id = ana.api("POST", "/api/tasks", validTask()).json().get("id").asLong();

		WebClient.Response patch = ana.api("PATCH", "/api/tasks/" + id, Map.of("title", "Call Ana at 11", "version", ""));

		assertThat(patch.status()).isEqualTo(400);
		assertThat(patch.json().get("errors").get(0).get("field").asString()).isEqualTo("version");
		assertThat(ana.api("GET", "/api/tasks/" + id, null).json().get("title").asString())
			.isEqualTo("Call Ana about the renewal");
	}

	/** Finding 5: years of ±999,999,999 (and 99999) were a 500 with an ERROR, or stored and failed in the worker. */
	@Test
	void datesOutsideTheYears1900To2999AreRefusedNamingTheFieldAndNothingIsSaved(CapturedOutput output) {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long before = ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong();

		for (String startAt : List.of("+999999999-01-01T10:00:00Z", "-999999999-01-01T10:00:00Z",
				"1899-12-31T23:00:00Z", "3000-01-01T00:00:00Z")) {
			Map<String, Object> task = new LinkedHashMap<>(validTask());
			task.put("startAt", startAt);
			assertRefusedNaming(ana.api("POST", "/api/tasks", task), "startAt", startAt);
		}
		Map<String, Object> allDay = new LinkedHashMap<>(validTask());
		allDay.put("allDay", true);
		allDay.put("startDate", "+99999-01-01");
		assertRefusedNaming(ana.api("POST", "/api/tasks", allDay), "startDate", "an all-day task in 99999");
		for (String query : List.of("from=%2B999999999-01-01T00:00:00Z", "to=-999999999-01-01T00:00:00Z")) {
			assertRefusedNaming(ana.api("GET", "/api/tasks?" + query, null), query.substring(0, query.indexOf('=')),
					query);
		}

		Map<String, String> form = new LinkedHashMap<>(validTaskForm());
		form.put("startDate", "+99999-01-01");
		form.put("endDate", "");
		WebClient.Response page = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);
		assertThat(page.status()).as("the form, again, with its errors").isEqualTo(422);
		assertThat(page.body()).contains("Enter a date between 1900-01-01 and 2999-12-31");

		WebClient.Response list = ana.get("/tasks?to=-99999-01-01");
		assertThat(list.status()).isEqualTo(400);
		assertThat(list.body()).contains("Filter dates must be between 1900-01-01 and 2999-12-31.");

		assertThat(ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).as("nothing saved")
			.isEqualTo(before);
		assertNoErrorInTheLog(output);
	}

	/** Finding 5: page 99,999,999 was a 500; page and size are now bounded, and out of bounds is a 400 that says so. */
	@Test
	void pageAndSizeOutsideTheirBoundsAreABadRequestThatSaysTheBounds(CapturedOutput output) {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");

		WebClient.Response farPage = ana.api("GET", "/api/tasks?page=99999999", null);
		assertRefusedNaming(farPage, "page", "page 99999999");
		assertThat(farPage.json().get("errors").get(0).get("message").asString()).isEqualTo("must be between 0 and 100000");
		assertRefusedNaming(ana.api("GET", "/api/tasks?page=-1", null), "page", "page -1");
		assertRefusedNaming(ana.api("GET", "/api/tasks?size=201", null), "size", "size 201");
		assertRefusedNaming(ana.api("GET", "/api/tasks?size=0", null), "size", "size 0");
		assertThat(ana.api("GET", "/api/tasks?page=100000&size=200", null).status()).as("the last page allowed")
			.isEqualTo(200);
		assertThat(ana.get("/tasks?page=99999999").status()).as("the page's pager number is clamped").isEqualTo(200);
		assertNoErrorInTheLog(output);
	}

	/** Finding 6: a lone surrogate (JSON's "\ud800") was stored as "?" without a word. */
	@Test
	void halfASurrogatePairIsRefusedWithAMessageAndNeverStoredChanged(CapturedOutput output) {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long before = ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong();
		String lone = "{\"title\":\"Call \\ud800 Ana\",\"startAt\":\"2026-12-01T10:00:00+01:00\","
				+ "\"timeZone\":\"Europe/Berlin\"}";
		assertRefusedNaming(ana.api("POST", "/api/tasks", lone), "title", "a lone high surrogate");
		assertThat(ana.api("POST", "/api/tasks", lone).json().get("errors").get(0).get("message").asString())
			.contains("valid Unicode");
		String loneLow = lone.replace("\\ud800", "\\udc00");
		assertRefusedNaming(ana.api("POST", "/api/tasks", loneLow), "title", "a lone low surrogate");

		long id = ana.api("POST", "/api/tasks", validTask()).json().get("id").asLong();
		WebClient.Response patch = ana.api("PATCH", "/api/tasks/" + id, "{\"notes\":\"She said \\udbff\"}");
		assertRefusedNaming(patch, "notes", "a patch with a lone surrogate");
		assertThat(ana.api("GET", "/api/tasks/" + id, null).json().get("notes").isNull()).as("notes unchanged").isTrue();

		String pair = "{\"title\":\"Call \\ud83d\\udcc5 Ana\",\"startAt\":\"2026-12-01T10:00:00+01:00\","
				+ "\"timeZone\":\"Europe/Berlin\"}";
		WebClient.Response emoji = ana.api("POST", "/api/tasks", pair);
		assertThat(emoji.status()).as("a whole pair is an emoji, and welcome").isEqualTo(201);
		assertThat(emoji.json().get("title").asString()).isEqualTo("Call \uD83D\uDCC5 Ana");
		assertThat(ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).isEqualTo(before + 2);
		assertNoErrorInTheLog(output);
	}

	/** Finding 6: a calendar id such as {@code ../../x} was stored, and then read from Google with 400s forever. */
	@Test
	void aTaskCalendarMustBeOneOfTheConnectedAccountsWritableCalendars() throws java.io.IOException {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		Map<String, Object> task = new LinkedHashMap<>(validTask());
		task.put("calendarId", "ana.souza@example.com");
		WebClient.Response unconnected = ana.api("POST", "/api/tasks", task);
		assertRefusedNaming(unconnected, "calendarId", "no calendar connected yet");
		assertThat(unconnected.body()).contains("Connect a Google Calendar first");

		long connection = ConsentFlow.connect(ana, "ana.souza@example.com", jdbc);
		assertThat(connection).isPositive();
		var calendars = new io.calbridge.EmulatorAccess(port).calendarOf("ana.souza@example.com")
			.calendarList().list().execute().getItems();
		String secondary = calendars.stream()
			.filter(c -> !Boolean.TRUE.equals(c.getPrimary()) && "owner".equals(c.getAccessRole()))
			.map(com.google.api.services.calendar.model.CalendarListEntry::getId).findFirst().orElseThrow();
		String readOnly = calendars.stream().filter(c -> "reader".equals(c.getAccessRole()))
			.map(com.google.api.services.calendar.model.CalendarListEntry::getId).findFirst().orElseThrow();
		long before = ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong();

		for (String bad : List.of("../../x", "someone.else@example.com", readOnly)) {
			task.put("calendarId", bad);
			WebClient.Response refused = ana.api("POST", "/api/tasks", task);
			assertRefusedNaming(refused, "calendarId", bad);
			assertThat(refused.body()).as(bad).contains("Not one of the calendars of ana.souza@example.com");
		}
		Map<String, String> form = new LinkedHashMap<>(validTaskForm());
		form.put("calendarId", "../../x");
		WebClient.Response page = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);
		assertThat(page.status()).isEqualTo(422);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Not one of the calendars of ana.souza@example.com");
		assertThat(ana.api("GET", "/api/tasks", null).json().get("totalItems").asLong()).as("nothing saved")
			.isEqualTo(before);

		for (String good : List.of("ana.souza@example.com", secondary)) {
			task.put("calendarId", good);
			assertThat(ana.api("POST", "/api/tasks", task).status()).as(good).isEqualTo(201);
		}
		long id = createdTaskId(ana, validTaskForm());
		WebClient.Response moved = ana.api("PATCH", "/api/tasks/" + id, Map.of("calendarId", "../../x"));
		assertRefusedNaming(moved, "calendarId", "a patch to ../../x");
		assertThat(ana.api("GET", "/api/tasks/" + id, null).json().get("calendarId").isNull()).as("unchanged").isTrue();
	}

	private static void assertRefusedNaming(WebClient.Response answer, String field, String what) {
		assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
		assertThat(answer.json().get("errors").get(0).get("field").asString()).as(what).isEqualTo(field);
	}

	private static void assertNoErrorInTheLog(CapturedOutput output) {
		assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ")).toList()).as("errors in the log")
			.isEmpty();
	}

	// --- helpers ---

	private void post(WebClient person, Map<String, Object> valid, String field, String kind) {
		Map<String, Object> task = new LinkedHashMap<>(valid);
		task.put(field, NASTY.get(kind));
		record("POST /api/tasks " + field + "=" + kind, person.api("POST", "/api/tasks", task));
	}

	private void record(String what, WebClient.Response answer) {
		answers.merge(answer.status() / 100 + "xx", 1, Integer::sum);
		if (answer.status() >= 500) {
			serverErrors.add(what + " -> " + answer.status());
		}
		else if (answer.status() >= 400 && answer.status() != 404 && answer.body().isBlank()) {
			serverErrors.add(what + " -> " + answer.status() + " without a word of why");
		}
	}

	private void assertNoServerErrors(String fuzzed, CapturedOutput output) {
		System.out.printf("input fuzzing, %s: %d requests, answers %s%n", fuzzed,
				answers.values().stream().mapToInt(Integer::intValue).sum(), answers);
		assertThat(serverErrors).as("answers that were our fault").isEmpty();
		assertThat(output.getAll()).as("the log is captured").contains("INFO");
		assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ")).toList()).as("errors in the log")
			.isEmpty();
	}

	private long connectionId(WebClient person) {
		return person.get("/settings/calendar/status").json().get(0).get("id").asLong();
	}

	static Map<String, String> validTaskForm() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("title", "Call Ana about the renewal");
		form.put("description", "Renewal of the 2027 contract");
		form.put("notes", "She prefers mornings");
		form.put("type", "CALL");
		form.put("priority", "HIGH");
		form.put("status", "PENDING");
		form.put("startDate", "2026-12-01");
		form.put("startTime", "10:00");
		form.put("endDate", "2026-12-01");
		form.put("endTime", "10:30");
		form.put("durationMinutes", "30");
		form.put("timeZone", "Europe/Berlin");
		form.put("contactName", "Ana Souza");
		form.put("dealName", "Souza Renewal 2027");
		form.put("attendees", "Ana Souza <ana.souza@example.com>\nben.keller@example.com");
		form.put("includeGoogleMeet", "true");
		form.put("syncToCalendar", "true");
		form.put("calendarId", ""); // the default calendar: Ana has no calendar connected here
		form.put("allDay", "false");
		return form;
	}

	static Map<String, Object> validTask() {
		Map<String, Object> task = new LinkedHashMap<>();
		task.put("title", "Call Ana about the renewal");
		task.put("type", "call");
		task.put("startAt", "2026-12-01T10:00:00+01:00");
		task.put("timeZone", "Europe/Berlin");
		task.put("contactName", "Ana Souza");
		task.put("allDay", false);
		return task;
	}

	private static long createdTaskId(WebClient person, Map<String, String> form) {
		WebClient.Response created = person.postForm("/tasks/new", person.get("/tasks/new").csrf(), form);
		assertThat(created.status()).as(created.body()).isEqualTo(302);
		String location = created.header("Location");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	static String field(String html, String name) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"")
			.matcher(html);
		if (!m.find()) {
			m = java.util.regex.Pattern.compile("value=\"([^\"]*)\"[^>]*name=\"" + name + "\"").matcher(html);
			assertThat(m.find()).as("field " + name).isTrue();
		}
		return m.group(1);
	}

	private static String q(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
