package io.calbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

/**
 * A full inbound sync of a big calendar (DESIGN.md §5): 100,000 events made by other people, spread over the
 * sync window (30 days back, a year ahead), seeded into Ana's primary calendar through the emulator's bulk admin
 * endpoint. Two full reads per run: the first read on connect (import off: every event is looked at, none
 * becomes a task), then "import events created in Google" turned on, which reads the calendar in full again and
 * makes every event a task. Wall time, {@code events.list} pages and heap: peak usage of the heap pools after a
 * {@code System.gc()} and {@code resetPeakUsage()}, in this JVM, which also holds the emulator and its events.
 */
@Tag("bench")
@CalBridgeTest
@DirtiesContext
class FullSyncBenchmark {

	static final int EVENTS = Integer.getInteger("bench.fullsync.events", 100_000);

	static final boolean IMPORT = Boolean.parseBoolean(System.getProperty("bench.fullsync.import", "true"));

	static final int CHUNK = 5_000;

	/** With seconds always (OffsetDateTime's toString drops ":00", which Google's parser refuses). */
	static final java.time.format.DateTimeFormatter RFC_3339 = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	record Phase(double seconds, long pages, long tasksCreated, double baselineMiB, double peakMiB, double oldGenPeakMiB,
			double liveAfterMiB) {
	}

