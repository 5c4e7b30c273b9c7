package io.calbridge.reliability;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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

/**
 * Issue 7's convergence soak: random edits on both sides while about a fifth of CalBridge's Google calls fail
 * (5xx, rate limits, answers lost after the change, timeouts) and some pushes are dropped. After the faults stop
 * and the person presses "Sync now", every task must equal its event field by field, no task may have two events,
 * and every difference must be a CONFLICT the person can see. The soak keeps its own record of what was written
 * ({@link SoakTask}), so the check compares three versions (written, task, event), not CalBridge with itself.
 * Seed and length: {@code -Dsoak.seed=… -Dsoak.operations=…}.
 */
@CalBridgeTest
class ConvergenceSoakTest {

	static final String ACCOUNT = SoakOperations.ACCOUNT;

	/**
	 * Aimed at CalBridge's calls only: they name Ana's calendar by its id, the people in Google by "primary". In
	 * this order the emulator tries each rule; together about 20 % of the calls. The timeout's latency is above the
	 * test profile's 5 s read timeout: the client gives up, the change still happens.
	 */
	static final List<String> FAULT_KINDS = List.of("503 backendError", "500 after the change",
			"429 rateLimitExceeded", "403 rateLimitExceeded", "answer lost after the change", "timeout (6 s)");

	static final List<String> FAULT_RULES = List.of(
			"{\"method\":\"*\",\"path\":\"%s\",\"status\":503,\"probability\":0.07}",
			"{\"method\":\"*\",\"path\":\"%s\",\"status\":500,\"afterApply\":true,\"probability\":0.03}",
			"{\"method\":\"*\",\"path\":\"%s\",\"status\":429,\"reason\":\"rateLimitExceeded\",\"probability\":0.04}",
			"{\"method\":\"*\",\"path\":\"%s\",\"status\":403,\"reason\":\"rateLimitExceeded\",\"probability\":0.03}",
			"{\"method\":\"*\",\"path\":\"%s\",\"afterApply\":true,\"probability\":0.04}",
			"{\"method\":\"*\",\"path\":\"%s\",\"latencyMs\":6000,\"probability\":0.01}");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	EmulatorAccess emulator;

	@BeforeEach
	void cleanEmulator() {
		emulator = new EmulatorAccess(port);
		// Ana's calendar to ourselves: earlier tests' connections lose their grants and stop reading it, so the
		// counts below are this soak's alone.
		emulator.post("/emulator/admin/reset", "{}");
	}

	@AfterEach
	void clearFaults() {
		emulator.clearFaults();
	}

	/** About two minutes on two cores: in the reliability pass with the long one, not in every verify. */
	@Test
	@Tag("reliability")
	void shortSoakConvergesWithoutDuplicatesOrSilentLoss() throws Exception {
		soak(Long.getLong("soak.operations", 250), Duration.ofMillis(15), Duration.ofMinutes(2));
	}

	@Test
	@Tag("reliability")
	void longSoakConvergesWithoutDuplicatesOrSilentLoss() throws Exception {
		soak(Long.getLong("soak.operations", 5000), Duration.ofMillis(25), Duration.ofMinutes(5));
	}

