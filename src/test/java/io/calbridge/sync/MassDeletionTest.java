package io.calbridge.sync;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.calendar.Calendar;
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
 * A calendar that suddenly loses most of its events looks like a broken source, not a person: CalBridge pauses
 * that calendar and asks before cancelling a hundred tasks.
 */
@CalBridgeTest
class MassDeletionTest {

	static final Duration SOON = Duration.ofSeconds(60);

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void deletingAHundredLinkedEventsAtOncePausesAndAsksAndApplyingCancelsThem() throws IOException {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		EmulatorAccess emulator = new EmulatorAccess(port);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			Instant start = Instant.parse("2026-12-14T12:00:00Z").plusSeconds(3600L * i);
			rows.add(new Object[] { user, "Call lead #" + (i + 1) + " from the trade fair", Timestamp.from(start),
					Timestamp.from(start.plusSeconds(900)) });
		}
		jdbc.batchUpdate("insert into crm_tasks (user_id, title, type, start_at, end_at, time_zone, sync_to_calendar, "
				+ "sync_state, sync_next_attempt_at) values (?, ?, 'CALL', ?, ?, 'America/Sao_Paulo', true, 'PENDING', now())",
				rows);
		Eventually.until("101 tasks in Google", SOON, () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where user_id = ? and sync_state = 'SYNCED'", Long.class, user) == 101);
		List<String> eventIds = jdbc.queryForList("select google_event_id from crm_tasks where user_id = ? order by id",
				String.class, user);

		// The pushes of CalBridge's own 101 inserts are all delivered and read first.
		Eventually.steady("inbound quiet", Duration.ofMillis(1500), SOON, () -> jdbc.queryForObject(
				"select inbound_requested_at is null and claimed_until is null from calendar_syncs "
						+ "where connection_id = ? and calendar_id = ?", Boolean.class, connection, ACCOUNT));
		// A hundred disappear while CalBridge hears nothing (a sync tool gone wrong, say) …
		Calendar google = emulator.calendarOf(ACCOUNT);
		emulator.fault("{\"push\":\"drop\",\"count\":100000}");
		try {
			for (int from = 0; from < 100; from += 50) {
				BatchRequest batch = google.batch();
				for (String id : eventIds.subList(from, from + 50)) {
					google.events().delete(ACCOUNT, id).queue(batch, new JsonBatchCallback<Void>() {
						@Override
						public void onSuccess(Void done, HttpHeaders headers) {
						}

						@Override
						public void onFailure(GoogleJsonError error, HttpHeaders headers) {
							throw new IllegalStateException(error.getMessage());
						}
					});
				}
				batch.execute();
			}
		}
		finally {
			emulator.clearFaults();
		}
		// … and the next deletion's push makes CalBridge read them all at once.
		google.events().delete(ACCOUNT, eventIds.get(100)).execute();

		Eventually.until("the calendar paused", SOON, () -> jdbc.queryForObject(
				"select paused_at is not null from calendar_syncs where connection_id = ? and calendar_id = ?",
				Boolean.class, connection, ACCOUNT));
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and status = 'CANCELLED'",
				Long.class, user)).as("nothing cancelled yet").isZero();
		String page = ana.get("/settings/calendar").body();
		assertThat(page).contains("101 of 101 linked tasks would be cancelled because their events were deleted in "
				+ "Google Calendar", "Apply", "Ignore, keep the tasks");
		long syncId = jdbc.queryForObject("select id from calendar_syncs where connection_id = ? and calendar_id = ?",
				Long.class, connection, ACCOUNT);

		WebClient.Response applied = ana.postForm("/settings/calendar/inbound/" + syncId + "/removals",
				ana.get("/settings/calendar").csrf(), Map.of("decision", "apply"));

		assertThat(ana.follow(applied).body()).contains("101 tasks followed Google&#39;s deletions (cancel the task).");
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and status = 'CANCELLED' "
				+ "and google_event_id is null", Long.class, user)).isEqualTo(101);
		assertThat(jdbc.queryForObject("select paused_at is null from calendar_syncs where id = ?", Boolean.class, syncId))
			.isTrue();
	}

}