	@Test
	void fullSyncOfAHundredThousandEvents() throws Exception {
		EmulatorAccess emulator = new EmulatorAccess(port);
		List<Phase> firstReads = new ArrayList<>();
		List<Phase> imports = new ArrayList<>();
		for (int run = 0; run < BenchReport.RUNS; run++) {
			emulator.post("/emulator/admin/reset", "{}");
			double seedSeconds = seed(emulator, run);
			System.out.printf("full sync run %d: %d events seeded in %.1f s%n", run + 1, EVENTS, seedSeconds);
			WebClient ana = WebClient.signedUp(port, "Ana Souza");
			Heap heap = Heap.reset();
			emulator.clearRequests();
			Instant start = Instant.now();
			long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
			awaitFullRead(connection, start);
			firstReads.add(heap.phase(start, WatchedCalendar.listCalls(emulator, ACCOUNT), 0));
			if (IMPORT) {
				long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class,
						connection);
				heap = Heap.reset();
				emulator.clearRequests();
				Instant turnedOn = Instant.now();
				WebClient.Response saved = ana.postForm("/settings/calendar/settings/" + connection,
						ana.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", ACCOUNT, "autoSync", "true",
								"importExternalEvents", "true", "deletionRule", "CANCEL_TASK"));
				if (saved.status() != 302) {
					throw new IllegalStateException("settings answered " + saved.status());
				}
				awaitFullRead(connection, turnedOn);
				long tasks = jdbc.queryForObject("select count(*) from crm_tasks where user_id = ?", Long.class, user);
				imports.add(heap.phase(turnedOn, WatchedCalendar.listCalls(emulator, ACCOUNT), tasks));
			}
		}
		report(firstReads, imports);
	}

	private void awaitFullRead(long connection, Instant since) {
		Eventually.until("the full read of " + ACCOUNT, Duration.ofMinutes(30), () -> jdbc.queryForObject("""
				select coalesce(bool_and(last_full_sync_at >= ? and sync_token is not null and claimed_until is null), false)
				from calendar_syncs where connection_id = ? and calendar_id = ?""", Boolean.class,
				java.sql.Timestamp.from(since), connection, ACCOUNT));
	}

	/** EVENTS meetings other people invited Ana to, spread over the sync window, sent in chunks. */
	private double seed(EmulatorAccess emulator, int run) {
		String[] who = { "Lukas Weber|lukas.weber@nordwind.example", "Priya Nair|priya.nair@lumenlabs.example",
				"Kenji Sato|kenji.sato@harbour-logistics.example", "Fatima Zahra|fatima.zahra@atlas-retail.example",
				"Tomás Ribeiro|tomas.ribeiro@verde-energia.example", "Grace Okafor|grace.okafor@kestrel.example" };
		String[] what = { "Quarterly business review", "Contract renewal call", "Product demo", "Onboarding session",
				"Pricing discussion", "Site visit debrief", "Support escalation", "Roadmap preview" };
		String[] zones = { "America/Sao_Paulo", "Europe/Berlin", "Asia/Tokyo", "Africa/Lagos", "Europe/Lisbon" };
		Random random = new Random(42 + run);
		ZonedDateTime first = ZonedDateTime.now(ZoneId.of("UTC")).minusDays(29).truncatedTo(ChronoUnit.HOURS);
		long windowMinutes = Duration.ofDays(389).toMinutes();
		long started = System.nanoTime();
		StringBuilder chunk = new StringBuilder();
		for (int i = 0; i < EVENTS; i++) {
			String[] person = who[random.nextInt(who.length)].split("\\|");
			String zone = zones[random.nextInt(zones.length)];
			ZonedDateTime start = first.plusMinutes(windowMinutes * i / EVENTS).withZoneSameInstant(ZoneId.of(zone));
			chunk.append(chunk.isEmpty() ? "" : ",").append("""
					{"summary":"%s — %s","description":"Agenda shared by %s.","location":"Google Meet",
					 "organizer":{"email":"%s","displayName":"%s"},
					 "attendees":[{"email":"%s","displayName":"%s","organizer":true,"responseStatus":"accepted"},
					              {"email":"ana.souza@example.com","responseStatus":"%s"}],
					 "start":{"dateTime":"%s","timeZone":"%s"},"end":{"dateTime":"%s","timeZone":"%s"}}"""
				.formatted(what[random.nextInt(what.length)], person[1].substring(person[1].indexOf('@') + 1),
						person[0], person[1], person[0], person[1], person[0],
						random.nextInt(4) == 0 ? "needsAction" : "accepted", RFC_3339.format(start), zone,
						RFC_3339.format(start.plusMinutes(30 + 30 * random.nextInt(3))), zone));
			if ((i + 1) % CHUNK == 0 || i == EVENTS - 1) {
				emulator.post("/emulator/admin/calendars/" + ACCOUNT + "/events/bulk", "{\"events\":[" + chunk + "]}");
				chunk.setLength(0);
			}
		}
		return (System.nanoTime() - started) / 1e9;
	}

	/** Heap figures of one phase: after a GC and a reset of the pools' peaks, until {@link #phase}. */
	private record Heap(double baselineMiB) {

		static Heap reset() {
			System.gc();
			heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
			return new Heap(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB);
		}

		Phase phase(Instant start, long pages, long tasks) {
			double seconds = Duration.between(start, Instant.now()).toMillis() / 1e3;
			// The pools peak at different moments, so their sum is an upper bound of the heap's peak; the old
			// generation's peak is closer to what the run kept alive.
			double peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / MIB;
			double oldPeak = heapPools().stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
				.mapToLong(p -> p.getPeakUsage().getUsed()).sum() / MIB;
			System.gc();
			double live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
			return new Phase(seconds, pages, tasks, baselineMiB, peak, oldPeak, live);
		}

		private static List<MemoryPoolMXBean> heapPools() {
			return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
		}

		private static final double MIB = 1 << 20;

	}

	private void report(List<Phase> firstReads, List<Phase> imports) throws IOException {
		StringBuilder md = new StringBuilder();
		md.append("## 4. Full sync of ").append(EVENTS).append(" events\n\n")
			.append("Events by six outside organizers in five zones, 30–90 min, spread evenly over the full-sync window ")
			.append("(30 days back, a year ahead), in Ana's primary calendar (emulator bulk admin endpoint). Page size ")
			.append("500 (the default). Wall time from the connect (or from saving the import setting) until the ")
			.append("calendar's sync token is stored. Heap in this JVM, which also holds the emulator and its events: ")
			.append("used after `System.gc()` before the phase (baseline), peak of the heap pools since ")
			.append("`resetPeakUsage()` (sum of the pools' peaks: an upper bound), the old generation's peak, and ")
			.append("used after `System.gc()` at the end. ").append(BenchReport.RUNS).append(" runs, median (min–max).\n\n")
			.append("| phase | wall time (s) | events.list pages | tasks created | heap before (MiB) | peak heap (MiB) | old-gen peak (MiB) | heap after GC (MiB) |\n")
			.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		row(md, "first read on connect (import off)", firstReads);
		if (!imports.isEmpty()) {
			row(md, "import turned on: full read, every event → task", imports);
		}
		BenchReport.write("fullsync", md.toString());
	}

	private static void row(StringBuilder md, String name, List<Phase> runs) {
		md.append("| ").append(name)
			.append(" | ").append(BenchReport.spread(runs, Phase::seconds, "%.1f"))
			.append(" | ").append(BenchReport.spread(runs, Phase::pages, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Phase::tasksCreated, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Phase::baselineMiB, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Phase::peakMiB, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Phase::oldGenPeakMiB, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Phase::liveAfterMiB, "%.0f")).append(" |\n");
	}

}
