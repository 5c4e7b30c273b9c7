package io.calbridge.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.MovableClock;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watch channels against the emulator, which POSTs real notifications to the app on its random port: what the
 * webhook accepts and refuses, how a burst coalesces, renewal with overlap, polling of a calendar Google will
 * not watch, and stopping on disconnect.
 */
@CalBridgeTest
class PushChannelsTest {

	static final Duration SOON = Duration.ofSeconds(10);

	static final String ACCOUNT = "ben.keller@example.com";

	static final String HOLIDAYS = "en.usa#holiday@group.v.calendar.google.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ChannelLifecycle lifecycle;

	@Autowired
	MovableClock clock;

	final HttpClient http = HttpClient.newHttpClient();

	WebClient ben;

	EmulatorAccess emulator;

	Calendar google;

	long connection;

	JsonNode channel;

	@BeforeEach
	void connect() {
		ben = WebClient.signedUp(port, "Ben Keller");
		connection = ConsentFlow.connect(ben, ACCOUNT, jdbc);
		emulator = new EmulatorAccess(port);
		google = emulator.calendarOf(ACCOUNT);
		channel = Eventually.await("Ben's primary calendar watched", SOON, this::ourPrimaryChannel, c -> c != null);
		// Every followed calendar (primary, secondary, holidays) read once, so no first read runs during a test.
		Eventually.until("the first full reads done", SOON, () -> jdbc.queryForObject(
				"select count(*) = 3 and bool_and(sync_token is not null) from calendar_syncs where connection_id = ?",
				Boolean.class, connection));
	}

	@AfterEach
	void clearFaults() {
		emulator.clearFaults();
		clock.reset();
	}

	/** This connection's live channel on Ben's primary calendar, as the emulator has it (with its token). */
	JsonNode ourPrimaryChannel() {
		List<String> ours = jdbc.queryForList("""
				select p.id::text from push_channels p join calendar_syncs s on s.id = p.calendar_sync_id
				where s.connection_id = ? and s.calendar_id = ? and p.stopped_at is null""", String.class, connection,
				ACCOUNT);
		return emulator.channels().stream().filter(c -> ours.contains(c.get("id").asString())).findFirst().orElse(null);
	}

