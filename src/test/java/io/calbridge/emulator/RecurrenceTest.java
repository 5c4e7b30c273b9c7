package io.calbridge.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;

@CalBridgeTest
class RecurrenceTest {

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	Calendar calendar;

	String visits;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
		calendar = emulator.calendarOf(BEN);
		visits = emulator.secondaryCalendar(BEN);
	}

	/** Mondays and Wednesdays 09:30 Berlin time, six times, across the end of March DST switch, one date skipped. */
	private Event teamSync() throws IOException {
		Event series = new Event().setSummary("Field team sync").setLocation("Depot Köln-Ehrenfeld")
			.setStart(new EventDateTime().setDateTime(new DateTime("2027-03-22T09:30:00+01:00")).setTimeZone("Europe/Berlin"))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2027-03-22T10:00:00+01:00")).setTimeZone("Europe/Berlin"))
			.setRecurrence(new ArrayList<>(List.of("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6",
					"EXDATE;TZID=Europe/Berlin:20270324T093000")));
		return calendar.events().insert(visits, series).execute();
	}

	private List<Event> instances() throws IOException {
		return calendar.events().list(visits).setSingleEvents(true).setOrderBy("startTime")
			.setTimeMin(new DateTime("2027-03-01T00:00:00Z")).setTimeMax(new DateTime("2027-05-01T00:00:00Z"))
			.execute().getItems();
	}

	@Test
	void singleEventsExpandsASeriesWithGoogleInstanceIdsKeepingLocalTimeAcrossDst() throws IOException {
		Event series = teamSync();
		List<Event> instances = instances();

		assertThat(instances).extracting(Event::getId).containsExactly(
				series.getId() + "_20270322T083000Z", series.getId() + "_20270329T073000Z",
				series.getId() + "_20270331T073000Z", series.getId() + "_20270405T073000Z",
				series.getId() + "_20270407T073000Z");
		assertThat(instances).allSatisfy(i -> {
			assertThat(i.getRecurringEventId()).isEqualTo(series.getId());
			assertThat(i.getRecurrence()).isNull();
			assertThat(i.getOriginalStartTime().getDateTime().getValue()).isEqualTo(i.getStart().getDateTime().getValue());
			assertThat(i.getSummary()).isEqualTo("Field team sync");
		});
		assertThat(calendar.events().list(visits).execute().getItems()).extracting(Event::getId).containsExactly(series.getId());
		assertThat(calendar.events().instances(visits, series.getId()).execute().getItems()).hasSize(5);
	}

	@Test
	void editingAndCancellingOneInstanceMakesExceptionsThatSyncReports() throws IOException {
		Event series = teamSync();
		String token = calendar.events().list(visits).execute().getNextSyncToken();
		String moved = series.getId() + "_20270329T073000Z";
		String cancelled = series.getId() + "_20270405T073000Z";

		calendar.events().patch(visits, moved, new Event().setSummary("Field team sync (late start)")
			.setStart(new EventDateTime().setDateTime(new DateTime("2027-03-29T11:00:00+02:00")).setTimeZone("Europe/Berlin"))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2027-03-29T11:30:00+02:00")).setTimeZone("Europe/Berlin")))
			.execute();
		calendar.events().delete(visits, cancelled).execute();

		List<Event> instances = instances();
		assertThat(instances).extracting(Event::getId).doesNotContain(cancelled).contains(moved).hasSize(4);
		Event exception = instances.stream().filter(i -> i.getId().equals(moved)).findFirst().orElseThrow();
		assertThat(exception.getSummary()).isEqualTo("Field team sync (late start)");
		assertThat(exception.getOriginalStartTime().getDateTime().getValue())
			.isEqualTo(new DateTime("2027-03-29T07:30:00Z").getValue());

		List<Event> changes = calendar.events().list(visits).setSyncToken(token).execute().getItems();
		assertThat(changes).extracting(Event::getId).containsExactlyInAnyOrder(moved, cancelled);
		Event tombstone = changes.stream().filter(e -> e.getId().equals(cancelled)).findFirst().orElseThrow();
		assertThat(tombstone.getStatus()).isEqualTo("cancelled");
		assertThat(tombstone.getRecurringEventId()).isEqualTo(series.getId());
		assertThat(tombstone.getOriginalStartTime()).isNotNull();
	}

	@Test
	void deletingTheSeriesCancelsItsExceptionsToo() throws IOException {
		Event series = teamSync();
		calendar.events().patch(visits, series.getId() + "_20270329T073000Z", new Event().setDescription("Bring the van keys"))
			.execute();
		calendar.events().delete(visits, series.getId()).execute();

		assertThat(instances()).isEmpty();
		assertThat(calendar.events().list(visits).setShowDeleted(true).execute().getItems())
			.extracting(Event::getStatus).containsOnly("cancelled").hasSize(2);
	}

	@Test
	void theSeededWeeklyMeetingHasASkippedAndAMovedInstance() throws IOException {
		List<Event> primary = calendar.events().list("primary").setSingleEvents(true).execute().getItems();
		List<Event> review = primary.stream().filter(e -> e.getRecurringEventId() != null).toList();
		assertThat(review).hasSize(19);
		assertThat(review).extracting(Event::getSummary).contains("Pipeline review (moved)");
		assertThat(calendar.events().list("primary").execute().getItems()).filteredOn(e -> e.getRecurrence() != null)
			.singleElement().satisfies(e -> assertThat(e.getRecurrence()).anyMatch(line -> line.startsWith("EXDATE")));
	}

	@Test
	void monthlyAndAllDayRulesExpandToo() throws IOException {
		Event monthly = calendar.events().insert(visits, new Event().setSummary("Invoice run")
			.setStart(new EventDateTime().setDate(new DateTime("2027-01-29")))
			.setEnd(new EventDateTime().setDate(new DateTime("2027-01-30")))
			.setRecurrence(new ArrayList<>(List.of("RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270501")))).execute();
		List<Event> runs = calendar.events().instances(visits, monthly.getId()).execute().getItems();
		assertThat(runs).extracting(e -> e.getStart().getDate().toStringRfc3339())
			.containsExactly("2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30");
		assertThat(runs.get(1).getId()).isEqualTo(monthly.getId() + "_20270226");
	}

}
