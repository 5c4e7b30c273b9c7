package io.calbridge.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CalBridgeTest
class EventsSyncTest {

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

	private Event meeting(String summary, int day, int hour) {
		String date = String.format("2026-12-%02dT%02d:00:00-03:00", day, hour);
		String end = String.format("2026-12-%02dT%02d:30:00-03:00", day, hour);
		return new Event().setSummary(summary)
			.setStart(new EventDateTime().setDateTime(new DateTime(date)).setTimeZone("America/Sao_Paulo"))
			.setEnd(new EventDateTime().setDateTime(new DateTime(end)).setTimeZone("America/Sao_Paulo"));
	}

	private List<Event> insertMeetings(int count) throws IOException {
		List<Event> created = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			created.add(calendar.events().insert(clients, meeting("Client call #" + (i + 1), 1 + i % 28, 9 + i % 8)).execute());
		}
		return created;
	}

	/** Pages until the end, as a sync engine would; returns the items and the final sync token. */
	private Map.Entry<List<Event>, String> listAll(Calendar.Events.List request, List<Integer> pageSizes) throws IOException {
		List<Event> items = new ArrayList<>();
		String pageToken = null;
		Events page;
		do {
			page = request.setPageToken(pageToken).execute();
			pageSizes.add(page.getItems().size());
			items.addAll(page.getItems());
			pageToken = page.getNextPageToken();
			if (pageToken != null) {
				assertThat(page.getNextSyncToken()).as("only the last page carries a sync token").isNull();
			}
		}
		while (pageToken != null);
		return Map.entry(items, page.getNextSyncToken());
	}

	@Test
	void aThreePageFullSyncThenAnIncrementalSyncReturnsExactlyTheChangedAndDeletedEvents() throws IOException {
		List<Event> created = insertMeetings(25);
		List<Integer> sizes = new ArrayList<>();
		var full = listAll(calendar.events().list(clients).setMaxResults(10), sizes);

		assertThat(sizes).containsExactly(10, 10, 5);
		assertThat(full.getKey()).extracting(Event::getId).containsExactlyInAnyOrderElementsOf(
				created.stream().map(Event::getId).toList());
		assertThat(full.getValue()).isNotBlank();

		calendar.events().patch(clients, created.get(3).getId(), new Event().setSummary("Client call #4 — moved")).execute();
		calendar.events().delete(clients, created.get(7).getId()).execute();
		Event added = calendar.events().insert(clients, meeting("New lead: Souza & Filhos", 20, 11)).execute();

		Events incremental = calendar.events().list(clients).setSyncToken(full.getValue()).execute();
		assertThat(incremental.getItems()).extracting(Event::getId)
			.containsExactlyInAnyOrder(created.get(3).getId(), created.get(7).getId(), added.getId());
		Event deleted = incremental.getItems().stream().filter(e -> e.getId().equals(created.get(7).getId())).findFirst().orElseThrow();
		assertThat(deleted.getStatus()).isEqualTo("cancelled");
		assertThat(incremental.getNextSyncToken()).isNotBlank();

		calendar.events().insert("primary", meeting("Elsewhere: not in this calendar", 2, 9)).execute();
		Events nothingNew = calendar.events().list(clients).setSyncToken(incremental.getNextSyncToken()).execute();
		assertThat(nothingNew.getItems()).isEmpty();
		assertThat(nothingNew.getNextSyncToken()).as("nothing changed: the same token")
			.isEqualTo(incremental.getNextSyncToken());
	}

	@Test
	void anIncrementalSyncPagesToo() throws IOException {
		insertMeetings(3);
		String token = calendar.events().list(clients).execute().getNextSyncToken();
		List<Event> more = insertMeetings(7);

		List<Integer> sizes = new ArrayList<>();
		var incremental = listAll(calendar.events().list(clients).setSyncToken(token).setMaxResults(3), sizes);

		assertThat(sizes).containsExactly(3, 3, 1);
		assertThat(incremental.getKey()).extracting(Event::getId)
			.containsExactlyInAnyOrderElementsOf(more.stream().map(Event::getId).toList());
	}

	@Test
	void writesDuringAFullSyncAreNotLostButComeWithTheNextSyncToken() throws IOException {
		List<Event> created = insertMeetings(6);
		Events first = calendar.events().list(clients).setMaxResults(3).execute();
		Event late = calendar.events().insert(clients, meeting("Booked while paging", 15, 10)).execute();
		Events second = calendar.events().list(clients).setMaxResults(3).setPageToken(first.getNextPageToken()).execute();

		List<String> seen = new ArrayList<>();
		first.getItems().forEach(e -> seen.add(e.getId()));
		second.getItems().forEach(e -> seen.add(e.getId()));
		assertThat(seen).containsExactlyInAnyOrderElementsOf(created.stream().map(Event::getId).toList());
		Events incremental = calendar.events().list(clients).setSyncToken(second.getNextSyncToken()).execute();
		assertThat(incremental.getItems()).extracting(Event::getId).containsExactly(late.getId());
	}

	@Test
	void anExpiredSyncTokenAnswers410FullSyncRequired() throws IOException {
		insertMeetings(2);
		String token = calendar.events().list(clients).execute().getNextSyncToken();
		emulator.admin("POST", "sync-tokens/expire", "{}");

		assertThatThrownBy(() -> calendar.events().list(clients).setSyncToken(token).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(410);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("fullSyncRequired");
			});
		String fresh = calendar.events().list(clients).execute().getNextSyncToken();
		assertThat(calendar.events().list(clients).setSyncToken(fresh).execute().getItems()).isEmpty();
	}

	@Test
	void aResetMakesOldSyncTokensExpire() throws IOException {
		String token = calendar.events().list(clients).execute().getNextSyncToken();
		emulator.reset();
		Calendar again = emulator.calendarOf(ANA);
		assertThatThrownBy(() -> again.events().list(clients).setSyncToken(token).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(410));
	}

	@Test
	void aMalformedSyncTokenAnswers400() {
		assertThatThrownBy(() -> calendar.events().list(clients).setSyncToken("not-a-real-token!").execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(400);
				assertThat(e.getDetails().getMessage()).isEqualTo("Invalid sync token value.");
			});
	}

	@Test
	void filtersThatCannotAccompanyASyncTokenAnswer400() throws IOException {
		String token = calendar.events().list(clients).execute().getNextSyncToken();
		List<Calendar.Events.List> forbidden = List.of(
				calendar.events().list(clients).setSyncToken(token).setTimeMin(new DateTime("2026-12-01T00:00:00Z")),
				calendar.events().list(clients).setSyncToken(token).setTimeMax(new DateTime("2026-12-31T00:00:00Z")),
				calendar.events().list(clients).setSyncToken(token).setUpdatedMin(new DateTime("2026-11-01T00:00:00Z")),
				calendar.events().list(clients).setSyncToken(token).setQ("lead"),
				calendar.events().list(clients).setSyncToken(token).setOrderBy("updated"),
				calendar.events().list(clients).setSyncToken(token).setICalUID("x@google.com"),
				calendar.events().list(clients).setSyncToken(token).setPrivateExtendedProperty(List.of("crmTaskId=42")),
				calendar.events().list(clients).setSyncToken(token).setSharedExtendedProperty(List.of("crm=acme")),
				calendar.events().list(clients).setSyncToken(token).setShowDeleted(false));
		for (Calendar.Events.List request : forbidden) {
			assertThatThrownBy(request::execute).isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(400);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("syncTokenWithRequestRestrictions");
			});
		}
	}

	@Test
	void deletedEventsShowOnlyWithShowDeletedAsCancelledTombstones() throws IOException {
		List<Event> created = insertMeetings(2);
		calendar.events().delete(clients, created.get(0).getId()).execute();

		assertThat(calendar.events().list(clients).execute().getItems()).extracting(Event::getId)
			.containsExactly(created.get(1).getId());
		List<Event> withDeleted = calendar.events().list(clients).setShowDeleted(true).execute().getItems();
		assertThat(withDeleted).extracting(Event::getStatus).containsExactlyInAnyOrder("cancelled", "confirmed");
	}

	@Test
	void timeRangeQueryAndPrivateExtendedPropertyFilterTheList() throws IOException {
		Event tagged = meeting("Demo for Keller Bau", 10, 14);
		tagged.setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("crmTaskId", "T-1042")));
		Event taggedStored = calendar.events().insert(clients, tagged).execute();
		calendar.events().insert(clients, meeting("Dentist", 10, 8)).execute();
		calendar.events().insert(clients, meeting("Renewal talk — Costa Têxteis", 22, 16)).execute();

		assertThat(calendar.events().list(clients).setPrivateExtendedProperty(List.of("crmTaskId=T-1042")).execute()
			.getItems()).extracting(Event::getId).containsExactly(taggedStored.getId());
		assertThat(calendar.events().list(clients).setTimeMin(new DateTime("2026-12-10T00:00:00-03:00"))
			.setTimeMax(new DateTime("2026-12-11T00:00:00-03:00")).execute().getItems())
			.extracting(Event::getSummary).containsExactlyInAnyOrder("Demo for Keller Bau", "Dentist");
		assertThat(calendar.events().list(clients).setUpdatedMin(new DateTime(System.currentTimeMillis() + 60_000)).execute()
			.getItems()).isEmpty();
		assertThat(calendar.events().list(clients).setUpdatedMin(new DateTime(System.currentTimeMillis() - 60_000)).execute()
			.getItems()).hasSize(3);
		assertThat(calendar.events().list(clients).setQ("costa renewal").execute().getItems())
			.extracting(Event::getSummary).containsExactly("Renewal talk — Costa Têxteis");
		assertThat(calendar.events().list(clients).setSingleEvents(true).setOrderBy("startTime").execute().getItems())
			.extracting(Event::getSummary).containsExactly("Dentist", "Demo for Keller Bau", "Renewal talk — Costa Têxteis");
	}

	@Test
	void maxResultsAbove2500IsCappedAndBelowOneRefused() throws IOException {
		assertThat(calendar.events().list(clients).setMaxResults(5000).execute().getItems()).isEmpty();
		assertThatThrownBy(() -> calendar.events().list(clients).setMaxResults(0).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
	}

}
