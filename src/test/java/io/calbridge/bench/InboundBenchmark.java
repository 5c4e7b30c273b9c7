package io.calbridge.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

/**
 * Inbound sync as a person sees it: (a) a burst of notifications for one calendar and the {@code events.list}
 * calls it costs; (b) an edit made in Google Calendar and the time until the task shows it, over many edits one
 * after the other, each through the emulator's real push, the webhook and the inbound worker. The worker runs
 * with the production sweep interval (500 ms), not the tests' shorter one.
 */
@Tag("bench")
@CalBridgeTest
@DirtiesContext
@TestPropertySource(properties = "calbridge.inbound.sweep-interval=500ms")
class InboundBenchmark {

	static final int BURST = Integer.getInteger("bench.inbound.burst", 1000);

	static final int EDITS = Integer.getInteger("bench.inbound.edits", 500);

	static final String ACCOUNT = "ana.souza@example.com";

	static final String BURST_ACCOUNT = "ben.keller@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	record Run(long listCallsForBurst, double burstSendSeconds, double p50Ms, double p99Ms, double maxMs) {
	}

	@Test
	void notificationBurstAndEditToTaskLatency() throws Exception {
		WatchedCalendar ana = WatchedCalendar.connect(port, jdbc, "Ana Souza", ACCOUNT);
		// The burst goes to Ben's channel: its made-up message numbers run ahead of the emulator's own, which
		// the webhook would then ignore as replays, and Ana's edits must arrive by the emulator's real pushes.
		WatchedCalendar ben = WatchedCalendar.connect(port, jdbc, "Ben Keller", BURST_ACCOUNT);
		EmulatorAccess emulator = new EmulatorAccess(port);
		Calendar google = emulator.calendarOf(ACCOUNT);
		long task = syncedTask(ana.person);
		String eventId = jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class, task);
		List<Run> runs = new ArrayList<>();
		for (int run = 0; run < BenchReport.RUNS; run++) {
			Burst burst = burst(ben, emulator);
			double[] latencies = editLatencies(google, eventId, task, run);
			runs.add(new Run(burst.listCalls(), burst.seconds(), BenchReport.percentile(latencies, 50),
					BenchReport.percentile(latencies, 99), BenchReport.percentile(latencies, 100)));
		}
		report(runs);
	}

	private long syncedTask(WebClient ana) {
		Map<String, Object> task = new LinkedHashMap<>();
		task.put("title", "Quarterly review with Lumen Labs");
		task.put("description", "Numbers for Q4, renewal terms.");
		task.put("type", "meeting");
		task.put("startAt", "2027-03-09T10:00:00-03:00");
		task.put("endAt", "2027-03-09T11:00:00-03:00");
		task.put("timeZone", "America/Sao_Paulo");
		long id = ana.api("POST", "/api/tasks", task).json().get("id").asLong();
		Eventually.until("the task synced", Duration.ofSeconds(30), () -> "SYNCED"
			.equals(jdbc.queryForObject("select sync_state from crm_tasks where id = ?", String.class, id)));
		return id;
	}

	record Burst(long listCalls, double seconds) {
	}

	/** BURST genuine notifications from 8 threads, then the reads they caused once the calendar is quiet. */
	private Burst burst(WatchedCalendar calendar, EmulatorAccess emulator) throws Exception {
		Eventually.steady("quiet before the burst", Duration.ofSeconds(1), Duration.ofSeconds(30), calendar::settled);
		emulator.clearRequests();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		AtomicLong number = new AtomicLong(calendar.lastMessageNumber() + 1);
		ExecutorService senders = Executors.newFixedThreadPool(8);
		long start = System.nanoTime();
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			answers.add(senders.submit(() -> http.send(calendar.notification(number.getAndIncrement()),
					HttpResponse.BodyHandlers.discarding()).statusCode()));
		}
		for (Future<Integer> answer : answers) {
			if (answer.get() != 200) {
				throw new IllegalStateException("a genuine notification answered " + answer.get());
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		senders.shutdown();
		Eventually.steady("the burst read", Duration.ofSeconds(1), Duration.ofSeconds(30), calendar::settled);
		return new Burst(WatchedCalendar.listCalls(emulator, calendar.account), seconds);
	}

	/** Edits the event's title in Google, one after the other; each time until the task carries it. */
	private double[] editLatencies(Calendar google, String eventId, long task, int run) throws IOException {
		double[] latencies = new double[EDITS];
		for (int i = 0; i < EDITS; i++) {
			String title = "Quarterly review with Lumen Labs (" + (run + 1) + "." + (i + 1) + ")";
			long start = System.nanoTime();
			google.events().patch(ACCOUNT, eventId, new Event().setSummary(title)).execute();
			latencies[i] = (untilTitle(task, title, start) - start) / 1e6;
		}
		return latencies;
	}

	/** Polls the task's row every 10 ms (Eventually's 100 ms would blur the figure); the time it was seen. */
	private long untilTitle(long task, String title, long start) {
		return Eventually.await("task " + task + " titled \"" + title + "\"",
				Duration.ofSeconds(30).minusNanos(System.nanoTime() - start), Duration.ofMillis(10),
				() -> title.equals(jdbc.queryForObject("select title from crm_tasks where id = ?", String.class, task))
						? System.nanoTime() : null,
				java.util.Objects::nonNull);
	}

	private void report(List<Run> runs) throws IOException {
		StringBuilder md = new StringBuilder();
		md.append("## 2. Inbound: a burst of ").append(BURST).append(" notifications; ").append(EDITS)
			.append(" edits in Google → task\n\n")
			.append("Burst: ").append(BURST).append(" genuine notifications for one watched calendar from 8 client ")
			.append("threads; `events.list` calls on that calendar until it is quiet again. Edits: the event's title ")
			.append("changed with Google's Java client, one edit after the other; latency from the call until the ")
			.append("task's row carries the new title (the emulator's real push → webhook → inbound worker, sweep ")
			.append("500 ms, quiet period 250 ms, at most 2 s; the row is polled every 10 ms). ").append(BenchReport.RUNS).append(" runs, median (min–max).\n\n")
			.append("| events.list for the burst | burst sent in (s) | edit → task p50 (ms) | p99 (ms) | max (ms) |\n")
			.append("| --- | --- | --- | --- | --- |\n")
			.append("| ").append(BenchReport.spread(runs, Run::listCallsForBurst, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::burstSendSeconds, "%.2f"))
			.append(" | ").append(BenchReport.spread(runs, Run::p50Ms, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::p99Ms, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::maxMs, "%.0f")).append(" |\n");
		BenchReport.write("inbound", md.toString());
	}

}