	void soak(long operations, Duration meanPause, Duration quiescence) throws Exception {
		long seed = Long.getLong("soak.seed", System.nanoTime());
		System.out.printf("soak: seed %d, %d operations (-Dsoak.seed=%d -Dsoak.operations=%d to repeat)%n", seed,
				operations, seed, operations);
		long started = System.nanoTime();
		Random random = new Random(seed);
		WebClient person = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(person, ACCOUNT, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		String channel = Eventually.await("Ana's calendar watched", Duration.ofSeconds(20), () -> jdbc.queryForList("""
				select p.id::text from push_channels p join calendar_syncs s on s.id = p.calendar_sync_id
				where s.connection_id = ? and s.calendar_id = ? and p.stopped_at is null""", String.class, connection,
				ACCOUNT), ids -> ids.size() == 1).get(0);
		Eventually.until("the first full read", Duration.ofSeconds(20), () -> jdbc.queryForObject(
				"select sync_token is not null from calendar_syncs where connection_id = ? and calendar_id = ?",
				Boolean.class, connection, ACCOUNT));

		Calendar ana = emulator.calendarOf(ACCOUNT);
		SoakOperations ops = new SoakOperations(random, person, ana, emulator.calendarOf(SoakOperations.BEN));
		emulator.clearRequests();
		for (String rule : FAULT_RULES) {
			emulator.fault(rule.formatted("calendar/v3/calendars/ana.souza*/**"));
		}
		int pushDrops = 0;
		for (long i = 0; i < operations; i++) {
			ops.next();
			if (random.nextInt(100) < 4) {
				emulator.fault("{\"push\":\"drop\",\"count\":1,\"channelId\":\"" + channel + "\"}");
				pushDrops++;
			}
			Thread.sleep(SoakOperations.pause(random, meanPause).toMillis());
		}
		long operationsDone = System.nanoTime();
		List<Integer> faultsFired = faultsFired();
		emulator.clearFaults();
		long callsDuringRun = emulator.requests().get("total").asLong();

		int retried = quiesce(person, connection, user, quiescence);
		Verdict verdict = check(person, ana, ops);
		long totalCalls = emulator.requests().get("total").asLong();

		Map<String, String> counts = new LinkedHashMap<>();
		counts.put("seed", String.valueOf(seed));
		counts.put("operations", operations + " (done " + sum(ops.done) + ", skipped for want of a fitting task "
				+ sum(ops.skipped) + ", CRM edits refused by a conflict shown " + ops.crmConflictsMet + ")");
		Map<String, Integer> byKind = new TreeMap<>();
		ops.done.forEach((kind, n) -> byKind.put(kind.name().toLowerCase(), n[0]));
		counts.put("operations by kind", byKind.toString());
		counts.put("ms spent by kind", ops.millis.toString());
		Map<String, Integer> faults = new LinkedHashMap<>();
		for (int k = 0; k < FAULT_KINDS.size(); k++) {
			faults.put(FAULT_KINDS.get(k), faultsFired.get(k));
		}
		int faultSum = faultsFired.stream().mapToInt(Integer::intValue).sum();
		long calBridgeCalls = callsDuringRun - ops.googleCalls;
		counts.put("faults injected", faults + ", " + faultSum + " of " + calBridgeCalls + " CalBridge calls during the run ("
				+ String.format("%.1f", 100.0 * faultSum / Math.max(1, calBridgeCalls)) + " %); push drops armed "
				+ pushDrops);
		counts.put("Google calls", totalCalls + " in all (" + ops.googleCalls + " by the people in Google, "
				+ (totalCalls - ops.googleCalls) + " by CalBridge)");
		counts.put("failed syncs retried by the person", String.valueOf(retried));
		counts.put("tasks", ops.tasks.size() + " (deleted in CRM " + ops.tasks.stream().filter(t -> t.deletedInCrm).count()
				+ ", deleted in Google " + ops.tasks.stream().filter(t -> t.deletedInGoogle).count() + ")");
		counts.put("tasks checked field by field", String.valueOf(verdict.synced));
		counts.put("conflicts", String.valueOf(verdict.conflicts));
		counts.put("events with CalBridge's property", String.valueOf(verdict.events));
		counts.put("duplicates", String.valueOf(verdict.duplicates.size()));
		counts.put("silent divergences", String.valueOf(verdict.divergences.size()));
		counts.put("wall time", String.format("%.1f s (operations %.1f s, quiescence and checks %.1f s)",
				(System.nanoTime() - started) / 1e9, (operationsDone - started) / 1e9,
				(System.nanoTime() - operationsDone) / 1e9));
		StringBuilder report = new StringBuilder("\n=== convergence soak ===\n");
		counts.forEach((k, v) -> report.append(String.format("%-40s %s%n", k + ":", v)));
		verdict.divergences.stream().limit(40).forEach(d -> report.append("  divergence: ").append(d).append('\n'));
		StringBuilder histories = new StringBuilder();
		ops.tasks.stream()
			.filter(t -> verdict.divergences.stream().anyMatch(d -> d.startsWith("task " + t.id + " ")))
			.limit(10)
			.forEach(t -> {
				histories.append("  history of task ").append(t.id).append(":\n");
				t.history.forEach(h -> histories.append("    ").append(h).append('\n'));
			});
		report.append(histories);
		verdict.duplicates.forEach(d -> report.append("  duplicate: ").append(d).append('\n'));
		System.out.println(report);

		// CI shows the failed assertion, not the whole log: it carries the seed and the histories to go on.
		assertThat(faultSum).as("faults were injected").isPositive();
		assertThat(verdict.synced).as("tasks compared field by field").isPositive();
		assertThat(verdict.duplicates).as("tasks with more than one event (seed %d)", seed).isEmpty();
		assertThat(verdict.divergences)
			.as("differences that are not a visible conflict (seed %d)%n%s", seed, histories)
			.isEmpty();
	}

	private List<Integer> faultsFired() {
		List<Integer> fired = new ArrayList<>();
		JsonNode listing = getJson("/emulator/admin/faults");
		listing.get("apiFired").valueStream().forEach(n -> fired.add(n.asInt()));
		return fired;
	}

	private JsonNode getJson(String path) {
		return new WebClient(port).get(path).json();
	}

	private static int sum(Map<?, int[]> counts) {
		return counts.values().stream().mapToInt(n -> n[0]).sum();
	}

	/**
	 * What a person (and the deployment) does once Google behaves again: Retry on failed tasks, "Sync now", and
	 * wait until nothing is waiting to go out and every calendar read is done; twice in a row with nothing moving,
	 * so the last writes' own pushes have been read too. Returns how many failed syncs were retried.
	 */
	private int quiesce(WebClient person, long connection, long user, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int retried = 0;
		String last = null;
		while (true) {
			for (Long failed : jdbc.queryForList("select id from crm_tasks where user_id = ? and deleted_at is null "
					+ "and sync_state = 'FAILED'", Long.class, user)) {
				person.postForm("/tasks/" + failed + "/sync/retry", person.get("/tasks/" + failed).csrf(), Map.of());
				retried++;
			}
			WebClient.Response synced = person.postForm("/settings/calendar/sync/" + connection,
					person.get("/settings/calendar").csrf(), Map.of());
			assertThat(synced.status()).isEqualTo(302);
			Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
			Eventually.until("nothing pending and every calendar read", left, () -> {
				assertThat(jdbc.queryForObject("select count(*) from calendar_syncs where connection_id = ? "
						+ "and paused_at is not null", Long.class, connection)).as("a calendar paused (mass deletion?)")
					.isZero();
				return jdbc.queryForObject("select count(*) from crm_tasks where user_id = ? and sync_state = 'PENDING'",
						Long.class, user) == 0
						&& jdbc.queryForObject("select count(*) from calendar_syncs where connection_id = ? and "
								+ "(inbound_requested_at is not null or claimed_until > now())", Long.class, connection) == 0;
			});
			Thread.sleep(1000); // the last writes' pushes arrive and are read
			String now = jdbc.queryForObject("select count(*) || ':' || coalesce(sum(version), 0) || ':' || "
					+ "count(*) filter (where sync_state = 'PENDING') || ':' || count(*) filter (where sync_state = 'FAILED')"
					+ " from crm_tasks where user_id = ?", String.class, user);
			if (now.equals(last) && now.endsWith(":0:0")) {
				return retried;
			}
			last = now;
			assertThat(System.nanoTime()).as("quiescence within " + timeout + "; last " + now).isLessThan(deadline);
		}
	}

	record Verdict(int synced, int conflicts, int events, List<String> duplicates, List<String> divergences) {
	}

	private Verdict check(WebClient person, Calendar ana, SoakOperations ops) throws IOException {
		Map<Long, List<Event>> eventsByTask = new HashMap<>();
		String pageToken = null;
		int events = 0;
		do {
			Events page = ana.events().list("primary").setMaxResults(2500).setPageToken(pageToken).execute();
			for (Event event : page.getItems()) {
				String taskId = event.getExtendedProperties() == null || event.getExtendedProperties().getPrivate() == null
						? null : event.getExtendedProperties().getPrivate().get("calbridgeTaskId");
				if (taskId != null) {
					events++;
					eventsByTask.computeIfAbsent(Long.parseLong(taskId), id -> new ArrayList<>()).add(event);
				}
			}
			pageToken = page.getNextPageToken();
		}
		while (pageToken != null);

		List<String> duplicates = new ArrayList<>();
		eventsByTask.forEach((id, list) -> {
			if (list.size() > 1) {
				duplicates.add("task " + id + ": " + list.stream().map(Event::getId).toList());
			}
		});
		List<String> divergences = new ArrayList<>();
		int synced = 0;
		int conflicts = 0;
		for (SoakTask expected : ops.tasks) {
			List<Event> live = eventsByTask.getOrDefault(expected.id, List.of());
			WebClient.Response read = person.api("GET", "/api/tasks/" + expected.id, null);
			if (expected.deletedInCrm) {
				if (read.status() != 404) {
					divergences.add("task " + expected.id + " deleted in CRM still answers " + read.status());
				}
				if (!live.isEmpty()) {
					divergences.add("task " + expected.id + " deleted in CRM still has event " + live.get(0).getId());
				}
				continue;
			}
			if (read.status() != 200) {
				divergences.add("task " + expected.id + " answers " + read.status() + ": " + read.body());
				continue;
			}
			JsonNode task = read.json();
			String state = task.get("sync").get("state").asString();
			if ("conflict".equals(state)) {
				conflicts++;
				checkConflict(person, expected, task, live.isEmpty() ? null : live.get(0), divergences);
				continue;
			}
			if (expected.deletedInGoogle) {
				// The connection's rule is the default one: cancel the task, unlink it, stop syncing it.
				if (!"cancelled".equals(task.get("status").asString()) || !task.get("sync").get("eventId").isNull()
						|| !live.isEmpty()) {
					divergences.add("task " + expected.id + " deleted in Google: status " + task.get("status")
							+ ", event " + task.get("sync").get("eventId") + ", live events " + live.size());
				}
				continue;
			}
			if (!"synced".equals(state) || live.size() != 1) {
				divergences.add("task " + expected.id + " is " + state + " with " + live.size() + " events ("
						+ task.get("sync").get("lastError") + ")");
				continue;
			}
			synced++;
			compare(expected, task, live.get(0), divergences);
		}
		return new Verdict(synced, conflicts, events, duplicates, divergences);
	}

	/** Written, CalBridge's task and Google's event must agree on every field the event shows. */
	private static void compare(SoakTask expected, JsonNode task, Event event, List<String> divergences) {
		String where = "task " + expected.id + " / event " + event.getId() + " ";
		same(divergences, where + "title", expected.title, text(task, "title"), event.getSummary());
		EventText parsed = EventText.of(event.getDescription());
		same(divergences, where + "description", expected.description, text(task, "description"), parsed.description());
		same(divergences, where + "notes", expected.notes, text(task, "notes"), parsed.notes());
		same(divergences, where + "footer", footer(expected), footer(task), parsed.footer());
		same(divergences, where + "when", when(expected), when(task), when(event));
		same(divergences, where + "zone", expected.zone, text(task, "timeZone"), event.getStart().getTimeZone());
		same(divergences, where + "guests", new TreeMap<>(expected.answers), guests(task), guests(event));
		same(divergences, where + "event id", event.getId(), text(task.get("sync"), "eventId"), event.getId());
	}

	/**
	 * A conflict is visible (the task says so, its conflict page shows both sides), and nothing written is lost:
	 * each field's last written value is in the task or in the event.
	 */
	private void checkConflict(WebClient person, SoakTask expected, JsonNode task, Event event, List<String> divergences) {
		WebClient.Response page = person.get("/tasks/" + expected.id + "/conflict");
		if (page.status() != 200) {
			divergences.add("task " + expected.id + " in conflict, but its conflict page answers " + page.status());
		}
		String where = "task " + expected.id + " (conflict) ";
		if (event == null) {
			if (!expected.deletedInGoogle) {
				divergences.add(where + "has no event, but it was never deleted in Google");
			}
			return;
		}
		EventText parsed = EventText.of(event.getDescription());
		either(divergences, where + "title", expected.title, text(task, "title"), event.getSummary());
		either(divergences, where + "description", expected.description, text(task, "description"), parsed.description());
		either(divergences, where + "notes", expected.notes, text(task, "notes"), parsed.notes());
		either(divergences, where + "when", when(expected), when(task), when(event));
		either(divergences, where + "guests", new TreeMap<>(expected.answers).keySet(), guests(task).keySet(),
				guests(event).keySet());
	}

	private static void same(List<String> out, String what, Object written, Object task, Object google) {
		if (!Objects.equals(written, task) || !Objects.equals(written, google)) {
			out.add(what + ": written " + written + ", task " + task + ", Google " + google);
		}
	}

	private static void either(List<String> out, String what, Object written, Object task, Object google) {
		if (!Objects.equals(written, task) && !Objects.equals(written, google)) {
			out.add(what + " lost: written " + written + ", task " + task + ", Google " + google);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	/** The CRM facts in the event's footer, with the labels people read ("follow_up" → "Follow-up"). */
	private static String footer(SoakTask t) {
		return "Type: " + label(t.type) + "\nPriority: " + label(t.priority) + "\nStatus: " + label(t.status);
	}

	private static String footer(JsonNode t) {
		return "Type: " + label(text(t, "type")) + "\nPriority: " + label(text(t, "priority")) + "\nStatus: "
				+ label(text(t, "status"));
	}

	private static String label(String json) {
		String words = "follow_up".equals(json) ? "follow-up" : json.replace('_', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static String when(SoakTask t) {
		return t.allDay ? "all day " + t.startDate + " to " + t.endDate : t.start + " to " + t.end;
	}

	private static String when(JsonNode t) {
		return t.get("allDay").asBoolean() ? "all day " + text(t, "startDate") + " to " + text(t, "endDate")
				: Instant.parse(text(t, "startAt")) + " to " + Instant.parse(text(t, "endAt"));
	}

	/** Google's all-day end is exclusive; the task's (and what was written) inclusive. */
	private static String when(Event e) {
		if (e.getStart().getDate() != null) {
			return "all day " + e.getStart().getDate().toStringRfc3339() + " to "
					+ LocalDate.parse(e.getEnd().getDate().toStringRfc3339()).minusDays(1);
		}
		return Instant.ofEpochMilli(e.getStart().getDateTime().getValue()) + " to "
				+ Instant.ofEpochMilli(e.getEnd().getDateTime().getValue());
	}

	private static Map<String, String> guests(JsonNode t) {
		Map<String, String> out = new TreeMap<>();
		t.get("attendees").valueStream().forEach(a -> out.put(a.get("email").asString(), text(a, "responseStatus")));
		return out;
	}

	private static Map<String, String> guests(Event e) {
		Map<String, String> out = new TreeMap<>();
		if (e.getAttendees() != null) {
			e.getAttendees().forEach(a -> out.put(a.getEmail(), a.getResponseStatus()));
		}
		return out;
	}

	/**
	 * The event's description read as a person reads it (description, "Notes:" block, footer after "---"), by the
	 * soak itself rather than CalBridge's parser, so a mistake there cannot cancel itself out.
	 */
	record EventText(String description, String notes, String footer) {

		static EventText of(String text) {
			String body = text == null ? "" : text;
			String footer = null;
			int footerAt = body.lastIndexOf("---\nType: ");
			if (footerAt >= 0) {
				footer = body.substring(footerAt + 4).replace("\nContact: Chloé Martin", "")
					.replace("\nDeal: Acme renewal 2027", "")
					.replace("\nManaged by CalBridge", "")
					.strip();
				body = body.substring(0, footerAt);
			}
			String notes = null;
			int notesAt = body.startsWith("Notes:\n") ? 0 : body.indexOf("\n\nNotes:\n");
			if (notesAt >= 0) {
				notes = body.substring(notesAt + (notesAt == 0 ? 7 : 9));
				body = body.substring(0, notesAt);
			}
			return new EventText(blank(body), blank(notes), footer);
		}

		private static String blank(String s) {
			return s == null || s.isBlank() ? null : s.strip();
		}

	}

}
