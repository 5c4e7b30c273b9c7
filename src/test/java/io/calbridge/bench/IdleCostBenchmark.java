package io.calbridge.bench;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.MovableClock;
import io.calbridge.WebClient;

/**
 * What a connected calendar in which nothing happens costs in Google calls, counted, not extrapolated: the app
 * runs on a simulated clock that jumps from one due moment to the next (a schedule's cron time, a calendar's poll
 * or safety-net time) over several simulated days; at each, the app's own {@code @Scheduled} jobs due then are
 * run and the inbound worker is left to do what is due; the emulator counts every call. Only the access-token
 * refresh is not simulated (the emulator's token expiry runs on the real clock): the run uses ten-year tokens and
 * the refreshes are given by the rule instead (a token is refreshed when used within 5 minutes of its 1 h expiry).
 */
@Tag("bench")
@CalBridgeTest
@DirtiesContext
@TestPropertySource(properties = { "calbridge.emulator.access-token-lifetime=3650d",
		"calbridge.inbound.sweep-interval=20ms" })
class IdleCostBenchmark {

	static final int DAYS = Integer.getInteger("bench.idle.days", 7);

	static final String ACCOUNT = "ana.souza@example.com";

	static final String HOLIDAYS = "en.usa#holiday@group.v.calendar.google.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	List<ScheduledTaskHolder> schedules;

	/** Calls per simulated day, by Google method and by what the calendar is (watched, polled, the account). */
	record Run(Map<String, Double> perDay) {

		double get(String key) {
			return perDay.getOrDefault(key, 0.0);
		}

	}

	@Test
	void googleCallsOfAQuietConnectedCalendarPerDay() throws Exception {
		EmulatorAccess emulator = new EmulatorAccess(port);
		List<Run> runs = new ArrayList<>();
		String secondary = null;
		for (int run = 0; run < BenchReport.RUNS; run++) {
			WebClient ana = WebClient.signedUp(port, "Ana Souza");
			long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
			Eventually.until("three calendars followed and read", Duration.ofSeconds(30), () -> jdbc.queryForObject(
					"select count(*) = 3 and bool_and(sync_token is not null) from calendar_syncs where connection_id = ?",
					Boolean.class, connection));
			secondary = jdbc.queryForObject("select calendar_id from calendar_syncs where connection_id = ? "
					+ "and calendar_id not in (?, ?)", String.class, connection, ACCOUNT, HOLIDAYS);
			// The connect's own reads and watches are done before the count starts.
			Eventually.steady("the new connection quiet", Duration.ofSeconds(1), Duration.ofSeconds(30),
					() -> jdbc.queryForObject("select count(*) = 0 from calendar_syncs where connection_id = ? "
							+ "and (inbound_requested_at is not null or claimed_until is not null)", Boolean.class,
							connection));
			emulator.clearRequests();
			java.util.Set<String> onSimulatedClock = new java.util.HashSet<>();
			expiriesOnTheSimulatedClock(connection, onSimulatedClock);
			Map<String, Long> calls = new TreeMap<>();
			Instant end = clock.instant().plus(Duration.ofDays(DAYS));
			Instant nextTally = clock.instant().plus(Duration.ofHours(6));
			while (clock.instant().isBefore(end)) {
				Instant next = nextDue(connection, end);
				clock.moveTo(next);
				runSchedulesDueAt(next);
				settle(connection);
				expiriesOnTheSimulatedClock(connection, onSimulatedClock);
				if (!clock.instant().isBefore(nextTally)) {
					tally(emulator, calls, secondary); // the request log keeps the last 2,000 calls only
					nextTally = clock.instant().plus(Duration.ofHours(6));
				}
			}
			tally(emulator, calls, secondary);
			Map<String, Double> perDay = new TreeMap<>();
			calls.forEach((key, count) -> perDay.put(key, count / (double) DAYS));
			runs.add(new Run(perDay));
			System.out.println("idle cost run " + (run + 1) + ", calls per day: " + perDay);
			WebClient.Response gone = ana.postForm("/settings/calendar/disconnect/" + connection,
					ana.get("/settings/calendar").csrf(), Map.of("events", "keep"));
			if (gone.status() != 302) {
				throw new IllegalStateException("disconnect answered " + gone.status());
			}
		}
		report(runs);
	}

	/** The next moment something is due: a cron time of one of the app's schedules, or a calendar's next read. */
	private Instant nextDue(long connection, Instant end) {
		Instant next = end;
		for (CronTask cron : crons()) {
			Instant fire = CronExpression.parse(cron.getExpression())
				.next(clock.instant().atZone(ZoneId.systemDefault())).toInstant();
			next = fire.isBefore(next) ? fire : next;
		}
		Timestamp poll = jdbc.queryForObject("select min(next_poll_at) from calendar_syncs where connection_id = ? "
				+ "and paused_at is null", Timestamp.class, connection);
		if (poll != null && poll.toInstant().isBefore(next)) {
			next = poll.toInstant().isAfter(clock.instant()) ? poll.toInstant() : clock.instant().plusSeconds(1);
		}
		return next;
	}

	private void runSchedulesDueAt(Instant now) {
		for (CronTask cron : crons()) {
			Instant fire = CronExpression.parse(cron.getExpression())
				.next(now.minusMillis(1).atZone(ZoneId.systemDefault())).toInstant();
			if (fire.equals(now)) {
				cron.getRunnable().run();
			}
		}
	}