	int notify(Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/google-calendar"))
			.header("User-Agent", "APIs-Google")
			.POST(HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A notification exactly as Google sends it for this channel, with one header changed or left out. */
	Map<String, String> genuine(long messageNumber) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Goog-Channel-ID", channel.get("id").asString());
		headers.put("X-Goog-Channel-Token", channel.get("token").asString());
		headers.put("X-Goog-Resource-ID", channel.get("resourceId").asString());
		headers.put("X-Goog-Resource-URI", channel.get("resourceUri").asString());
		headers.put("X-Goog-Resource-State", "exists");
		headers.put("X-Goog-Message-Number", String.valueOf(messageNumber));
		return headers;
	}

	Map<String, String> with(Map<String, String> headers, String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(headers);
		if (value == null) {
			changed.remove(name);
		}
		else {
			changed.put(name, value);
		}
		return changed;
	}

	/** Ben's primary calendar neither asked to be read nor being read. */
	boolean primaryQuiet() {
		return jdbc.queryForObject("select inbound_requested_at is null and claimed_until is null from calendar_syncs "
				+ "where connection_id = ? and calendar_id = ?", Boolean.class, connection, ACCOUNT);
	}

	long lastMessageNumber() {
		return jdbc.queryForObject("select last_message_number from push_channels where id = ?::uuid", Long.class,
				channel.get("id").asString());
	}

	@Test
	void forgedAndMalformedNotificationsAreRefusedWithoutCallingGoogle() {
		long next = lastMessageNumber() + 1000;
		emulator.clearRequests();

		assertThat(notify(with(genuine(next), "X-Goog-Channel-ID", UUID.randomUUID().toString()))).as("unknown channel").isEqualTo(404);
		assertThat(notify(with(genuine(next), "X-Goog-Channel-Token", "guessed-token"))).as("wrong token").isEqualTo(403);
		assertThat(notify(with(genuine(next), "X-Goog-Resource-ID", "another-resource"))).as("wrong resource").isEqualTo(403);
		assertThat(notify(with(genuine(next), "X-Goog-Channel-ID", null))).as("no channel id").isEqualTo(400);
		assertThat(notify(with(genuine(next), "X-Goog-Channel-ID", "not-a-channel"))).as("malformed id").isEqualTo(400);
		assertThat(notify(with(genuine(next), "X-Goog-Resource-State", null))).as("no state").isEqualTo(400);
		assertThat(notify(with(genuine(next), "X-Goog-Channel-Token", null))).as("no token: a forgery").isEqualTo(403);
		assertThat(notify(with(genuine(next), "X-Goog-Message-Number", "twelve"))).as("bad number").isEqualTo(400);
		assertThat(notify(with(genuine(next), "X-Goog-Message-Number", "9999999999999999999")))
			.as("19 digits, beyond a long").isEqualTo(400);
		assertThat(notify(with(genuine(next), "X-Goog-Message-Number", null))).as("no number").isEqualTo(400);
		assertThat(notify(with(genuine(next), "X-Goog-Resource-State", "sync"))).as("sync").isEqualTo(200);
		assertThat(jdbc.queryForObject("select inbound_requested_at is null from calendar_syncs where connection_id = ? "
				+ "and calendar_id = ?", Boolean.class, connection, ACCOUNT)).as("no run requested").isTrue();
		Eventually.holdsFor("no calls to Google", Duration.ofSeconds(1),
				() -> emulator.count("calendar.events.list") == 0 && emulator.count("calendar.events.get") == 0);

		assertThat(notify(genuine(next))).as("genuine").isEqualTo(200);
		Eventually.until("the genuine one read", SOON, () -> emulator.count("calendar.events.list") >= 1);
		Eventually.until("that read done", SOON, this::primaryQuiet);
		emulator.clearRequests();
		assertThat(notify(genuine(next))).as("replayed: fine, ignored").isEqualTo(200);
		assertThat(notify(genuine(next - 1))).as("older: fine, ignored").isEqualTo(200);
		Eventually.holdsFor("no calls after replays", Duration.ofSeconds(1),
				() -> emulator.count("calendar.events.list") == 0);
	}

	@Test
	void aBurstOfFiveHundredNotificationsCostsAtMostThreeListCalls() throws Exception {
		AtomicLong number = new AtomicLong(lastMessageNumber() + 1);
		emulator.clearRequests();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			answers.add(senders.submit(() -> notify(genuine(number.getAndIncrement()))));
		}
		for (Future<Integer> answer : answers) {
			assertThat(answer.get()).isEqualTo(200);
		}
		senders.shutdown();
		// Read, and no further run asked for a second: every list call the burst caused is in the log.
		Eventually.steady("the burst read", Duration.ofSeconds(1), SOON, this::primaryQuiet);

		long lists = emulator.requestEntries().stream()
			.filter(e -> "calendar.events.list".equals(e.get("endpoint").asString()))
			.filter(e -> e.get("path").asString().contains(ACCOUNT.replace("@", "%40")) || e.get("path").asString().contains(ACCOUNT))
			.count();
		System.out.println("events.list calls for a burst of 500 notifications: " + lists);
		assertThat(lists).isBetween(1L, 3L);
	}

