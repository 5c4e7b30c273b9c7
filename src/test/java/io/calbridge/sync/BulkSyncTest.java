package io.calbridge.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

/** Many tasks at once: sent in batches, counted by the emulator, with a progress a person can watch. */
@CalBridgeTest
class BulkSyncTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void twoThousandExistingTasksGoOutInAtMost45BatchRoundTripsWithProgress() {
		WebClient chloe = WebClient.signedUp(port, "Chloé Martin");
		long connection = ConsentFlow.connect(chloe, "ana.souza@example.com", jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		existingTasks(user, 2000);
		EmulatorAccess emulator = new EmulatorAccess(port);
		String progressUrl = "/settings/calendar/bulk-sync/" + connection + "/progress";
		assertThat(chloe.get(progressUrl).json().get("synced").asLong()).isZero();
		emulator.clearRequests();

		WebClient.Response started = chloe.postForm("/settings/calendar/bulk-sync/" + connection,
				chloe.get("/settings/calendar").csrf(), Map.of());
		assertThat(chloe.follow(started).body()).contains("2000 tasks queued for Google Calendar.");

		List<Long> seen = new ArrayList<>();
		JsonNode done = Eventually.await("all 2000 synced", Duration.ofSeconds(120), () -> {
			JsonNode progress = chloe.get(progressUrl).json();
			seen.add(progress.get("synced").asLong());
			return progress;
		}, progress -> progress.get("synced").asLong() == 2000);

		assertThat(done.get("total").asLong()).isEqualTo(2000);
		assertThat(seen).isSorted().contains(2000L);
		JsonNode counts = emulator.requests().get("byEndpoint");
		assertThat(counts.get("batch").asLong()).as("batch round trips").isLessThanOrEqualTo(45);
		assertThat(counts.get("calendar.events.insert").asLong()).as("inserts: one per task").isEqualTo(2000);
	}

	@Test
	void syncAllWithAutoSyncOffSendsTheTasksAndTurningAutoSyncOnSendsWhatWaited() {
		WebClient chloe = WebClient.signedUp(port, "Chloé Martin");
		long connection = ConsentFlow.connect(chloe, "ana.souza@example.com", jdbc);
		assertThat(chloe.postForm("/settings/calendar/settings/" + connection, chloe.get("/settings/calendar").csrf(),
				Map.of("defaultCalendarId", "ana.souza@example.com", "deletionRule", "CANCEL_TASK")).status())
			.isEqualTo(302);
		List<Long> first = List.of(task(chloe, "Call Dubois SARL about the quote"), task(chloe, "Send the Lyon proposal"),
				task(chloe, "Follow up with Marchand"));
		String progressUrl = "/settings/calendar/bulk-sync/" + connection + "/progress";
		JsonNode waiting = Eventually.await("the worker leaves them waiting", SOON, () -> chloe.get(progressUrl).json(),
				progress -> progress.get("waiting").asLong() == 3);
		assertThat(waiting.get("waitingReason").asString()).startsWith("auto-sync is off — press Sync all");
		assertThat(waiting.get("sending").asLong()).isZero();
		assertThat(chloe.get("/settings/calendar").body()).contains("Auto-sync is off: changes wait here");

		WebClient.Response pressed = chloe.postForm("/settings/calendar/bulk-sync/" + connection,
				chloe.get("/settings/calendar").csrf(), Map.of());

		assertThat(chloe.follow(pressed).body()).contains("3 tasks queued for Google Calendar.",
				"Auto-sync is off: these go now because you asked");
		first.forEach(id -> Eventually.until("task " + id + " in Google", SOON, () -> "synced".equals(state(chloe, id))));

		// Auto-sync still off: a new task waits again, and says why …
		long later = task(chloe, "Prepare the Marchand demo");
		Eventually.until("the new task waiting", SOON, () -> chloe.get(progressUrl).json().get("waiting").asLong() == 1);
		assertThat(state(chloe, later)).isEqualTo("pending");

		// … until auto-sync is back on: what waited goes, without another press.
		assertThat(chloe.postForm("/settings/calendar/settings/" + connection, chloe.get("/settings/calendar").csrf(),
				Map.of("defaultCalendarId", "ana.souza@example.com", "autoSync", "true", "deletionRule", "CANCEL_TASK"))
			.status()).isEqualTo(302);
		Eventually.until("the waiting task in Google", SOON, () -> "synced".equals(state(chloe, later)));
		JsonNode done = chloe.get(progressUrl).json();
		assertThat(done.get("waiting").asLong()).isZero();
		assertThat(done.get("synced").asLong()).isEqualTo(4);
	}

	private static long task(WebClient person, String title) {
		return person.api("POST", "/api/tasks", Map.of("title", title, "startAt", "2027-02-01T09:00:00Z", "timeZone",
				"Europe/Paris")).json().get("id").asLong();
	}

	private static String state(WebClient person, long id) {
		return person.api("GET", "/api/tasks/" + id, null).json().get("sync").get("state").asString();
	}

	static final Duration SOON = Duration.ofSeconds(20);

	private void existingTasks(long user, int count) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { user, "Follow up with lead #" + (i + 1), "FOLLOW_UP",
					java.sql.Timestamp.from(java.time.Instant.parse("2027-01-04T09:00:00Z").plusSeconds(3600L * i)),
					java.sql.Timestamp.from(java.time.Instant.parse("2027-01-04T09:30:00Z").plusSeconds(3600L * i)) });
		}
		jdbc.batchUpdate("insert into crm_tasks (user_id, title, type, start_at, end_at, time_zone, sync_to_calendar, "
				+ "sync_state) values (?, ?, ?, ?, ?, 'Europe/Berlin', true, 'NONE')", rows);
	}

}
