package io.calbridge.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.SecondInstance;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A second CalBridge on the same database, both workers running: every task is sent by exactly one of them. */
@CalBridgeTest
@ExtendWith(OutputCaptureExtension.class)
class TwoInstancesTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void twoInstancesShareOneThousandPendingTasksWithoutSendingAnyTwice(CapturedOutput output) {
		WebClient emil = WebClient.signedUp(port, "Emil Novak");
		long connection = ConsentFlow.connect(emil, "ben.keller@example.com", jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		EmulatorAccess emulator = new EmulatorAccess(port);
		try (ConfigurableApplicationContext second = SecondInstance.start(port, dataSource)) {
			emulator.clearRequests();
			pendingTasks(user, 1000);

			Eventually.until("all 1000 synced", Duration.ofSeconds(120), () -> jdbc.queryForObject(
					"select count(*) from crm_tasks where user_id = ? and sync_state = 'SYNCED'", Long.class, user) == 1000);
		}

		assertThat(emulator.requests().get("byEndpoint").get("calendar.events.insert").asLong())
			.as("insert calls").isEqualTo(1000);
		assertThat(jdbc.queryForObject("select count(distinct google_event_id) from crm_tasks where user_id = ?",
				Long.class, user)).isEqualTo(1000);
		assertThat(jdbc.queryForObject("select count(*) from sync_log where user_id = ? and action = 'adopt'", Long.class,
				user)).as("no insert had to be adopted, none was sent twice").isZero();
		// Both workers took part (each instance names its worker threads sync-<n>-worker).
		java.util.regex.Matcher worker = java.util.regex.Pattern.compile("\\[\\s*(sync-\\d+-worker)\\].*outbound task=")
			.matcher(output.getAll());
		java.util.Set<String> workers = new java.util.HashSet<>();
		while (worker.find()) {
			workers.add(worker.group(1));
		}
		assertThat(workers).as("instances that sent tasks").hasSizeGreaterThanOrEqualTo(2);
	}

	private void pendingTasks(long user, int count) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { user, "Demo call #" + (i + 1),
					java.sql.Timestamp.from(java.time.Instant.parse("2027-02-01T08:00:00Z").plusSeconds(1800L * i)),
					java.sql.Timestamp.from(java.time.Instant.parse("2027-02-01T08:30:00Z").plusSeconds(1800L * i)) });
		}
		jdbc.batchUpdate("insert into crm_tasks (user_id, title, type, start_at, end_at, time_zone, sync_to_calendar, "
				+ "sync_state, sync_next_attempt_at) values (?, ?, 'CALL', ?, ?, 'Europe/Prague', true, 'PENDING', now())",
				rows);
	}

}