	@Test
	void aChannelNearExpiryIsRenewedWithOverlapAndNoChangeIsLost() throws IOException {
		String oldId = channel.get("id").asString();
		Map<String, Object> task = new HashMap<>();
		task.put("title", "Site visit at Harbour Logistics");
		task.put("type", "meeting");
		task.put("startAt", "2026-12-15T09:00:00+01:00");
		task.put("endAt", "2026-12-15T11:00:00+01:00");
		task.put("timeZone", "Europe/Berlin");
		long id = ben.api("POST", "/api/tasks", task).json().get("id").asLong();
		String eventId = Eventually.await("synced", SOON, () -> ben.api("GET", "/api/tasks/" + id, null).json(),
				t -> "synced".equals(t.get("sync").get("state").asString())).get("sync").get("eventId").asString();
		jdbc.update("update push_channels set expires_at = now() + interval '2 hours' where id = ?::uuid", oldId);

		lifecycle.renewExpiring();

		JsonNode renewed = ourPrimaryChannel();
		assertThat(renewed.get("id").asString()).isNotEqualTo(oldId);
		assertThat(emulator.channels()).as("the old channel stopped at Google")
			.noneMatch(c -> oldId.equals(c.get("id").asString()));
		assertThat(jdbc.queryForObject("select stopped_at is not null from push_channels where id = ?::uuid",
				Boolean.class, oldId)).isTrue();
		assertThat(jdbc.queryForObject("select expires_at > now() + interval '6 days' from push_channels where id = ?::uuid",
				Boolean.class, renewed.get("id").asString())).as("expiry from Google's answer").isTrue();
		assertThat(notify(genuine(lastMessageNumber() + 1))).as("the old channel is gone").isEqualTo(404);

		google.events().patch(ACCOUNT, eventId, new Event().setSummary("Site visit at Harbour Logistics (Gate 4)")).execute();
		Eventually.until("the change through the new channel", SOON, () -> "Site visit at Harbour Logistics (Gate 4)"
			.equals(ben.api("GET", "/api/tasks/" + id, null).json().get("title").asString()));
	}

	@Test
	void aFailedRenewalFallsBackToPollingAndIsRetried() {
		String oldId = channel.get("id").asString();
		jdbc.update("update push_channels set expires_at = now() + interval '2 hours' where id = ?::uuid", oldId);
		emulator.fault("{\"method\":\"POST\",\"path\":\"calendar/v3/calendars/*/events/watch\",\"status\":503,"
				+ "\"reason\":\"backendError\",\"count\":1}");

		lifecycle.renewExpiring();

		assertThat(ourPrimaryChannel().get("id").asString()).as("the old channel keeps notifying").isEqualTo(oldId);
		assertThat(jdbc.queryForMap("select watched_until, watch_error, next_poll_at < now() + interval '6 minutes' "
				+ "as polled_soon from calendar_syncs where connection_id = ? and calendar_id = ?", connection, ACCOUNT))
			.containsEntry("watched_until", null)
			.containsEntry("polled_soon", true)
			.hasEntrySatisfying("watch_error", error -> assertThat(error.toString()).contains("Watch failed"));

		clock.advance(Duration.ofMinutes(15)); // the renewal's retry is due
		lifecycle.renewExpiring();

		assertThat(ourPrimaryChannel().get("id").asString()).isNotEqualTo(oldId);
		assertThat(jdbc.queryForObject("select watched_until > now() + interval '6 days' from calendar_syncs "
				+ "where connection_id = ? and calendar_id = ?", Boolean.class, connection, ACCOUNT)).isTrue();
	}

	@Test
	void theHolidayCalendarRefusesWatchAndIsPolled() {
		Eventually.until("holidays followed and read", SOON, () -> jdbc.queryForObject("""
				select count(*) from calendar_syncs where connection_id = ? and calendar_id = ?
				  and not watch_supported and last_full_sync_at is not null""", Long.class, connection, HOLIDAYS) == 1);
		assertThat(jdbc.queryForObject("""
				select count(*) from push_channels p join calendar_syncs s on s.id = p.calendar_sync_id
				where s.connection_id = ? and s.calendar_id = ?""", Long.class, connection, HOLIDAYS)).isZero();
		assertThat(jdbc.queryForObject("""
				select next_poll_at between now() + interval '4 minutes' and now() + interval '6 minutes'
				from calendar_syncs where connection_id = ? and calendar_id = ?""", Boolean.class, connection, HOLIDAYS))
			.as("polled every 5 minutes").isTrue();

		String page = ben.get("/settings/calendar").body();
		String holidayRow = page.substring(page.indexOf("data-calendar=\"" + HOLIDAYS + "\""));
		holidayRow = holidayRow.substring(0, holidayRow.indexOf("</tr>"));
		assertThat(holidayRow).contains("checked every 5 min (Google sends no changes for this calendar)")
			.doesNotContain("Renew");
		assertThat(holidayRow).as("the calendar by its name, its id a tooltip")
			.contains("title=\"" + HOLIDAYS + "\">Holidays").doesNotContain(">" + HOLIDAYS + "<");
		String primaryRow = page.substring(page.indexOf("data-calendar=\"" + ACCOUNT + "\""));
		primaryRow = primaryRow.substring(0, primaryRow.indexOf("</tr>"));
		assertThat(primaryRow).contains("live, renewed automatically; channel open until").contains("Renew")
			.doesNotContain("not yet");
	}

