package io.calbridge.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
 * The work itself, as a Prometheus scraper sees it: what the sync did each way and how long it took, what Google
 * answered, and what the webhook received. Counters are shared by every test of the run, so each check compares
 * a scrape before with one after.
 */
@CalBridgeTest
class SyncMetricsTest {

	static final String ACCOUNT = "ana.souza@example.com";

	static final Duration SOON = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void clearFaults() {
		new EmulatorAccess(port).clearFaults();
	}

	@Test
	void prometheusCountsBothDirectionsGoogleAnswersAndPushNotifications() throws IOException {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		EmulatorAccess emulator = new EmulatorAccess(port);
		Eventually.until("Ana's calendar watched and read", SOON, () -> jdbc.queryForObject("""
				select count(*) from calendar_syncs s join push_channels p on p.calendar_sync_id = s.id
				where s.connection_id = ? and s.calendar_id = ? and p.stopped_at is null and s.sync_token is not null""",
				Long.class, connection, ACCOUNT) == 1);
		String before = scrape();

		// Google fails the first create once; the worker tries again.
		emulator.fault("{\"method\":\"POST\",\"path\":\"calendar/v3/calendars/*/events\",\"status\":503,\"count\":1}");
		WebClient.Response created = ana.api("POST", "/api/tasks", Map.of("title", "Renewal call with Lumen Labs",
				"startAt", "2026-12-10T15:00:00-03:00", "timeZone", "America/Sao_Paulo"));
		long id = created.json().get("id").asLong();
		String eventId = Eventually.await("the task synced", SOON, () -> ana.api("GET", "/api/tasks/" + id, null).json(),
				t -> "synced".equals(t.get("sync").get("state").asString())).get("sync").get("eventId").asString();

		Calendar google = emulator.calendarOf(ACCOUNT);
		google.events().patch(ACCOUNT, eventId, new Event().setSummary("Renewal call with Lumen Labs (CFO joins)"))
			.execute();
		Eventually.until("the task followed Google", SOON, () -> "Renewal call with Lumen Labs (CFO joins)"
			.equals(ana.api("GET", "/api/tasks/" + id, null).json().get("title").asString()));
		Eventually.until("the inbound latency recorded", SOON,
				() -> value(scrape(), "calbridge_sync_inbound_latency_seconds_count", "") > value(before,
						"calbridge_sync_inbound_latency_seconds_count", ""));
		String after = scrape();

		assertThat(grew(before, after, "calbridge_sync_actions_total",
				"action=\"insert\",direction=\"outbound\",outcome=\"OK\"")).isGreaterThanOrEqualTo(1);
		assertThat(grew(before, after, "calbridge_sync_actions_total",
				"action=\"insert\",direction=\"outbound\",outcome=\"RETRY\"")).isGreaterThanOrEqualTo(1);
		assertThat(grew(before, after, "calbridge_sync_actions_total",
				"action=\"update\",direction=\"inbound\",outcome=\"OK\"")).isGreaterThanOrEqualTo(1);
		assertThat(grew(before, after, "calbridge_sync_outbound_latency_seconds_count", "")).isGreaterThanOrEqualTo(1);
		assertThat(grew(before, after, "calbridge_sync_inbound_latency_seconds_count", "")).isGreaterThanOrEqualTo(1);
		assertThat(after).as("latencies as a histogram, for percentiles in Prometheus")
			.contains("calbridge_sync_outbound_latency_seconds_bucket{");

		assertThat(grew(before, after, "calbridge_google_calls_total", "outcome=\"ok\"")).isGreaterThanOrEqualTo(2);
		assertThat(grew(before, after, "calbridge_google_calls_total", "outcome=\"retryable\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(grew(before, after, "calbridge_google_requests_seconds_count", "batch=\"false\",status=\"503\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(grew(before, after, "calbridge_google_requests_seconds_count", "batch=\"false\",status=\"200\""))
			.isGreaterThanOrEqualTo(2);

		assertThat(grew(before, after, "calbridge_push_notifications_total", "result=\"accepted\""))
			.as("Google's notification of the edit").isGreaterThanOrEqualTo(1);
	}

	@Test
	void aForgedNotificationIsCountedAsForged() {
		String before = scrape();
		String unknownChannel = java.util.UUID.randomUUID().toString();
		HttpRequest forged = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/google-calendar"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("X-Goog-Channel-ID", unknownChannel)
			.header("X-Goog-Channel-Token", "guessed")
			.header("X-Goog-Resource-ID", "guessed")
			.header("X-Goog-Resource-State", "exists")
			.header("X-Goog-Message-Number", "2")
			.build();
		assertThat(send(forged).statusCode()).isEqualTo(404);

		assertThat(grew(before, scrape(), "calbridge_push_notifications_total", "result=\"unknown_channel\""))
			.isEqualTo(1);
	}

	// --- helpers ---

	private String scrape() {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).GET().build())
			.body();
	}

	private static double grew(String before, String after, String name, String labels) {
		return value(after, name, labels) - value(before, name, labels);
	}

	/** A sample's value; 0 when the series does not exist yet (a counter not incremented so far). */
	private static double value(String scrape, String name, String labels) {
		Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels)
				+ (labels.isEmpty() ? "" : ",?") + "[^}]*} ([0-9.eE+-]+)$").matcher(scrape);
		if (!sample.find()) {
			sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{\\})? ([0-9.eE+-]+)$").matcher(scrape);
			return labels.isEmpty() && sample.find() ? Double.parseDouble(sample.group(1)) : 0;
		}
		return Double.parseDouble(sample.group(1));
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
