package io.calbridge.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings page's "Linked tasks" for each followed calendar counts the person's live tasks in it: those the
 * tasks module holds for that connection and calendar, a deleted one no longer.
 */
@CalBridgeTest
class LinkedTasksCountTest {

	static final Duration SOON = Duration.ofSeconds(30);

	static final String ACCOUNT = "ana.souza@example.com";

	static final String HOLIDAYS = "en.usa#holiday@group.v.calendar.google.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void eachFollowedCalendarShowsHowManyLiveTasksItHolds() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		ConsentFlow.connect(ana, ACCOUNT, jdbc);
		Eventually.until("the holiday calendar followed", SOON,
				() -> ana.get("/settings/calendar").body().contains("data-calendar=\"" + HOLIDAYS + "\""));
		List<Long> ids = new ArrayList<>();
		for (String title : List.of("Call Duarte about the Porto office lease", "Send Inês the signed NDA",
				"Quarterly review with Lusitana Foods")) {
			ids.add(ana.api("POST", "/api/tasks", Map.of("title", title, "type", "call", "startAt",
					"2026-12-0" + (ids.size() + 3) + "T10:00:00Z", "timeZone", "Europe/Lisbon")).json().get("id").asLong());
		}
		for (long id : ids) {
			Eventually.until("task " + id + " linked to its event", SOON,
					() -> !ana.api("GET", "/api/tasks/" + id, null).json().get("sync").get("calendarId").isNull());
		}
		assertThat(linkedTasks(ana, ACCOUNT)).as("three tasks in the primary calendar").isEqualTo(3);

		assertThat(ana.api("DELETE", "/api/tasks/" + ids.get(0) + "?event=delete", null).status()).isEqualTo(204);

		assertThat(linkedTasks(ana, ACCOUNT)).as("the deleted one no longer counts").isEqualTo(2);
		assertThat(linkedTasks(ana, HOLIDAYS)).as("no task in the holiday calendar").isZero();
	}

	/** The "Linked tasks" cell of one followed calendar's row on the settings page. */
	static long linkedTasks(WebClient person, String calendarId) {
		String page = person.get("/settings/calendar").body();
		Matcher row = Pattern.compile("data-calendar=\"" + Pattern.quote(calendarId)
				+ "\".*?data-label=\"Linked tasks\"[^>]*>(\\d+)<", Pattern.DOTALL).matcher(page);
		assertThat(row.find()).as("a row for " + calendarId + " on the settings page").isTrue();
		return Long.parseLong(row.group(1));
	}

}
