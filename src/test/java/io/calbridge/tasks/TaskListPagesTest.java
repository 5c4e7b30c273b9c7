package io.calbridge.tasks;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * The task list opens at today, with what came before one click away, and shows a recurring series as one row
 * that opens to its occurrences.
 */
@CalBridgeTest
class TaskListPagesTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebClient ana;

	@BeforeEach
	void signUp() {
		ana = WebClient.signedUp(port, "Ana Souza");
	}

	@Test
	void theListOpensAtTodayWithEarlierTasksOneClickAwayAndKeepsItsFilters() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		create("Renewal call with Acme", "CALL", today.plusDays(3));
		create("Lunch with the Porto team", "MEETING", today.plusDays(1));
		create("Last week's pricing call", "CALL", today.minusDays(6));
		create("Kick-off with Nair Logistics", "MEETING", today.minusDays(20));

		String upcoming = ana.get("/tasks?zone=UTC").body();
		assertThat(upcoming).contains("Renewal call with Acme", "Lunch with the Porto team")
			.doesNotContain("Last week&#39;s pricing call", "Kick-off with Nair Logistics")
			.contains("Earlier (2)");
		assertThat(upcoming.indexOf("Lunch with the Porto team")).as("soonest first")
			.isLessThan(upcoming.indexOf("Renewal call with Acme"));

		String earlier = ana.get("/tasks?zone=UTC&when=earlier").body();
		assertThat(earlier).contains("Last week&#39;s pricing call", "Kick-off with Nair Logistics")
			.doesNotContain("Renewal call with Acme", "Lunch with the Porto team");
		assertThat(earlier.indexOf("Last week&#39;s pricing call")).as("latest first")
			.isLessThan(earlier.indexOf("Kick-off with Nair Logistics"));

		String calls = ana.get("/tasks?zone=UTC&type=CALL").body();
		assertThat(calls).contains("Renewal call with Acme").doesNotContain("Lunch with the Porto team")
			.contains("Earlier (1)")
			.as("the Earlier link keeps the filter").contains("type=CALL&amp;zone=UTC&amp;when=earlier");
		assertThat(ana.get("/tasks?zone=UTC&type=CALL&when=earlier").body()).contains("Last week&#39;s pricing call")
			.doesNotContain("Kick-off with Nair Logistics", "Renewal call with Acme");
		assertThat(ana.get("/tasks?zone=UTC&when=all").body()).contains("Renewal call with Acme",
				"Kick-off with Nair Logistics");
		// What needs a person is needed whenever it is: a sync state filter spans all time unless told otherwise.
		assertThat(ana.get("/tasks?zone=UTC&syncState=NONE").body()).contains("Renewal call with Acme",
				"Kick-off with Nair Logistics");
		assertThat(ana.get("/tasks?zone=UTC&syncState=NONE&when=upcoming").body()).contains("Renewal call with Acme")
			.doesNotContain("Kick-off with Nair Logistics");
		// Dates chosen in the filter are what the person asked for, past ones included.
		assertThat(ana.get("/tasks?zone=UTC&from=" + today.minusDays(7) + "&to=" + today).body())
			.contains("Last week&#39;s pricing call").doesNotContain("Renewal call with Acme");
	}

	@Test
	void theOccurrencesOfARecurringSeriesAreOneRowThatOpens() {
		new EmulatorAccess(port).post("/emulator/admin/reset", "{}");
		long connection = ConsentFlow.connect(ana, "ana.souza@example.com", jdbc);
		WebClient.Response saved = ana.postForm("/settings/calendar/settings/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", "ana.souza@example.com", "autoSync",
						"true", "importExternalEvents", "true", "deletionRule", "CANCEL_TASK"));
		assertThat(saved.status()).isEqualTo(302);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		Eventually.until("the import read", Duration.ofSeconds(30), () -> "done".equals(ana
			.get("/settings/calendar/import/" + connection + "/status").json().get("state").asString()));
		// The emulator's seeded "Pipeline review" is a weekly series (one week skipped).
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and title = 'Pipeline review'",
				Long.class, user)).isGreaterThan(2);
		// Every occurrence counts, also one renamed on its own: the series is in the event id, not the title.
		String series = jdbc.queryForObject("select split_part(google_event_id, '_', 1) from crm_tasks where user_id = ? "
				+ "and title = 'Pipeline review' limit 1", String.class, user);
		long all = jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and google_event_id like ?",
				Long.class, user, series + "\\_%");
		long ahead = jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and google_event_id like ? "
				+ "and end_at > ?", Long.class, user, series + "\\_%",
				java.sql.Timestamp.from(LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant()));
		String everything = ana.get("/tasks?zone=UTC&when=all").body();
		assertThat(count(everything, ">Pipeline review</a>")).as("one row for the series").isEqualTo(1);
		assertThat(everything).contains("<summary>repeating · " + all + " in all</summary>");
		assertThat(count(everything, "class=\"occurrence\"")).as("each occurrence inside the row").isEqualTo(all);

		String upcoming = ana.get("/tasks?zone=UTC").body();
		if (ahead > 1) {
			assertThat(count(upcoming, ">Pipeline review</a>")).isEqualTo(1);
			assertThat(upcoming).containsPattern("<summary>(weekly|repeating) · " + ahead + " upcoming</summary>");
		}
		// A task of its own stays a row of its own.
		assertThat(everything).contains(">Product demo — Nair Logistics</a>");
	}

	private void create(String title, String type, LocalDate day) {
		Map<String, String> form = new HashMap<>();
		form.put("title", title);
		form.put("type", type);
		form.put("priority", "MEDIUM");
		form.put("status", "PENDING");
		form.put("startDate", day.toString());
		form.put("startTime", "10:00");
		form.put("endDate", "");
		form.put("endTime", "10:30");
		form.put("durationMinutes", "");
		form.put("timeZone", "UTC");
		form.put("attendees", "");
		form.put("_syncToCalendar", "on");
		form.put("_includeGoogleMeet", "on");
		form.put("_allDay", "on");
		form.put("calendarId", "");
		WebClient.Response saved = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(), form);
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
	}

	private static int count(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int n = 0;
		while (matcher.find()) {
			n++;
		}
		return n;
	}

}