	private List<CronTask> crons() {
		return schedules.stream()
			.flatMap(holder -> holder.getScheduledTasks().stream())
			.map(ScheduledTask::getTask)
			.filter(CronTask.class::isInstance)
			.map(CronTask.class::cast)
			.toList();
	}

	/**
	 * The emulator answers a watch with an expiry on the real clock (7 days from the real now), which the simulated
	 * clock, days ahead, would take for a channel about to expire and renew at every check. A new channel's expiry
	 * (and its calendar's watched-until) is moved by how far the simulation is ahead: 7 days from the simulated now,
	 * as Google would have answered. Each channel once.
	 */
	private void expiriesOnTheSimulatedClock(long connection, java.util.Set<String> done) {
		long seconds = clock.ahead().toSeconds();
		for (Map<String, Object> channel : jdbc.queryForList("""
				select p.id::text as id, p.calendar_sync_id from push_channels p join calendar_syncs s on s.id = p.calendar_sync_id
				where s.connection_id = ? and p.stopped_at is null""", connection)) {
			if (done.add((String) channel.get("id"))) {
				jdbc.update("update push_channels set expires_at = expires_at + make_interval(secs => ?) where id = ?::uuid",
						seconds, channel.get("id"));
				jdbc.update("update calendar_syncs set watched_until = watched_until + make_interval(secs => ?) where id = ?",
						seconds, channel.get("calendar_sync_id"));
			}
		}
	}

	/** Until none of the connection's calendars is due, requested or being read. */
	private void settle(long connection) throws InterruptedException {
		Eventually.await("the inbound worker settled at " + clock.instant(), Duration.ofSeconds(60),
				Duration.ofMillis(10), () -> jdbc.queryForObject("""
						select count(*) from calendar_syncs where connection_id = ? and paused_at is null
						  and (next_poll_at <= ? or inbound_requested_at is not null or claimed_until is not null)""",
						Long.class, connection, Timestamp.from(clock.instant())), busy -> busy == 0);
	}

	/** Adds the emulator's logged Calendar calls to {@code calls} by method and calendar kind, then clears the log. */
	private static void tally(EmulatorAccess emulator, Map<String, Long> calls, String secondary) {
		for (JsonNode entry : emulator.requestEntries()) {
			String path = java.net.URLDecoder.decode(entry.get("path").asString(), java.nio.charset.StandardCharsets.UTF_8);
			// channels.stop names no calendar: it is the renewal of a watched calendar's channel.
			String kind = path.contains("/channels/stop") ? "watched calendars (old channel at renewal)"
					: path.contains(HOLIDAYS) ? "polled calendar (holidays)"
					: path.contains("/calendars/" + ACCOUNT) ? "watched calendar (primary)"
							: path.contains(secondary) ? "watched calendar (secondary)" : "the account";
			calls.merge(entry.get("endpoint").asString() + " | " + kind, 1L, Long::sum);
		}
		emulator.clearRequests();
	}

	private void report(List<Run> runs) throws IOException {
		List<String> keys = runs.stream().flatMap(r -> r.perDay().keySet().stream()).distinct()
			.sorted(Comparator.naturalOrder()).toList();
		StringBuilder md = new StringBuilder();
		md.append("## 5. Idle cost: Google calls per quiet connected calendar per day\n\n")
			.append("**Simulated clock**, not an extrapolation: Ana's account connected (primary and secondary calendar ")
			.append("watched, the holiday calendar polled because Google refuses to watch it), nothing changes in any ")
			.append("calendar, and the app's clock jumps from one due moment to the next over ").append(DAYS)
			.append(" simulated days; at each, the app's `@Scheduled` jobs due then run and the inbound worker reads ")
			.append("what is due. Every Calendar API call the emulator answered is counted, divided by ").append(DAYS)
			.append(". Schedules as configured by default: safety-net read of a watched calendar every hour, poll ")
			.append("of an unwatched one every 5 minutes, channel renewal and missing-watch check every 15 minutes, ")
			.append("the account's calendar list read hourly for new calendars ")
			.append("(renewal 24 h before a 7-day expiry; the emulator dates a channel's expiry on the real clock, so each new ")
			.append("channel's expiry is moved onto the simulated one). ").append(BenchReport.RUNS)
			.append(" runs, median (min–max).\n\n")
			.append("| Google method | for | calls per day |\n| --- | --- | --- |\n");
		for (String key : keys) {
			String[] parts = key.split(" \\| ");
			md.append("| `").append(parts[0]).append("` | ").append(parts[1]).append(" | ")
				.append(BenchReport.spread(runs, r -> r.get(key), "%.1f")).append(" |\n");
		}
		md.append("| **all** | one connection (3 calendars) | ")
			.append(BenchReport.spread(runs, r -> r.perDay().values().stream().mapToDouble(Double::doubleValue).sum(), "%.1f"))
			.append(" |\n\n")
			.append("Not simulated: the access-token refresh (the emulator's token expiry runs on the real clock, so ")
			.append("the run used ten-year tokens). By the rule — refreshed on use within 5 minutes of its 1-hour ")
			.append("expiry, one refresh per connection, not per calendar — a connection read at least hourly costs ")
			.append("about 24 token-endpoint calls a day (these do not count against the Calendar API quota).\n");
		BenchReport.write("idle", md.toString());
	}

}
