package io.calbridge.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.ConferenceData;
import com.google.api.services.calendar.model.ConferenceRequestStatus;
import com.google.api.services.calendar.model.CreateConferenceRequest;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import org.junit.jupiter.api.Test;

import io.calbridge.tasks.Attendee;
import io.calbridge.tasks.EventOrganizer;
import io.calbridge.tasks.TaskSchedule;

import static org.assertj.core.api.Assertions.assertThat;

/** How a task's time, guests and organizer cross to a Google event and back (DESIGN.md §4). */
class EventMappingTest {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final String CALENDAR = "ana.souza@example.com";

	static final SyncFields.When TIMED = new SyncFields.When(false, Instant.parse("2026-12-10T14:00:00Z"),
			Instant.parse("2026-12-10T15:00:00Z"), null, null);

	static final SyncFields REVIEW = new SyncFields("Quarterly review", "Agenda", null, TIMED,
			List.of("ben.keller@example.com"));

	@Test
	void anAllDayTaskEndsOnTheDayAfterItsLastDayInGoogle() {
		Event event = new Event();

		EventMapping.setWhen(event, TaskSchedule.allDay(LocalDate.parse("2027-03-05"), LocalDate.parse("2027-03-06"),
				BERLIN));

		assertThat(event.getStart().getDate().toStringRfc3339()).isEqualTo("2027-03-05");
		assertThat(event.getEnd().getDate().toStringRfc3339()).as("Google's end date is exclusive")
			.isEqualTo("2027-03-07");
		assertThat(event.getStart().getDateTime()).isNull();
		assertThat(event.getStart().getTimeZone()).isEqualTo("Europe/Berlin");
	}

	@Test
	void aTimedTaskKeepsItsInstantsAndItsTimeZone() {
		Event event = new Event();

		EventMapping.setWhen(event, TaskSchedule.timed(TIMED.start(), TIMED.end(), BERLIN));

		assertThat(event.getStart().getDateTime().getValue()).isEqualTo(TIMED.start().toEpochMilli());
		assertThat(event.getEnd().getDateTime().getValue()).isEqualTo(TIMED.end().toEpochMilli());
		assertThat(event.getStart().getDateTime().toStringRfc3339()).as("written in the task's zone")
			.isEqualTo("2026-12-10T15:00:00.000+01:00");
		assertThat(event.getEnd().getTimeZone()).isEqualTo("Europe/Berlin");
		assertThat(event.getStart().getDate()).isNull();
	}

	@Test
	void aScheduleWrittenToAnEventReadsBackAsTheSameTime() {
		TaskSchedule allDay = TaskSchedule.allDay(LocalDate.parse("2027-03-05"), LocalDate.parse("2027-03-06"), BERLIN);
		TaskSchedule timed = TaskSchedule.timed(TIMED.start(), TIMED.end(), BERLIN);

		assertThat(roundTrip(allDay).fields().when())
			.isEqualTo(new SyncFields.When(true, null, null, allDay.startDate(), allDay.endDate()));
		assertThat(roundTrip(timed).fields().when()).isEqualTo(TIMED);
	}

	@Test
	void anEventReadBackCarriesItsFieldsGuestsAndAnswers() {
		Event event = timedEvent().setSummary("Quarterly review")
			.setEtag("\"3\"")
			.setUpdated(new DateTime("2026-12-01T08:00:00.123Z"))
			.setAttendees(List.of(new EventAttendee().setEmail("Ben.Keller@example.com").setDisplayName("Ben")
				.setResponseStatus("accepted"), new EventAttendee().setEmail("chloe@example.com")));

		RemoteEvent read = EventMapping.read(event, CALENDAR);

		assertThat(read.fields().title()).isEqualTo("Quarterly review");
		assertThat(read.fields().guests()).as("compared in lower case")
			.containsExactly("ben.keller@example.com", "chloe@example.com");
		assertThat(read.attendees()).containsExactly(new Attendee("Ben.Keller@example.com", "Ben", "accepted"),
				new Attendee("chloe@example.com", null, Attendee.NEEDS_ACTION));
		assertThat(read.etag()).isEqualTo("\"3\"");
		assertThat(read.calendarId()).isEqualTo(CALENDAR);
		assertThat(read.updated()).isEqualTo(Instant.parse("2026-12-01T08:00:00.123Z"));
		assertThat(read.cancelled()).isFalse();
	}

