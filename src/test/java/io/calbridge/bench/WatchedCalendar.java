package io.calbridge.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

/**
 * A fresh CalBridge user with an emulated Google account connected, its primary calendar watched and read once:
 * the starting point of the inbound and webhook benchmarks. Knows the live channel as the emulator has it (with
 * its token), so a benchmark can send notifications exactly as Google would.
 */
final class WatchedCalendar {

	private static final Duration SETUP = Duration.ofSeconds(30);

	final WebClient person;

	final long connection;

	final String account;

	final JsonNode channel;

	private final int port;

	private final JdbcTemplate jdbc;

	private WatchedCalendar(int port, JdbcTemplate jdbc, WebClient person, long connection, String account,
			JsonNode channel) {
		this.port = port;
		this.jdbc = jdbc;
		this.person = person;
		this.connection = connection;
		this.account = account;
		this.channel = channel;
	}

	static WatchedCalendar connect(int port, JdbcTemplate jdbc, String displayName, String account) {
		WebClient person = WebClient.signedUp(port, displayName);
		long connection = ConsentFlow.connect(person, account, jdbc);
		EmulatorAccess emulator = new EmulatorAccess(port);
		JsonNode channel = Eventually.await(account + "'s primary calendar watched", SETUP, () -> {
			List<String> ours = jdbc.queryForList("""
					select p.id::text from push_channels p join calendar_syncs s on s.id = p.calendar_sync_id
					where s.connection_id = ? and s.calendar_id = ? and p.stopped_at is null""", String.class,
					connection, account);
			return emulator.channels().stream().filter(c -> ours.contains(c.get("id").asString())).findFirst()
				.orElse(null);
		}, c -> c != null);
		WatchedCalendar calendar = new WatchedCalendar(port, jdbc, person, connection, account, channel);
		Eventually.until("the first reads done", SETUP, () -> jdbc.queryForObject(
				"select bool_and(sync_token is not null) from calendar_syncs where connection_id = ?", Boolean.class,
				connection));
		return calendar;
	}

	/** A change notification as Google sends it on this channel. */
	HttpRequest notification(long messageNumber) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/google-calendar"))
			.header("User-Agent", "APIs-Google")
			.header("X-Goog-Channel-ID", channel.get("id").asString())
			.header("X-Goog-Channel-Token", channel.get("token").asString())
			.header("X-Goog-Resource-ID", channel.get("resourceId").asString())
			.header("X-Goog-Resource-URI", channel.get("resourceUri").asString())
			.header("X-Goog-Resource-State", "exists")
			.header("X-Goog-Message-Number", String.valueOf(messageNumber))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
	}

	/** The highest message number the app has taken from this channel; genuine ones continue above it. */
	long lastMessageNumber() {
		return jdbc.queryForObject("select last_message_number from push_channels where id = ?::uuid", Long.class,
				channel.get("id").asString());
	}

	/** No read of the primary calendar requested, waiting or running. */
	boolean settled() {
		return jdbc.queryForObject("""
				select inbound_requested_at is null and claimed_until is null from calendar_syncs
				where connection_id = ? and calendar_id = ?""", Boolean.class, connection, account);
	}

	/** {@code events.list} calls on this calendar among the emulator's logged requests. */
	static long listCalls(EmulatorAccess emulator, String calendarId) {
		return emulator.requestEntries().stream()
			.filter(e -> "calendar.events.list".equals(e.get("endpoint").asString()))
			.filter(e -> e.get("path").asString().contains(calendarId.replace("@", "%40"))
					|| e.get("path").asString().contains(calendarId))
			.count();
	}

}
