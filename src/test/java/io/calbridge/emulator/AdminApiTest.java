package io.calbridge.emulator;

import java.io.IOException;
import java.util.List;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
class AdminApiTest {

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
	}

	@Test
	void accountsListTheSeededPeopleWithTheirCalendars() {
		JsonArray accounts = emulator.admin("GET", "accounts", null).getAsJsonArray();
		assertThat(accounts.asList()).extracting(a -> a.getAsJsonObject().get("email").getAsString()).containsExactly(ANA, BEN);
		JsonObject ana = accounts.get(0).getAsJsonObject();
		assertThat(ana.get("name").getAsString()).isEqualTo("Ana Souza");
		assertThat(ana.getAsJsonArray("calendars").asList()).hasSize(3);
		JsonObject holidays = ana.getAsJsonArray("calendars").get(2).getAsJsonObject();
		assertThat(holidays.get("id").getAsString()).isEqualTo(EmulatorClient.HOLIDAYS);
		assertThat(holidays.get("readOnly").getAsBoolean()).isTrue();
		assertThat(holidays.get("watchable").getAsBoolean()).isFalse();
	}

	@Test
	void clientsCanBeRegisteredAndListedAndAResetKeepsOnlyTheConfiguredOnes() {
		JsonObject created = emulator.admin("POST", "clients",
				"{\"redirectUris\":[\"https://crm.example.com/connections/google/callback\"]}").getAsJsonObject();
		assertThat(created.get("client_id").getAsString()).endsWith(".apps.googleusercontent.com");
		assertThat(created.get("client_secret").getAsString()).startsWith("GOCSPX-");

		List<String> ids = emulator.admin("GET", "clients", null).getAsJsonArray().asList().stream()
			.map(c -> c.getAsJsonObject().get("client_id").getAsString()).toList();
		assertThat(ids).contains(created.get("client_id").getAsString(), "calbridge-local.apps.googleusercontent.com");
		emulator.reset();
		assertThat(emulator.admin("GET", "clients", null).getAsJsonArray().asList())
			.extracting(c -> c.getAsJsonObject().get("client_id").getAsString())
			.containsExactly("calbridge-local.apps.googleusercontent.com");
		assertThat(emulator.adminRaw("POST", "clients", "{\"redirectUris\":[]}").statusCode()).isEqualTo(400);
	}

	@Test
	void tokensOpenTheApiForAnAccountAndDieWithAReset() throws IOException {
		JsonObject token = emulator.admin("POST", "tokens", "{\"email\":\"" + BEN + "\"}").getAsJsonObject();
		assertThat(token.get("expires_in").getAsLong()).isEqualTo(3600);
		Calendar calendar = emulator.calendar(token.get("access_token").getAsString());
		assertThat(calendar.calendarList().list().execute().getItems().get(0).getId()).isEqualTo(BEN);

		emulator.reset();
		assertThatThrownBy(() -> calendar.calendarList().list().execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
		assertThat(emulator.adminRaw("POST", "tokens", "{\"email\":\"nobody@example.com\"}").statusCode()).isEqualTo(404);
	}

	@Test
	void anEventFromAnotherGoogleUserIsStoredAsGivenWithAFreshEtag() throws IOException {
		JsonElement stored = emulator.admin("POST", "calendars/" + EmulatorClient.HOLIDAYS.replace("#", "%23") + "/events", """
				{"id":"Office_Closure-2026","etag":"\\"1\\"","summary":"Office closed (Company holiday)","eventType":"outOfOffice",
				 "organizer":{"email":"hr@example.com","displayName":"People Team"},
				 "recurrence":["RRULE:FREQ=YEARLY;COUNT=3"],
				 "start":{"date":"2026-12-31"},"end":{"date":"2027-01-01"}}""");
		assertThat(stored.getAsJsonObject().get("etag").getAsString()).isNotEqualTo("\"1\"");

		Calendar calendar = emulator.calendarOf(ANA);
		Event read = calendar.events().get(EmulatorClient.HOLIDAYS, "Office_Closure-2026").execute();
		assertThat(read.getEventType()).isEqualTo("outOfOffice");
		assertThat(read.getOrganizer().getDisplayName()).isEqualTo("People Team");
		assertThat(read.getRecurrence()).containsExactly("RRULE:FREQ=YEARLY;COUNT=3");
		assertThat(emulator.adminRaw("POST", "calendars/nope@example.com/events", "{}").statusCode()).isEqualTo(404);

		String raw = emulator.adminRaw("POST", "calendars/" + BEN + "/events", """
				{"summary":"Werkstatt-Termin","start":{"dateTime":"2026-12-09T09:00:00Z","timeZone":"Europe/Berlin"},
				 "end":{"dateTime":"2026-12-09T10:00:00Z","timeZone":"Europe/Berlin"}}""").body();
		assertThat(raw).as("Google's JSON: the event's zone, whole seconds")
			.contains("\"dateTime\":\"2026-12-09T10:00:00+01:00\"");
	}

	@Test
	void manyEventsAreStoredInOneRequestAndComeWithTheNextSyncToken() throws IOException {
		Calendar calendar = emulator.calendarOf(BEN);
		String before = fullListing(calendar, BEN).getNextSyncToken();
		StringBuilder events = new StringBuilder();
		for (int day = 1; day <= 120; day++) {
			events.append(day == 1 ? "" : ",").append(String.format("""
					{"summary":"Kundenbesuch %d","location":"Hamburg","organizer":{"email":"lukas.weber@example.de"},
					 "start":{"dateTime":"2027-01-%02dT09:00:00+01:00"},"end":{"dateTime":"2027-01-%02dT10:00:00+01:00"}}""",
					day, 1 + day % 28, 1 + day % 28));
		}
		JsonObject answer = emulator.admin("POST", "calendars/" + BEN + "/events/bulk", "{\"events\":[" + events + "]}")
			.getAsJsonObject();

		assertThat(answer.get("inserted").getAsInt()).isEqualTo(120);
		com.google.api.services.calendar.model.Events changes = calendar.events().list(BEN).setSyncToken(before)
			.setMaxResults(250).execute();
		assertThat(changes.getItems()).hasSize(120).allSatisfy(e -> {
			assertThat(e.getSummary()).startsWith("Kundenbesuch ");
			assertThat(e.getEtag()).isNotBlank();
			assertThat(e.getOrganizer().getEmail()).isEqualTo("lukas.weber@example.de");
		});
		assertThat(changes.getItems()).extracting(Event::getId).doesNotHaveDuplicates();
		assertThat(emulator.adminRaw("POST", "calendars/nope@example.com/events/bulk", "{\"events\":[]}").statusCode())
			.isEqualTo(404);
		assertThat(emulator.adminRaw("POST", "calendars/" + BEN + "/events/bulk", "{\"summary\":\"one\"}").statusCode())
			.isEqualTo(400);
	}

	private static com.google.api.services.calendar.model.Events fullListing(Calendar calendar, String calendarId)
			throws IOException {
		com.google.api.services.calendar.model.Events page = calendar.events().list(calendarId).setMaxResults(2500).execute();
		while (page.getNextPageToken() != null) {
			page = calendar.events().list(calendarId).setMaxResults(2500).setPageToken(page.getNextPageToken()).execute();
		}
		return page;
	}

	@Test
	void channelsOfADeletedResetAreGoneAndUnknownChannelsCannotExpire() {
		assertThat(emulator.admin("GET", "channels", null).getAsJsonArray()).isEmpty();
		assertThat(emulator.adminRaw("POST", "channels/unknown-channel/expire", "{}").statusCode()).isEqualTo(404);
	}

	@Test
	void faultsAreListedAndClearedAndMalformedOnesRefused() {
		emulator.admin("POST", "faults", "{\"method\":\"GET\",\"path\":\"calendar/v3/**\",\"status\":500}");
		emulator.admin("POST", "faults", "{\"push\":\"delay\",\"latencyMs\":2000}");
		JsonObject listed = emulator.admin("GET", "faults", null).getAsJsonObject();
		assertThat(listed.getAsJsonArray("api")).hasSize(1);
		assertThat(listed.getAsJsonArray("push")).hasSize(1);
		emulator.admin("DELETE", "faults", null);
		assertThat(emulator.admin("GET", "faults", null).getAsJsonObject().getAsJsonArray("api")).isEmpty();
		assertThat(emulator.adminRaw("POST", "faults", "{\"status\":500}").statusCode()).isEqualTo(400);
		assertThat(emulator.adminRaw("POST", "faults", "{\"push\":\"explode\"}").statusCode()).isEqualTo(400);
	}

}