	@Test
	void anEventWithoutATitleReadsAsAnEmptyTitle() {
		assertThat(EventMapping.read(timedEvent(), CALENDAR).fields().title()).isEmpty();
	}

	@Test
	void aCancelledEventThatCarriesOnlyItsIdReadsAsCancelledWithoutFields() {
		Event tombstone = new Event().setId("crmtask00042").setStatus("cancelled").setEtag("\"9\"");

		RemoteEvent read = EventMapping.read(tombstone, CALENDAR);

		assertThat(read.cancelled()).isTrue();
		assertThat(read.fields()).isNull();
		assertThat(read.attendees()).isEmpty();
		assertThat(read.updated()).as("Google left it out").isNull();
	}

	@Test
	void aMeetLinkStillBeingCreatedIsSeenAsPending() {
		Event pending = timedEvent().setConferenceData(new ConferenceData().setCreateRequest(
				new CreateConferenceRequest().setRequestId("r1")
					.setStatus(new ConferenceRequestStatus().setStatusCode("pending"))));
		Event ready = timedEvent().setHangoutLink("https://meet.google.com/abc-defg-hij")
			.setConferenceData(new ConferenceData().setConferenceId("abc-defg-hij"));

		assertThat(EventMapping.read(pending, CALENDAR).conferencePending()).isTrue();
		RemoteEvent withLink = EventMapping.read(ready, CALENDAR);
		assertThat(withLink.conferencePending()).isFalse();
		assertThat(withLink.meetLink()).isEqualTo("https://meet.google.com/abc-defg-hij");
		assertThat(withLink.meetId()).isEqualTo("abc-defg-hij");
	}

	@Test
	void anEventWithoutAnOrganizerOrOrganizedByThisAccountIsOurs() {
		assertThat(EventMapping.organizer(new Event())).isEqualTo(new EventOrganizer(null, true, false));
		assertThat(EventMapping.organizer(new Event().setOrganizer(new Event.Organizer().setEmail(CALENDAR)
			.setSelf(true)))).isEqualTo(new EventOrganizer(CALENDAR, true, false));
	}

	@Test
	void anotherOrganizersEventIsNotOursAndSaysWhetherGuestsMayEditIt() {
		Event invitation = new Event().setOrganizer(new Event.Organizer().setEmail("lukas@nordwind.example"))
			.setGuestsCanModify(true);

		assertThat(EventMapping.organizer(invitation))
			.isEqualTo(new EventOrganizer("lukas@nordwind.example", false, true));
		assertThat(EventMapping.organizer(invitation.setGuestsCanModify(null)).guestsCanModify()).isFalse();
	}

	@Test
	void guestsHearOfANewEventOnlyIfItHasGuests() {
		assertThat(EventMapping.guestsShouldHear(null, REVIEW)).isTrue();
		assertThat(EventMapping.guestsShouldHear(null, with(REVIEW, TIMED, List.of()))).isFalse();
	}

	@Test
	void guestsHearOfANewTimeOrGuestListButNotOfANewTitleOrNotes() {
		SyncFields retitled = new SyncFields("Quarterly review (moved)", "Agenda v2", "internal", TIMED,
				REVIEW.guests());
		SyncFields.When later = new SyncFields.When(false, TIMED.start().plusSeconds(3600),
				TIMED.end().plusSeconds(3600), null, null);

		assertThat(EventMapping.guestsShouldHear(REVIEW, retitled)).isFalse();
		assertThat(EventMapping.guestsShouldHear(REVIEW, with(REVIEW, later, REVIEW.guests()))).isTrue();
		assertThat(EventMapping.guestsShouldHear(REVIEW,
				with(REVIEW, TIMED, List.of("ben.keller@example.com", "chloe@example.com")))).isTrue();
	}

	private static RemoteEvent roundTrip(TaskSchedule schedule) {
		Event event = new Event().setId("crmtask00001");
		EventMapping.setWhen(event, schedule);
		return EventMapping.read(event, CALENDAR);
	}

	private static Event timedEvent() {
		return new Event().setId("crmtask00007")
			.setStart(new EventDateTime().setDateTime(new DateTime(TIMED.start().toEpochMilli())))
			.setEnd(new EventDateTime().setDateTime(new DateTime(TIMED.end().toEpochMilli())));
	}

	private static SyncFields with(SyncFields fields, SyncFields.When when, List<String> guests) {
		return new SyncFields(fields.title(), fields.description(), fields.notes(), when, guests);
	}

}
