package io.calbridge.google;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.calbridge.CalBridgeTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Google's answers, as the emulator gives them, turned into the outcomes the sync code switches on. */
@CalBridgeTest
class GoogleOutcomeTest {

	static final String ANA = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	CalendarClients clients;

	Calendar calendar;

	@BeforeEach
	void tokenForAna() {
		String answer = admin("POST", "tokens", "{\"email\":\"" + ANA + "\"}");
		calendar = clients.calendar(JsonMapper.builder().build().readTree(answer).get("access_token").asString());
	}

	@AfterEach
	void clearFaults() {
		admin("DELETE", "faults", null);
	}

	@Test
	void aDuplicateIdIsDuplicateAndAStaleEtagIsPreconditionFailed() {
		Event event = clients.call(() -> calendar.events().insert(ANA, renewalCall()).execute());

		GoogleFailure duplicate = failure(() -> calendar.events().insert(ANA, renewalCall().setId(event.getId())).execute());
		Calendar.Events.Patch stale = patch(event.getId());
		stale.getRequestHeaders().setIfMatch("\"stale-etag\"");
		GoogleFailure precondition = failure(stale::execute);

		assertThat(duplicate.outcome()).isInstanceOf(GoogleOutcome.Duplicate.class);
		assertThat(precondition.outcome()).isInstanceOf(GoogleOutcome.PreconditionFailed.class);
	}

	@Test
	void aMissingEventIsNotFoundAndADeletedOneIsGone() {
		Event event = clients.call(() -> calendar.events().insert(ANA, renewalCall()).execute());
		clients.call(() -> calendar.events().delete(ANA, event.getId()).execute());

		assertThat(failure(() -> calendar.events().get(ANA, "doesnotexist00").execute()).outcome())
			.isInstanceOf(GoogleOutcome.NotFound.class);
		assertThat(failure(() -> calendar.events().delete(ANA, event.getId()).execute()).outcome())
			.isEqualTo(new GoogleOutcome.Gone("deleted"));
	}

	@Test
	void anUnknownTokenIsAuthExpired() {
		Calendar stranger = clients.calendar("not-a-token");

		assertThat(failure(() -> stranger.calendarList().list().execute()).outcome())
			.isInstanceOf(GoogleOutcome.AuthExpired.class);
	}

	@Test
	void rateLimitsAre403Or429AndServerErrorsAreRetryable() {
		fault(403, "rateLimitExceeded");
		assertThat(failure(this::getProbe).outcome()).isEqualTo(new GoogleOutcome.RateLimited("rateLimitExceeded"));
		fault(429, "rateLimitExceeded");
		assertThat(failure(this::getProbe).outcome()).isInstanceOf(GoogleOutcome.RateLimited.class);
		fault(503, "backendError");
		assertThat(failure(this::getProbe).outcome()).isInstanceOf(GoogleOutcome.Retryable.class);
	}

	@Test
	void otherRefusalsAreNotRetried() {
		fault(403, "forbiddenForNonOrganizer");
		assertThat(failure(this::getProbe).outcome())
			.isEqualTo(new GoogleOutcome.Forbidden("forbiddenForNonOrganizer"));
		fault(400, "invalid");
		assertThat(failure(this::getProbe).outcome()).isInstanceOf(GoogleOutcome.BadRequest.class);
	}

	@Test
	void backoffGrowsFromTwoSecondsAndStopsAtAnHour() {
		java.time.Duration base = java.time.Duration.ofSeconds(2);
		java.time.Duration cap = java.time.Duration.ofHours(1);
		assertThat(GoogleOutcome.backoff(0, base, cap, 1.0).toMillis()).isEqualTo(2000);
		assertThat(GoogleOutcome.backoff(3, base, cap, 1.0).toMillis()).isEqualTo(16000);
		assertThat(GoogleOutcome.backoff(30, base, cap, 1.0).toHours()).isEqualTo(1);
		assertThat(GoogleOutcome.backoff(3, base, cap, 0.5).toMillis()).isEqualTo(8000);
	}

	/** An event id no one else asks for: the sync workers of other tests never meet these faults. */
	private Object getProbe() throws IOException {
		return calendar.events().get(ANA, "outcomeprobe").execute();
	}

	private Calendar.Events.Patch patch(String eventId) {
		try {
			return calendar.events().patch(ANA, eventId, new Event().setSummary("Moved"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private GoogleFailure failure(CalendarClients.GoogleCall<?> call) {
		return catchThrowableOfType(GoogleFailure.class, () -> clients.call(call));
	}

	private void fault(int status, String reason) {
		admin("DELETE", "faults", null);
		admin("POST", "faults", "{\"method\":\"GET\",\"path\":\"calendar/v3/calendars/*/events/outcomeprobe\",\"status\":" + status
				+ ",\"reason\":\"" + reason + "\",\"count\":1}");
	}

	private static Event renewalCall() {
		return new Event().setId("cb" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).replaceAll("[w-z]", "a"))
			.setSummary("Call Ana about the Acme renewal")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-01T10:00:00+01:00")).setTimeZone("Europe/Berlin"))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-01T10:30:00+01:00")).setTimeZone("Europe/Berlin"));
	}

	private String admin(String method, String path, String json) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/emulator/admin/" + path));
			request.header("Content-Type", "application/json")
				.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
			HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isLessThan(300);
			return response.body();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
