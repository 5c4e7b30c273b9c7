package io.calbridge.emulator;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CalBridgeTest
class CalendarPageTest {

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	Calendar calendar;

	HttpClient browser;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
		calendar = emulator.calendarOf(BEN);
		browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	private HttpResponse<String> page() throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(emulator.base() + "/emulator/calendar?account=" + BEN)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
		String form = fields.entrySet().stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
		return browser.send(HttpRequest.newBuilder(URI.create(emulator.base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("forms carry a CSRF token").isTrue();
		return m.group(1);
	}

	@Test
	void theAgendaShowsTheAccountsEventsByDayWithTextEscaped() throws Exception {
		LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1);
		calendar.events().insert("primary", new Event().setSummary("<script>alert('x')</script> Kundentermin")
			.setStart(new EventDateTime().setDate(new DateTime(tomorrow.toString())))
			.setEnd(new EventDateTime().setDate(new DateTime(tomorrow.plusDays(1).toString())))).execute();

		HttpResponse<String> page = page();
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Google Calendar — emulated").contains("Lunch with Carla Mendes")
			.contains("Product demo — Nair Logistics").contains("&lt;script&gt;").doesNotContain("<script>alert")
			.contains("name=\"viewport\"");
	}

	@Test
	void creatingAnEventOnThePageReachesTheApiAndItsWatchers() throws Exception {
		try (WebhookListener webhook = new WebhookListener()) {
			calendar.events().watch("primary", new Channel().setId(UUID.randomUUID().toString()).setType("web_hook")
				.setAddress(webhook.address())).execute();
			await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);
			String token = csrf(page().body());
			LocalDate date = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3);
			Map<String, String> form = new LinkedHashMap<>();
			form.put("_csrf", token);
			form.put("account", BEN);
			form.put("calendarId", BEN);
			form.put("summary", "Baustellenbesuch Müller GmbH");
			form.put("date", date.toString());
			form.put("start", "14:00");
			form.put("end", "15:30");
			form.put("colorId", "5");
			form.put("description", "Helm mitbringen");

			assertThat(post("/emulator/calendar/events", form).statusCode()).isEqualTo(302);
			Event created = calendar.events().list("primary").setQ("Baustellenbesuch").execute().getItems().get(0);
			assertThat(created.getColorId()).isEqualTo("5");
			assertThat(created.getStart().getTimeZone()).isEqualTo("Europe/Berlin");
			assertThat(created.getEnd().getDateTime().getValue() - created.getStart().getDateTime().getValue())
				.isEqualTo(Duration.ofMinutes(90).toMillis());
			await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 2);
			assertThat(webhook.received.get(1).header("X-Goog-Resource-State")).isEqualTo("exists");

			form.put("eventId", created.getId());
			form.put("summary", "Baustellenbesuch Müller GmbH (verschoben)");
			form.put("description", "");
			assertThat(post("/emulator/calendar/events/update", form).statusCode()).isEqualTo(302);
			Event edited = calendar.events().get("primary", created.getId()).execute();
			assertThat(edited.getSummary()).endsWith("(verschoben)");
			assertThat(edited.getDescription()).isNull();

			Map<String, String> move = Map.of("_csrf", token, "account", BEN, "calendarId", BEN, "eventId",
					created.getId(), "days", "1");
			assertThat(post("/emulator/calendar/events/move", move).statusCode()).isEqualTo(302);
			assertThat(calendar.events().get("primary", created.getId()).execute().getStart().getDateTime().getValue())
				.isEqualTo(created.getStart().getDateTime().getValue() + Duration.ofDays(1).toMillis());

			assertThat(post("/emulator/calendar/events/delete", move).statusCode()).isEqualTo(302);
			assertThat(calendar.events().get("primary", created.getId()).execute().getStatus()).isEqualTo("cancelled");
		}
	}

	@Test
	void aGuestAnswersAnInvitationOnThePage() throws Exception {
		LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(4);
		emulator.admin("POST", "calendars/" + BEN + "/events", """
				{"id":"invite_from_priya_1","summary":"Contract review — Nair Logistics",
				 "organizer":{"email":"priya.nair@example.org","displayName":"Priya Nair"},
				 "attendees":[{"email":"priya.nair@example.org","organizer":true,"responseStatus":"accepted"},
				              {"email":"ben.keller@example.com","displayName":"Ben Keller","responseStatus":"needsAction"}],
				 "start":{"dateTime":"%sT16:00:00+01:00"},"end":{"dateTime":"%sT16:30:00+01:00"}}""".formatted(day, day));
		String token = csrf(page().body());

		assertThat(post("/emulator/calendar/events/respond", Map.of("_csrf", token, "account", BEN, "calendarId", BEN,
				"eventId", "invite_from_priya_1", "response", "accepted")).statusCode()).isEqualTo(302);
		Event answered = calendar.events().get("primary", "invite_from_priya_1").execute();
		assertThat(answered.getAttendees()).filteredOn(a -> BEN.equals(a.getEmail()))
			.extracting(EventAttendee::getResponseStatus).containsExactly("accepted");
	}

	@Test
	void aGuestsAnswerOnThePageReachesTheOrganizerInTheEmulator() throws Exception {
		Calendar ana = emulator.calendarOf(EmulatorClient.ANA);
		LocalDate day = LocalDate.now(ZoneId.of("America/Sao_Paulo")).plusDays(5);
		Event invitation = ana.events().insert("primary", new Event().setSummary("Pricing workshop")
			.setStart(new EventDateTime().setDateTime(new DateTime(day + "T10:00:00-03:00")))
			.setEnd(new EventDateTime().setDateTime(new DateTime(day + "T11:00:00-03:00")))
			.setAttendees(new java.util.ArrayList<>(java.util.List.of(new EventAttendee().setEmail(BEN))))).execute();
		String token = csrf(page().body());

		assertThat(post("/emulator/calendar/events/respond", Map.of("_csrf", token, "account", BEN, "calendarId", BEN,
				"eventId", invitation.getId(), "response", "tentative")).statusCode()).isEqualTo(302);
		assertThat(ana.events().get("primary", invitation.getId()).execute().getAttendees()).singleElement()
			.extracting(EventAttendee::getResponseStatus).isEqualTo("tentative");
	}

	@Test
	void pageFormsRequireTheirCsrfToken() throws Exception {
		page();
		HttpResponse<String> forged = post("/emulator/calendar/events", Map.of("account", BEN, "calendarId", BEN,
				"summary", "Forged", "date", "2026-12-01"));
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	@Test
	void theHolidayCalendarShowsButCannotBeEditedFromThePage() throws Exception {
		String token = csrf(page().body());
		HttpResponse<String> refused = post("/emulator/calendar/events", Map.of("_csrf", token, "account", BEN,
				"calendarId", EmulatorClient.HOLIDAYS, "summary", "Extra holiday", "date", "2026-12-01"));
		assertThat(refused.statusCode()).isEqualTo(403);
	}

}
