package io.calbridge.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Finding 10: Google's push notifications carry no body, yet a 10 MiB one was accepted and started a sync; and a
 * notification without the channel's token answered 400 as if malformed. Now a body over 64 KiB, declared or
 * chunked, answers 413 and a tokenless one 403, and neither moves the channel's message number or asks for a run.
 */
@CalBridgeTest
class WebhookForgeryTest {

	static final String ACCOUNT = "ben.keller@example.com";

	static final int TEN_MIB = 10 * 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	long connection;

	JsonNode channel;

	@BeforeEach
	void aWatchedCalendar() {
		WebClient ben = WebClient.signedUp(port, "Ben Keller");
		connection = ConsentFlow.connect(ben, ACCOUNT, jdbc);
		EmulatorAccess emulator = new EmulatorAccess(port);
		channel = Eventually.await("Ben's primary calendar watched", Duration.ofSeconds(10), () -> {
			List<String> ours = jdbc.queryForList("""
					select p.id::text from push_channels p join calendar_syncs s on s.id = p.calendar_sync_id
					where s.connection_id = ? and s.calendar_id = ? and p.stopped_at is null""", String.class,
					connection, ACCOUNT);
			return emulator.channels().stream().filter(c -> ours.contains(c.get("id").asString())).findFirst()
				.orElse(null);
		}, c -> c != null);
		Eventually.until("the first reads done, nothing asked for", Duration.ofSeconds(10), () -> jdbc.queryForObject(
				"select bool_and(sync_token is not null and inbound_requested_at is null) from calendar_syncs "
						+ "where connection_id = ?", Boolean.class, connection));
	}

	@ParameterizedTest(name = "POST {0}")
	@ValueSource(strings = { "/webhooks/google-calendar", "/%77ebhooks/google-calendar", "/webhooks/%67oogle-calendar" })
	void aTenMebibyteNotificationAnswers413BeforeItsBodyIsReadAndChangesNothing(String path) throws IOException {
		Map<String, String> genuine = genuine(lastMessageNumber() + 1);
		StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nContent-Length: " + TEN_MIB + "\r\nContent-Type: application/octet-stream\r\n");
		genuine.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");

		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[4096]); // a first slice of the body; the answer must not wait for the rest
			out.flush();
			String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(answer).isEqualTo("HTTP/1.1 413");
		}
		assertNothingChanged(genuine);
	}

	@Test
	void aChunkedBodyOverTheLimitAnswers413AndOneWithinItIsHandledAsUsual() throws Exception {
		Map<String, String> tooBig = genuine(lastMessageNumber() + 1);
		assertThat(post(tooBig, HttpRequest.BodyPublishers.ofInputStream(() -> zeros(65 * 1024))))
			.as("chunked, 65 KiB").isEqualTo(413);
		assertNothingChanged(tooBig);

		long next = lastMessageNumber() + 1;
		assertThat(post(genuine(next), HttpRequest.BodyPublishers.ofByteArray(new byte[1024])))
			.as("1 KiB with a Content-Length").isEqualTo(200);
		assertThat(lastMessageNumber()).as("handled as usual").isEqualTo(next);
		assertThat(post(genuine(next + 1), HttpRequest.BodyPublishers.ofInputStream(() -> zeros(64 * 1024))))
			.as("chunked, exactly 64 KiB").isEqualTo(200);
		assertThat(lastMessageNumber()).isEqualTo(next + 1);
	}

	@Test
	void aNotificationWithoutTheChannelsTokenIsAForgeryAnswered403AndChangesNothing() throws Exception {
		Map<String, String> forged = genuine(lastMessageNumber() + 1);
		forged.remove("X-Goog-Channel-Token");

		assertThat(post(forged, HttpRequest.BodyPublishers.noBody())).isEqualTo(403);
		forged.put("X-Goog-Channel-Token", "");
		assertThat(post(forged, HttpRequest.BodyPublishers.noBody())).as("an empty token").isEqualTo(403);
		assertNothingChanged(forged);
	}

	private void assertNothingChanged(Map<String, String> attempt) {
		long attempted = Long.parseLong(attempt.get("X-Goog-Message-Number"));
		assertThat(lastMessageNumber()).as("the channel's message number").isLessThan(attempted);
		assertThat(jdbc.queryForObject("select bool_and(inbound_requested_at is null) from calendar_syncs "
				+ "where connection_id = ?", Boolean.class, connection)).as("no inbound run asked for").isTrue();
	}

	private long lastMessageNumber() {
		return jdbc.queryForObject("select last_message_number from push_channels where id = ?::uuid", Long.class,
				channel.get("id").asString());
	}

	private Map<String, String> genuine(long messageNumber) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Goog-Channel-ID", channel.get("id").asString());
		headers.put("X-Goog-Channel-Token", channel.get("token").asString());
		headers.put("X-Goog-Resource-ID", channel.get("resourceId").asString());
		headers.put("X-Goog-Resource-URI", channel.get("resourceUri").asString());
		headers.put("X-Goog-Resource-State", "exists");
		headers.put("X-Goog-Message-Number", String.valueOf(messageNumber));
		return headers;
	}

	private int post(Map<String, String> headers, HttpRequest.BodyPublisher body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/google-calendar"))
			.header("User-Agent", "APIs-Google")
			.POST(body);
		headers.forEach(request::header);
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static InputStream zeros(int size) {
		return new ByteArrayInputStream(new byte[size]);
	}

}
