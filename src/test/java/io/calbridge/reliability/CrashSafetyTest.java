package io.calbridge.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CalBridge as a separate process, bulk-syncing 2,000 tasks, killed with SIGKILL midway and started again: no
 * event twice, none missing. The database and the emulator live in this test's JVM, so they outlive the kill;
 * this JVM's own outbound worker is off so that only the separate process sends.
 */
@Tag("reliability")
@CalBridgeTest
@TestPropertySource(properties = "calbridge.sync.outbound-worker=false")
class CrashSafetyTest {

	static final int TASKS = 2000;

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void killedMidwayAndRestartedItSendsEveryTaskExactlyOnce() throws Exception {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		pendingTasks(user);

		Process first = startCalBridge("first");
		Eventually.until("a third of the tasks sent", Duration.ofSeconds(120), () -> synced(user) >= TASKS / 3);
		first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful stop
		first.waitFor();
		long atKill = synced(user);
		assertThat(atKill).as("killed midway").isLessThan(TASKS);

		Process second = startCalBridge("second");
		try {
			Eventually.until("all tasks sent after the restart", Duration.ofSeconds(240), () -> synced(user) == TASKS);
		}
		finally {
			second.destroyForcibly();
			second.waitFor();
		}

		List<String> titles = titlesInGoogle();
		Set<String> distinct = new HashSet<>(titles);
		System.out.printf("crash safety: %d of %d synced at the kill; %d events in Google, %d distinct%n", atKill, TASKS,
				titles.size(), distinct.size());
		assertThat(titles).as("events, none twice").hasSize(TASKS);
		assertThat(distinct).as("one per task, none missing").hasSize(TASKS);
	}

	private Process startCalBridge(String name) throws IOException {
		String google = "http://127.0.0.1:" + port + "/emulator/google/";
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "io.calbridge.CalBridgeApplication", "--server.port=0",
				"--spring.datasource.url=" + dataSource.getJdbcUrl(), "--spring.datasource.username=" + dataSource.getUsername(),
				"--calbridge.emulator.enabled=false", "--calbridge.encryption-password=test-only-encryption-password",
				"--calbridge.data-dir=target/crash-" + name, "--calbridge.google.token-uri=" + google + "token",
				"--calbridge.google.revoke-uri=" + google + "revoke", "--calbridge.google.user-info-uri=" + google + "v1/userinfo",
				"--calbridge.google.calendar-root-url=" + google, "--calbridge.sync.requests-per-minute=3000",
				"--calbridge.sync.lease=10s", "--calbridge.sync.sweep-interval=1s"));
		ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/crash-" + name + ".log"));
		// In the environment, not on the command line, where every local user could read it.
		process.environment().put("DATABASE_PASSWORD", dataSource.getPassword());
		return process.start();
	}

	private long synced(long user) {
		return jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and sync_state = 'SYNCED'", Long.class,
				user);
	}

	private void pendingTasks(long user) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < TASKS; i++) {
			rows.add(new Object[] { user, "Crash-safe task #" + (i + 1),
					java.sql.Timestamp.from(java.time.Instant.parse("2027-03-01T08:00:00Z").plusSeconds(900L * i)),
					java.sql.Timestamp.from(java.time.Instant.parse("2027-03-01T08:15:00Z").plusSeconds(900L * i)) });
		}
		jdbc.batchUpdate("insert into crm_tasks (user_id, title, type, start_at, end_at, time_zone, sync_to_calendar, "
				+ "sync_state, sync_next_attempt_at) values (?, ?, 'TASK', ?, ?, 'Europe/Madrid', true, 'PENDING', now())",
				rows);
	}

	private List<String> titlesInGoogle() throws IOException {
		Calendar google = new EmulatorAccess(port).calendarOf(ACCOUNT);
		List<String> titles = new ArrayList<>();
		String page = null;
		do {
			Events events = google.events().list(ACCOUNT).setMaxResults(2500).setPageToken(page).execute();
			for (Event event : events.getItems()) {
				if (event.getSummary() != null && event.getSummary().startsWith("Crash-safe task #")) {
					titles.add(event.getSummary());
				}
			}
			page = events.getNextPageToken();
		}
		while (page != null);
		return titles;
	}

}
