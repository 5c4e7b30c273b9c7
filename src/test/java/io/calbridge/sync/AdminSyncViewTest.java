package io.calbridge.sync;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;
import io.calbridge.connections.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /admin/sync over HTTP against the emulator: an admin sees every user's connection and pauses, resumes or fully
 * resyncs it through the real workers; anyone else finds no such page. Ben is the user, Olga the admin (a fresh
 * account made admin in the database, the way an installation's first account is).
 */
@CalBridgeTest
class AdminSyncViewTest {

	static final Duration SYNC = Duration.ofSeconds(20);

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TokenService tokens;

	WebClient ben;

	long connection;

	WebClient olga;

	long olgaId;

	EmulatorAccess emulator;

	@BeforeEach
	void benConnectsAndOlgaIsAdmin() {
		ben = WebClient.signedUp(port, "Ben Keller");
		connection = ConsentFlow.connect(ben, ACCOUNT, jdbc);
		emulator = new EmulatorAccess(port);
		WebClient signedUp = WebClient.signedUp(port, "Olga Petrova");
		jdbc.update("update users set role = 'ADMIN' where email = ?", signedUp.credentials().email());
		olgaId = jdbc.queryForObject("select id from users where email = ?", Long.class, signedUp.credentials().email());
		olga = logIn(signedUp.credentials()); // the role is read at login
	}

	@Test
	void anAdminSeesAnotherUsersFailingConnectionButNoTokenOrTaskContents() {
		long first = create("Merger talks with Initech", "Only the board knows");
		awaitState(first, "synced");
		String accessToken = tokens.accessToken(connection);
		emulator.revoke(accessToken); // Ben removes CalBridge in Google's settings
		long second = create("Second secret meeting", "Bring the numbers");
		Eventually.until("the connection needs reconnecting", SYNC, () -> "NEEDS_REAUTH".equals(
				jdbc.queryForObject("select state from calendar_connections where id = ?", String.class, connection)));
		Eventually.until("the task waits", SYNC, () -> jdbc.queryForObject(
				"select sync_last_error from crm_tasks where id = ?", String.class, second) != null);

		WebClient.Response page = olga.get("/admin/sync");

		assertThat(page.status()).isEqualTo(200);
		String card = cardOf(page.body(), connection);
		assertThat(card).contains("Ben Keller", ben.credentials().email(), ACCOUNT, "needs reconnecting")
			.contains("Waiting to be sent").containsPattern("class=\"pending\">\\s*1\\s*<")
			.contains("data-calendar=\"" + ACCOUNT + "\"");
		assertThat(page.body()).doesNotContain(accessToken, "Merger talks", "Only the board knows", "Second secret",
				"Bring the numbers", "chloe.martin@acme.example");
		String refreshToken = jdbc.queryForObject("select refresh_token from calendar_connections where id = ?",
				String.class, connection);
		assertThat(page.body()).as("not even the encrypted token").doesNotContain(refreshToken);
	}

	@Test
	void aForcedResyncIsAFullReadThatTheInboundWorkerCarriesOut() {
		Timestamp firstRead = Eventually.await("the first full read", SYNC, () -> lastFullRead(), t -> t != null);
		Eventually.until("the first read kept its token", SYNC, () -> jdbc.queryForObject(
				"select count(*) from calendar_syncs where connection_id = ? and sync_token is null", Long.class,
				connection) == 0);

		WebClient.Response confirm = olga.get("/admin/sync/connections/" + connection + "/resync");
		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.body()).contains("Force a full resync of this account?", "Nothing has happened yet", ACCOUNT);
		assertThat(lastFullRead()).as("nothing done before the confirmation").isEqualTo(firstRead);
		WebClient.Response done = olga.postForm("/admin/sync/connections/" + connection + "/resync", confirm.csrf(),
				Map.of());

		assertThat(done.status()).isEqualTo(302);
		assertThat(olga.follow(done).body()).contains("Full resync of " + ACCOUNT + " asked");
		Eventually.until("a full read after the resync", SYNC, () -> lastFullRead().after(firstRead));
		assertThat(adminLog("admin-resync")).containsExactly(olgaId);
	}

	@Test
	void pauseStopsBothWorkersAndResumeSendsAndReadsWhatWaited() throws Exception {
		long outgoing = create("Quarterly review", "Slides");
		long incoming = create("Vendor call", "Pricing");
		String incomingEvent = awaitState(incoming, "synced");
		awaitState(outgoing, "synced");
		Calendar google = emulator.calendarOf(ACCOUNT);

		WebClient.Response confirm = olga.get("/admin/sync/connections/" + connection + "/pause");
		assertThat(confirm.body()).contains("Pause the sync of this account?", "Nothing has happened yet");
		WebClient.Response paused = olga.postForm("/admin/sync/connections/" + connection + "/pause", confirm.csrf(),
				Map.of());
		assertThat(olga.follow(paused).body()).contains("paused: nothing is read from or written to Google");
		Timestamp readBefore = lastRead();

		assertThat(ben.api("PATCH", "/api/tasks/" + outgoing, Map.of("title", "Quarterly review, moved")).status())
			.isEqualTo(200);
		google.events().patch(ACCOUNT, incomingEvent, new Event().setSummary("Vendor call (from Google)")).execute();
		jdbc.update("update calendar_syncs set inbound_requested_at = now(), last_notified_at = now() - interval '1 hour' "
				+ "where connection_id = ?", connection); // as a push notification would, and at once
		Eventually.until("the change parked with the reason", SYNC, () -> "Paused by an administrator".equals(
				jdbc.queryForObject("select sync_last_error from crm_tasks where id = ?", String.class, outgoing)));
		Eventually.holdsFor("nothing goes either way while paused", Duration.ofSeconds(2),
				() -> "Quarterly review".equals(summaryOf(google, outgoing)) && lastRead().equals(readBefore));
		assertThat(title(incoming)).isEqualTo("Vendor call");
		assertThat(state(outgoing)).isEqualTo("pending");

		WebClient.Response resumed = olga.postForm("/admin/sync/connections/" + connection + "/resume",
				olga.get("/admin/sync").csrf(), Map.of());

		assertThat(olga.follow(resumed).body()).contains("resumed");
		Eventually.until("the waiting edit sent", SYNC,
				() -> "Quarterly review, moved".equals(summaryOf(google, outgoing)) && "synced".equals(state(outgoing)));
		Eventually.until("Google's change read", SYNC, () -> "Vendor call (from Google)".equals(title(incoming)));
		assertThat(adminLog("admin-pause")).containsExactly(olgaId);
		assertThat(adminLog("admin-resume")).containsExactly(olgaId);
	}

	@Test
	void aUserFindsNoAdminPageAndNoActionWorks() {
		String csrf = ben.get("/tasks").csrf();
		assertThat(ben.get("/admin/sync").status()).isEqualTo(404);
		for (String action : List.of("pause", "resync")) {
			assertThat(ben.get("/admin/sync/connections/" + connection + "/" + action).status()).as(action)
				.isEqualTo(404);
		}
		for (String action : List.of("pause", "resume", "resync")) {
			assertThat(ben.postForm("/admin/sync/connections/" + connection + "/" + action, csrf, Map.of()).status())
				.as(action).isEqualTo(404);
		}
		assertThat(jdbc.queryForObject("select count(*) from connection_pauses where connection_id = ?", Long.class,
				connection)).isZero();
		assertThat(jdbc.queryForObject("select count(*) from sync_log where connection_id = ? and actor_id is not null",
				Long.class, connection)).isZero();
		assertThat(ben.get("/tasks").body()).doesNotContain("/admin/sync");
		assertThat(olga.get("/tasks").body()).contains("href=\"/admin/sync\"");
		assertThat(olga.get("/admin/sync/connections/999999999/resync").status()).isEqualTo(404);

		WebClient.Response signedOut = new WebClient(port).get("/admin/sync");
		assertThat(signedOut.status()).isEqualTo(302);
		assertThat(signedOut.header("Location")).endsWith("/login");
	}

	// --- helpers ---

	private WebClient logIn(WebClient.Credentials credentials) {
		WebClient client = new WebClient(port);
		WebClient.Response login = client.postForm("/login", client.get("/login").csrf(),
				Map.of("username", credentials.email(), "password", credentials.password()));
		assertThat(login.status()).isEqualTo(302);
		return client;
	}

	private long create(String title, String description) {
		WebClient.Response created = ben.api("POST", "/api/tasks", Map.of("title", title, "description", description,
				"type", "meeting", "startAt", "2026-12-10T14:00:00+01:00", "endAt", "2026-12-10T15:00:00+01:00",
				"timeZone", "Europe/Berlin", "attendees", List.of(Map.of("email", "chloe.martin@acme.example"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private String awaitState(long taskId, String state) {
		return Eventually.await("task " + taskId + " " + state, SYNC,
				() -> ben.api("GET", "/api/tasks/" + taskId, null).json(),
				task -> state.equals(task.get("sync").get("state").asString())).get("sync").get("eventId").asString();
	}

	private String state(long taskId) {
		return ben.api("GET", "/api/tasks/" + taskId, null).json().get("sync").get("state").asString();
	}

	private String title(long taskId) {
		return ben.api("GET", "/api/tasks/" + taskId, null).json().get("title").asString();
	}

	private String summaryOf(Calendar google, long taskId) {
		try {
			String eventId = jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class,
					taskId);
			return google.events().get(ACCOUNT, eventId).execute().getSummary();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private Timestamp lastFullRead() {
		return jdbc.queryForObject("select min(last_full_sync_at) from calendar_syncs where connection_id = ?",
				Timestamp.class, connection);
	}

	private Timestamp lastRead() {
		return jdbc.queryForObject("select max(greatest(last_full_sync_at, coalesce(last_incremental_at, "
				+ "last_full_sync_at))) from calendar_syncs where connection_id = ?", Timestamp.class, connection);
	}

	private List<Long> adminLog(String action) {
		return jdbc.queryForList("select actor_id from sync_log where connection_id = ? and action = ? "
				+ "and user_id = (select user_id from calendar_connections where id = ?)", Long.class, connection,
				action, connection);
	}

	private static String cardOf(String page, long connectionId) {
		Matcher card = Pattern.compile("data-connection=\"" + connectionId + "\".*?</article>", Pattern.DOTALL)
			.matcher(page);
		assertThat(card.find()).as("a card for connection %s", connectionId).isTrue();
		return card.group();
	}

}