	@Test
	void aCalendarGoogleRefusedToWatchIsNotAskedAgainByTheSchedule() {
		Eventually.until("holidays refused", SOON, () -> jdbc.queryForObject("select count(*) from calendar_syncs "
				+ "where connection_id = ? and calendar_id = ? and not watch_supported", Long.class, connection, HOLIDAYS) == 1);
		emulator.clearRequests();

		lifecycle.watchMissing();

		assertThat(emulator.requestEntries()).as("no watch asked of the holiday calendar")
			.noneMatch(e -> "calendar.events.watch".equals(e.get("endpoint").asString())
					&& java.net.URLDecoder.decode(e.get("path").asString(), java.nio.charset.StandardCharsets.UTF_8)
						.contains(HOLIDAYS));
		assertThat(jdbc.queryForObject("select count(*) from calendar_syncs where connection_id = ? and calendar_id = ? "
				+ "and not watch_supported and next_poll_at is not null", Long.class, connection, HOLIDAYS))
			.as("still polled").isEqualTo(1);
	}

	@Test
	void theFifteenMinuteCheckWatchesKnownCalendarsAndOnlyTheHourlyOneReadsTheCalendarList() {
		long syncId = jdbc.queryForObject("select id from calendar_syncs where connection_id = ? and calendar_id = ?",
				Long.class, connection, ACCOUNT);
		jdbc.update("update push_channels set stopped_at = now() where calendar_sync_id = ?", syncId);
		emulator.clearRequests();

		lifecycle.watchMissing();

		assertThat(jdbc.queryForObject("select count(*) from push_channels where calendar_sync_id = ? "
				+ "and stopped_at is null", Long.class, syncId)).as("Ben's calendar watched again").isEqualTo(1);
		assertThat(emulator.count("calendar.calendarList.list")).as("calendar list not read").isZero();

		lifecycle.followNewCalendars();

		assertThat(emulator.count("calendar.calendarList.list")).as("read by the hourly check")
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void theRenewButtonOpensANewChannelAndStopsTheOldOne() {
		String oldId = channel.get("id").asString();
		long syncId = jdbc.queryForObject("select id from calendar_syncs where connection_id = ? and calendar_id = ?",
				Long.class, connection, ACCOUNT);

		WebClient.Response done = ben.postForm("/settings/calendar/push/" + syncId + "/renew",
				ben.get("/settings/calendar").csrf(), Map.of());

		assertThat(ben.follow(done).body()).contains("Push channel renewed for " + ACCOUNT + ".");
		assertThat(ourPrimaryChannel().get("id").asString()).isNotEqualTo(oldId);
		assertThat(emulator.channels()).noneMatch(c -> oldId.equals(c.get("id").asString()));

		WebClient stranger = WebClient.signedUp(port, "Mallory Stone");
		assertThat(stranger.postForm("/settings/calendar/push/" + syncId + "/renew",
				stranger.get("/settings/calendar").csrf(), Map.of()).status()).as("not hers").isEqualTo(404);
	}

	@Test
	void disconnectStopsEveryChannel() {
		String id = channel.get("id").asString();
		WebClient.Response done = ben.postForm("/settings/calendar/disconnect/" + connection,
				ben.get("/settings/calendar").csrf(), Map.of("events", "keep"));
		assertThat(done.status()).isEqualTo(302);

		assertThat(emulator.channels()).noneMatch(c -> id.equals(c.get("id").asString()));
		assertThat(jdbc.queryForObject("""
				select count(*) from push_channels p join calendar_syncs s on s.id = p.calendar_sync_id
				where s.connection_id = ? and p.stopped_at is null""", Long.class, connection)).isZero();
	}

}
