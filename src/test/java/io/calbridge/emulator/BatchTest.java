package io.calbridge.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CalBridgeTest
class BatchTest {

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	Calendar calendar;

	String clients;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
		calendar = emulator.calendarOf(ANA);
		clients = emulator.secondaryCalendar(ANA);
	}

	/** Collects each part's outcome by position, as the sync engine's batch callbacks would. */
	static final class Outcomes {

		final Map<Integer, Object> byIndex = new ConcurrentHashMap<>();

		<T> JsonBatchCallback<T> at(int index) {
			return new JsonBatchCallback<>() {
				@Override
				public void onSuccess(T result, HttpHeaders headers) {
					byIndex.put(index, result == null ? "ok" : result);
				}

				@Override
				public void onFailure(GoogleJsonError error, HttpHeaders headers) {
					byIndex.put(index, error);
				}
			};
		}

	}

	private static Event task(int n) {
		return new Event().setId(String.format("crmtask%05d", n)).setSummary("Call back lead #" + n)
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-14T10:00:00+01:00")).setTimeZone("Europe/Berlin"))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-14T10:20:00+01:00")).setTimeZone("Europe/Berlin"));
	}

	@Test
	void aBatchOfFiftyAnswersEachPartInOrderWithItsOwnStatus() throws IOException {
		Event existing = calendar.events().insert(clients, task(1)).execute();
		Event toDelete = calendar.events().insert(clients, task(2)).execute();
		calendar.events().delete(clients, toDelete.getId()).execute();
		Outcomes outcomes = new Outcomes();
		BatchRequest batch = calendar.batch();
		calendar.events().insert(clients, task(1)).queue(batch, outcomes.at(0));
		calendar.events().delete(clients, toDelete.getId()).queue(batch, outcomes.at(1));
		Calendar.Events.Patch stale = calendar.events().patch(clients, existing.getId(), new Event().setSummary("Stale"));
		stale.getRequestHeaders().setIfMatch("\"0\"");
		stale.queue(batch, outcomes.at(2));
		calendar.events().get(clients, "doesnotexist1").queue(batch, outcomes.at(3));
		calendar.events().get(clients, existing.getId()).queue(batch, outcomes.at(4));
		for (int i = 5; i < 50; i++) {
			calendar.events().insert(clients, task(100 + i)).queue(batch, outcomes.at(i));
		}
		assertThat(batch.size()).isEqualTo(50);
		batch.execute();

		assertThat(outcomes.byIndex).hasSize(50);
		assertThat(((GoogleJsonError) outcomes.byIndex.get(0)).getCode()).isEqualTo(409);
		assertThat(((GoogleJsonError) outcomes.byIndex.get(1)).getCode()).isEqualTo(410);
		assertThat(((GoogleJsonError) outcomes.byIndex.get(2)).getCode()).isEqualTo(412);
		assertThat(((GoogleJsonError) outcomes.byIndex.get(2)).getErrors().get(0).getReason()).isEqualTo("conditionNotMet");
		assertThat(((GoogleJsonError) outcomes.byIndex.get(3)).getCode()).isEqualTo(404);
		assertThat(((Event) outcomes.byIndex.get(4)).getSummary()).isEqualTo("Call back lead #1");
		for (int i = 5; i < 50; i++) {
			assertThat(((Event) outcomes.byIndex.get(i)).getId()).isEqualTo(String.format("crmtask%05d", 100 + i));
		}
		assertThat(calendar.events().list(clients).execute().getItems()).hasSize(46);
	}

	@Test
	void moreThanFiftyPartsAreRefusedWith400AndNothingIsApplied() throws IOException {
		Outcomes outcomes = new Outcomes();
		BatchRequest batch = calendar.batch();
		for (int i = 0; i < 51; i++) {
			calendar.events().insert(clients, task(200 + i)).queue(batch, outcomes.at(i));
		}
		assertThatThrownBy(batch::execute).isInstanceOfSatisfying(
				com.google.api.client.http.HttpResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
		assertThat(calendar.events().list(clients).execute().getItems()).isEmpty();
	}

	@Test
	void batchPartsAnswerWithResponseContentIdsAndRaw401WithoutToken() {
		String boundary = "batch_calbridge_test";
		String body = "--" + boundary + "\r\n" + "Content-Type: application/http\r\n" + "Content-ID: <item1:ana@calbridge>\r\n\r\n"
				+ "GET /emulator/google/calendar/v3/users/me/calendarList HTTP/1.1\r\n\r\n\r\n" + "--" + boundary + "--\r\n";
		var response = emulator.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(emulator.root() + "batch/calendar/v3"))
			.header("Content-Type", "multipart/mixed; boundary=" + boundary)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/mixed; boundary=");
		assertThat(response.body()).contains("Content-ID: <response-item1:ana@calbridge>").contains("HTTP/1.1 401 Unauthorized")
			.contains("\"reason\":\"authError\"");
	}

	@Test
	void eachBatchPartIsLoggedAsItsOwnCall() throws IOException {
		emulator.admin("DELETE", "requests", null);
		BatchRequest batch = calendar.batch();
		Outcomes outcomes = new Outcomes();
		List<Integer> parts = new ArrayList<>(List.of(0, 1, 2));
		for (int i : parts) {
			calendar.events().insert(clients, task(300 + i)).queue(batch, outcomes.at(i));
		}
		batch.execute();
		var log = emulator.admin("GET", "requests", null).getAsJsonObject();
		assertThat(log.getAsJsonObject("byEndpoint").get("calendar.events.insert").getAsInt()).isEqualTo(3);
		assertThat(log.getAsJsonObject("byAccount").get(ANA).getAsInt()).isEqualTo(3);
	}

}
