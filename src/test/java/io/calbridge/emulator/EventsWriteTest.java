package io.calbridge.emulator;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.ConferenceData;
import com.google.api.services.calendar.model.ConferenceSolutionKey;
import com.google.api.services.calendar.model.CreateConferenceRequest;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@CalBridgeTest
class EventsWriteTest {

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

	static Event visit(String summary) {
		return new Event().setSummary(summary).setLocation("Rua Oscar Freire 379, São Paulo")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-03T14:00:00-03:00")).setTimeZone("America/Sao_Paulo"))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-03T15:00:00-03:00")).setTimeZone("America/Sao_Paulo"))
			.setAttendees(List.of(new EventAttendee().setEmail("marina.costa@example.net").setDisplayName("Marina Costa")));
	}

	@Test
	void insertStoresTheEventWithGoogleFieldsAndGzipBodyIsAccepted() throws IOException {
		emulator.admin("DELETE", "requests", null);
		Calendar.Events.Insert insert = calendar.events().insert("primary", visit("Quarterly review — Costa Têxteis"));
		insert.setDisableGZipContent(false);
		Event created = insert.execute();

		var logged = emulator.admin("GET", "requests", null).getAsJsonObject().getAsJsonArray("requests").get(0).getAsJsonObject();
		assertThat(logged.get("endpoint").getAsString()).isEqualTo("calendar.events.insert");
		assertThat(logged.get("gzipped").getAsBoolean()).as("Google's client sent the body gzipped").isTrue();
		assertThat(created.getId()).matches("[a-v0-9]{26}");
		assertThat(created.getEtag()).startsWith("\"").endsWith("\"");
		assertThat(created.getStatus()).isEqualTo("confirmed");
		assertThat(created.getOrganizer().getEmail()).isEqualTo(ANA);
		assertThat(created.getCreator().getEmail()).isEqualTo(ANA);
		assertThat(created.getICalUID()).isEqualTo(created.getId() + "@google.com");
		assertThat(created.getSummary()).isEqualTo("Quarterly review — Costa Têxteis");
		assertThat(created.getAttendees().get(0).getResponseStatus()).isEqualTo("needsAction");
		Event read = calendar.events().get(ANA, created.getId()).execute();
		assertThat(read.getStart().getDateTime().getValue()).isEqualTo(new DateTime("2026-12-03T17:00:00Z").getValue());

		Event utc = visit("Sent in UTC").setStart(new EventDateTime().setDateTime(new DateTime("2026-12-03T17:00:00Z"))
			.setTimeZone("America/Sao_Paulo"));
		assertThat(calendar.events().insert("primary", utc).execute().getStart().getDateTime().getTimeZoneShift())
			.as("answered in the event's zone, as Google does").isEqualTo(-180);
	}

	@Test
	void clientChosenIdsMustBeBase32HexAndUnique() throws IOException {
		String id = "crmtask0042v1";
		calendar.events().insert("primary", visit("Follow-up call").setId(id)).execute();

		assertThatThrownBy(() -> calendar.events().insert("primary", visit("Follow-up call again").setId(id)).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(409);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("duplicate");
			});
		assertThatThrownBy(() -> calendar.events().insert("primary", visit("Bad id").setId("CRM-Task-42")).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(400);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
			});
		assertThatThrownBy(() -> calendar.events().insert("primary", visit("Too short").setId("abcd")).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
	}

	@Test
	void everyWriteChangesTheEtagAndAStaleIfMatchGets412() throws IOException {
		Event created = calendar.events().insert("primary", visit("Contract signing")).execute();
		Event patched = calendar.events().patch("primary", created.getId(), new Event().setDescription("Bring two copies"))
			.execute();
		assertThat(patched.getEtag()).isNotEqualTo(created.getEtag());
		assertThat(patched.getSummary()).isEqualTo("Contract signing");
		assertThat(patched.getDescription()).isEqualTo("Bring two copies");

		Calendar.Events.Update stale = calendar.events().update("primary", created.getId(), visit("Contract signing (moved)"));
		stale.getRequestHeaders().setIfMatch(created.getEtag());
		assertThatThrownBy(stale::execute).isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
			assertThat(e.getStatusCode()).isEqualTo(412);
			assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("conditionNotMet");
		});

		Calendar.Events.Update fresh = calendar.events().update("primary", created.getId(), visit("Contract signing (moved)"));
		fresh.getRequestHeaders().setIfMatch(patched.getEtag());
		Event updated = fresh.execute();
		assertThat(updated.getSummary()).isEqualTo("Contract signing (moved)");
		assertThat(updated.getDescription()).as("PUT replaces the whole event").isNull();
		assertThat(updated.getEtag()).isNotEqualTo(patched.getEtag());
	}

	@Test
	void ifNoneMatchWithTheCurrentEtagAnswers304() throws IOException {
		Event created = calendar.events().insert("primary", visit("Site visit")).execute();
		Calendar.Events.Get get = calendar.events().get("primary", created.getId());
		get.getRequestHeaders().setIfNoneMatch(created.getEtag());

		assertThatThrownBy(get::execute).isInstanceOfSatisfying(HttpResponseException.class,
				e -> assertThat(e.getStatusCode()).isEqualTo(304));
		Calendar.Events.Get changed = calendar.events().get("primary", created.getId());
		changed.getRequestHeaders().setIfNoneMatch("\"1\"");
		assertThat(changed.execute().getSummary()).isEqualTo("Site visit");
	}

	@Test
	void deletingTwiceAnswers410DeletedAndTheTombstoneStaysReadable() throws IOException {
		Event created = calendar.events().insert("primary", visit("Cancelled lunch")).execute();
		calendar.events().delete("primary", created.getId()).execute();

		assertThatThrownBy(() -> calendar.events().delete("primary", created.getId()).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(410);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("deleted");
			});
		assertThat(calendar.events().get("primary", created.getId()).execute().getStatus()).isEqualTo("cancelled");
		assertThatThrownBy(() -> calendar.events().get("primary", "unknownevent1").execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
	}

	@Test
	void aMeetConferenceIsPendingFirstThenSucceedsWithAHangoutLink() throws IOException {
		Event body = visit("Kick-off with Marina").setConferenceData(new ConferenceData().setCreateRequest(
				new CreateConferenceRequest().setRequestId("crm-task-77-meet")
					.setConferenceSolutionKey(new ConferenceSolutionKey().setType("hangoutsMeet"))));
		Event created = calendar.events().insert("primary", body).setConferenceDataVersion(1).execute();

		assertThat(created.getConferenceData().getCreateRequest().getStatus().getStatusCode()).isEqualTo("pending");
		assertThat(created.getHangoutLink()).isNull();
		await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
			Event now = calendar.events().get("primary", created.getId()).execute();
			assertThat(now.getConferenceData().getCreateRequest().getStatus().getStatusCode()).isEqualTo("success");
			assertThat(now.getHangoutLink()).matches("https://meet\\.google\\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}");
			assertThat(now.getConferenceData().getEntryPoints().get(0).getUri()).isEqualTo(now.getHangoutLink());
			assertThat(now.getEtag()).isNotEqualTo(created.getEtag());
		});
	}

	@Test
	void withoutConferenceDataVersionTheCreateRequestIsIgnored() throws IOException {
		Event body = visit("No Meet please").setConferenceData(new ConferenceData().setCreateRequest(
				new CreateConferenceRequest().setRequestId("ignored-1")));
		Event created = calendar.events().insert("primary", body).execute();
		assertThat(created.getConferenceData()).isNull();
	}

	@Test
	void callsWithoutAValidTokenAnswer401AuthError() throws IOException {
		Calendar anonymous = emulator.calendar("ya29.not-a-token");
		assertThatThrownBy(() -> anonymous.events().list("primary").execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(401);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("authError");
			});
		String shortLived = emulator.admin("POST", "tokens", "{\"email\":\"" + ANA + "\",\"expiresIn\":1}")
			.getAsJsonObject().get("access_token").getAsString();
		await().pollDelay(java.time.Duration.ofMillis(1100)).atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThatThrownBy(() -> emulator.calendar(shortLived).events().list("primary").execute())
				.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401)));
	}

	@Test
	void callsWithoutAnAuthorizationHeaderAnswer401() {
		Calendar anonymous = new Calendar.Builder(new com.google.api.client.http.javanet.NetHttpTransport(),
				com.google.api.client.json.gson.GsonFactory.getDefaultInstance(), null).setRootUrl(emulator.root()).build();
		assertThatThrownBy(() -> anonymous.calendarList().list().execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(401);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("authError");
				assertThat(e.getHeaders().getAuthenticate()).startsWith("Bearer");
			});
	}

	@Test
	void onSomeoneElsesEventOnlyTheOrganizerMayChangeWhatGuestsCanDo() throws IOException {
		emulator.admin("POST", "calendars/" + ANA + "/events", """
				{"id":"supplier_audit_1","summary":"Supplier audit","guestsCanInviteOthers":false,
				 "organizer":{"email":"lukas.weber@example.de","displayName":"Lukas Weber"},
				 "attendees":[{"email":"ana.souza@example.com","responseStatus":"needsAction"}],
				 "start":{"dateTime":"2026-12-09T10:00:00+01:00"},"end":{"dateTime":"2026-12-09T11:00:00+01:00"}}""");
		assertThatThrownBy(() -> calendar.events().patch("primary", "supplier_audit_1",
				new Event().setGuestsCanInviteOthers(true)).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(403);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("forbiddenForNonOrganizer");
			});
		assertThat(calendar.events().patch("primary", "supplier_audit_1", new Event().setColorId("4")).execute().getColorId())
			.isEqualTo("4");
	}

	@Test
	void aGuestMayNotChangeSomeoneElsesEventUnlessTheOrganizerLetsGuestsModifyIt() throws IOException {
		emulator.admin("POST", "calendars/" + ANA + "/events", """
				{"id":"partner_offsite_1","summary":"Partner offsite","description":"Agenda: venues.",
				 "organizer":{"email":"lukas.weber@example.de","displayName":"Lukas Weber"},
				 "attendees":[{"email":"lukas.weber@example.de","organizer":true,"responseStatus":"accepted"},
				              {"email":"ana.souza@example.com","responseStatus":"needsAction"}],
				 "start":{"dateTime":"2026-12-09T10:00:00+01:00"},"end":{"dateTime":"2026-12-09T11:00:00+01:00"}}""");
		for (Event change : List.of(new Event().setSummary("Partner offsite (Ana's title)"),
				new Event().setDescription("My own agenda"),
				new Event().setStart(new EventDateTime().setDateTime(new DateTime("2026-12-09T12:00:00+01:00")))
					.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-09T13:00:00+01:00"))),
				new Event().setAttendees(List.of(new EventAttendee().setEmail("lukas.weber@example.de"),
						new EventAttendee().setEmail("ana.souza@example.com"),
						new EventAttendee().setEmail("carla.mendes@example.com"))))) {
			assertThatThrownBy(() -> calendar.events().patch("primary", "partner_offsite_1", change).execute())
				.as("a guest's change of %s", change.keySet())
				.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(403);
					assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("forbiddenForNonOrganizer");
				});
		}
		Event unchanged = calendar.events().get("primary", "partner_offsite_1").execute();
		assertThat(unchanged.getSummary()).isEqualTo("Partner offsite");
		// What is the guest's own: the answer, and the colour of their copy; the same time written differently too.
		Event answered = calendar.events().patch("primary", "partner_offsite_1", new Event().setColorId("5")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-09T09:00:00Z")))
			.setAttendees(List.of(new EventAttendee().setEmail("lukas.weber@example.de").setResponseStatus("accepted"),
					new EventAttendee().setEmail("ana.souza@example.com").setResponseStatus("accepted"))))
			.execute();
		assertThat(answered.getColorId()).isEqualTo("5");

		emulator.admin("POST", "calendars/" + ANA + "/events", """
				{"id":"partner_offsite_2","summary":"Partner offsite, open agenda","guestsCanModify":true,
				 "organizer":{"email":"lukas.weber@example.de","displayName":"Lukas Weber"},
				 "attendees":[{"email":"ana.souza@example.com","responseStatus":"needsAction"}],
				 "start":{"dateTime":"2026-12-10T10:00:00+01:00"},"end":{"dateTime":"2026-12-10T11:00:00+01:00"}}""");
		assertThat(calendar.events().patch("primary", "partner_offsite_2", new Event().setSummary("Offsite agenda"))
			.execute().getSummary()).isEqualTo("Offsite agenda");
	}

	@Test
	void anAccountCannotSeeAnotherAccountsCalendarNorWriteTheHolidays() throws IOException {
		assertThatThrownBy(() -> calendar.events().list(EmulatorClient.BEN).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
		assertThatThrownBy(() -> calendar.events().insert(EmulatorClient.HOLIDAYS, visit("Day off")).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(403);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("requiredAccessLevel");
			});
		assertThat(calendar.events().list(EmulatorClient.HOLIDAYS).execute().getItems())
			.extracting(Event::getSummary).contains("Christmas Day");
	}

	@Test
	void tokenScopesLimitWhatACallMayDo() throws IOException {
		String eventsOnly = emulator.admin("POST", "tokens", "{\"email\":\"" + ANA
				+ "\",\"scopes\":[\"https://www.googleapis.com/auth/calendar.events\"]}").getAsJsonObject()
			.get("access_token").getAsString();
		String readOnly = emulator.admin("POST", "tokens", "{\"email\":\"" + ANA
				+ "\",\"scopes\":[\"https://www.googleapis.com/auth/calendar.readonly\"]}").getAsJsonObject()
			.get("access_token").getAsString();

		assertThat(emulator.calendar(eventsOnly).events().insert("primary", visit("Allowed")).execute().getId()).isNotNull();
		assertThatThrownBy(() -> emulator.calendar(eventsOnly).calendarList().list().execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(403);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
			});
		assertThat(emulator.calendar(readOnly).calendarList().list().execute().getItems()).hasSize(3);
		assertThatThrownBy(() -> emulator.calendar(readOnly).events().insert("primary", visit("Refused")).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
	}

	@Test
	void theCalendarListShowsPrimarySecondaryAndHolidaysWithPaging() throws IOException {
		var first = calendar.calendarList().list().setMaxResults(2).execute();
		assertThat(first.getItems()).hasSize(2);
		assertThat(first.getNextPageToken()).isNotNull();
		var second = calendar.calendarList().list().setMaxResults(2).setPageToken(first.getNextPageToken()).execute();
		assertThat(second.getItems()).hasSize(1);
		assertThat(second.getNextSyncToken()).isNotNull();
		assertThat(first.getItems().get(0).getId()).isEqualTo(ANA);
		assertThat(first.getItems().get(0).getPrimary()).isTrue();
		assertThat(second.getItems().get(0).getAccessRole()).isEqualTo("reader");
		assertThat(Map.of("tz", first.getItems().get(0).getTimeZone())).containsEntry("tz", "America/Sao_Paulo");
	}

}
