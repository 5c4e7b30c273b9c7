package io.calbridge.emulator;

import java.io.IOException;
import java.time.Duration;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.gson.JsonObject;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CalBridgeTest
class FaultsAndQuotaTest {

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	Calendar calendar;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
		calendar = emulator.calendarOf(ANA);
	}

	private static Event review() {
		return new Event().setSummary("Pricing review with Ben")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-16T11:00:00-03:00")))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-16T12:00:00-03:00")));
	}

	@Test
	void anInjected403RateLimitAnswersOnceForTheMatchingMethodAndPath() throws IOException {
		emulator.admin("POST", "faults", """
				{"method":"POST","path":"calendar/v3/calendars/*/events","status":403,"reason":"rateLimitExceeded","count":1}""");

		assertThatThrownBy(() -> calendar.events().insert("primary", review()).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(403);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
				assertThat(e.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
			});
		assertThat(calendar.events().list("primary").execute().getItems()).extracting(Event::getSummary)
			.doesNotContain("Pricing review with Ben");
		assertThat(calendar.events().insert("primary", review()).execute().getId()).isNotNull();
	}

	@Test
	void anInjected429AndABackendErrorUseGoogleReasons() {
		emulator.admin("POST", "faults", "{\"method\":\"GET\",\"path\":\"calendar/v3/calendars/*/events\",\"status\":429,\"count\":1}");
		emulator.admin("POST", "faults", "{\"method\":\"GET\",\"path\":\"calendar/v3/**\",\"status\":503,\"count\":1}");

		assertThatThrownBy(() -> calendar.events().list("primary").execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(429);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
			});
		assertThatThrownBy(() -> calendar.events().list("primary").execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(503);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("backendError");
			});
		emulator.admin("DELETE", "faults", null);
	}

	@Test
	void aLostResponseStillAppliesTheChange() throws IOException {
		emulator.admin("POST", "faults", """
				{"method":"POST","path":"calendar/v3/calendars/*/events","afterApply":true,"count":1}""");
		Event body = review().setId("crmtask00777");

		assertThatThrownBy(() -> calendar.events().insert("primary", body).execute()).isInstanceOf(IOException.class)
			.isNotInstanceOf(GoogleJsonResponseException.class);
		assertThat(calendar.events().get("primary", "crmtask00777").execute().getSummary())
			.isEqualTo("Pricing review with Ben");
		assertThatThrownBy(() -> calendar.events().insert("primary", body).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(409));
	}

	@Test
	void aSlowAnswerComesAfterTheChangeIsVisibleToEveryoneElse() throws Exception {
		emulator.admin("POST", "faults", """
				{"method":"POST","path":"calendar/v3/calendars/*/events","answerLatencyMs":1500,"count":1}""");
		java.util.concurrent.CompletableFuture<Event> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				return calendar.events().insert("primary", review().setId("crmtask00778")).execute();
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});

		// Looked for every 20 ms while the answer is held back (1.5 s).
		Event seen = io.calbridge.Eventually.await("the event listed while its insert waits", Duration.ofMillis(1500),
				Duration.ofMillis(20), () -> {
					try {
						return calendar.events().list("primary").execute().getItems().stream()
							.filter(e -> "crmtask00778".equals(e.getId())).findFirst().orElse(null);
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				}, java.util.Objects::nonNull);
		assertThat(seen).as("the event is there while its insert still waits for its answer").isNotNull();
		assertThat(answer).isNotDone();
		assertThat(answer.get(5, java.util.concurrent.TimeUnit.SECONDS).getEtag()).isEqualTo(seen.getEtag());
	}

	@Test
	void latencyIsAddedToMatchingCalls() throws IOException {
		emulator.admin("POST", "faults", "{\"method\":\"GET\",\"path\":\"calendar/v3/users/me/calendarList\",\"latencyMs\":400,\"count\":1}");
		long start = System.nanoTime();
		calendar.calendarList().list().execute();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void theQuotaRefusesCallsBeyondTheLimitPerAccountCountingBatchParts() throws IOException {
		emulator.admin("POST", "quota", "{\"requestsPerMinute\":5,\"status\":403}");
		BatchRequest batch = calendar.batch();
		BatchTest.Outcomes outcomes = new BatchTest.Outcomes();
		for (int i = 0; i < 4; i++) {
			calendar.calendarList().list().queue(batch, outcomes.at(i));
		}
		batch.execute();
		calendar.events().list("primary").execute();

		assertThatThrownBy(() -> calendar.events().list("primary").execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(403);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
			});
		assertThat(emulator.calendarOf(BEN).events().list("primary").execute().getItems()).isNotEmpty();
	}

	@Test
	void theQuotaCanAnswer429() {
		emulator.admin("POST", "quota", "{\"requestsPerMinute\":1,\"status\":429}");
		assertThat(emulator.calendarOf(ANA)).isNotNull();
		try {
			calendar.events().list("primary").execute();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		assertThatThrownBy(() -> calendar.events().list("primary").execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(429));
	}

	@Test
	void theRequestLogCountsPerEndpointMethodAndAccountAndCanBeCleared() throws IOException {
		emulator.admin("DELETE", "requests", null);
		calendar.events().list("primary").execute();
		calendar.events().insert("primary", review()).execute();
		emulator.calendar("ya29.unknown").calendarList();
		assertThatThrownBy(() -> emulator.calendar("ya29.unknown").events().list("primary").execute())
			.isInstanceOf(GoogleJsonResponseException.class);

		JsonObject log = emulator.admin("GET", "requests", null).getAsJsonObject();
		assertThat(log.get("total").getAsInt()).isEqualTo(3);
		assertThat(log.getAsJsonObject("byEndpoint").get("calendar.events.list").getAsInt()).isEqualTo(2);
		assertThat(log.getAsJsonObject("byEndpoint").get("calendar.events.insert").getAsInt()).isEqualTo(1);
		assertThat(log.getAsJsonObject("byMethod").get("GET").getAsInt()).isEqualTo(2);
		assertThat(log.getAsJsonObject("byAccount").get(ANA).getAsInt()).isEqualTo(2);
		assertThat(log.getAsJsonObject("byStatus").get("401").getAsInt()).isEqualTo(1);
		emulator.admin("DELETE", "requests", null);
		assertThat(emulator.admin("GET", "requests", null).getAsJsonObject().get("total").getAsInt()).isZero();
	}

}
