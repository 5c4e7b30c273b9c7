package io.calbridge.sync;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;

import org.junit.jupiter.api.Test;

import io.calbridge.tasks.TaskDetails;
import io.calbridge.tasks.TaskType;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events someone made in Google become tasks, and the task each becomes. */
class ExternalEventImportTest {

	static final String CALENDAR = "ana.souza@acme.example";

	/** As Google sends it: every event has its type ("default" for an appointment). */
	static Event lunchWithBen() {
		return new Event().setId("lunch0ben0001")
			.setEventType("default")
			.setSummary("Lunch with Ben Keller")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-10T12:00:00+01:00"))
				.setTimeZone("Europe/Berlin"))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-10T13:00:00+01:00"))
				.setTimeZone("Europe/Berlin"))
			.setAttendees(List.of(new EventAttendee().setEmail("ben.keller@lumen.example").setResponseStatus("accepted")));
	}

	@Test
	void someonesAppointmentIsImportable() {
		assertThat(ExternalEventImport.importable(lunchWithBen())).isTrue();
	}

	@Test
	void googlesStatusEventsAreNotAppointments() {
		for (String type : List.of("birthday", "focusTime", "outOfOffice", "workingLocation")) {
			assertThat(ExternalEventImport.importable(lunchWithBen().setEventType(type))).as(type).isFalse();
		}
	}

	@Test
	void anInvitationTheAccountDeclinedIsNotImported() {
		Event declined = lunchWithBen().setAttendees(List.of(
				new EventAttendee().setEmail(CALENDAR).setSelf(true).setResponseStatus("declined")));

		assertThat(ExternalEventImport.importable(declined)).isFalse();
	}

	@Test
	void calBridgesOwnEventAndACancelledOneAreNotImported() {
		Event calBridges = lunchWithBen().setExtendedProperties(
				new Event.ExtendedProperties().setPrivate(Map.of(EventMapping.TASK_ID_KEY, "41")));

		assertThat(ExternalEventImport.importable(calBridges)).isFalse();
		assertThat(ExternalEventImport.importable(lunchWithBen().setStatus("cancelled"))).isFalse();
	}

	@Test
	void anImportedEventBecomesAMeetingInItsOwnZoneWithItsGuests() {
		Event lunch = lunchWithBen();

		TaskDetails details = ExternalEventImport.details(lunch, EventMapping.read(lunch, CALENDAR), CALENDAR);

		assertThat(details.title()).isEqualTo("Lunch with Ben Keller");
		assertThat(details.type()).isEqualTo(TaskType.MEETING);
		assertThat(details.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(details.attendees()).extracting(a -> a.email()).containsExactly("ben.keller@lumen.example");
		assertThat(details.syncToCalendar()).isTrue();
		assertThat(details.calendarId()).isEqualTo(CALENDAR);
	}

	@Test
	void anUntitledEventOrOneInAZoneJavaDoesNotKnowStillImports() {
		Event odd = lunchWithBen().setSummary("  ");
		odd.getStart().setTimeZone("Mars/Olympus_Mons");

		TaskDetails details = ExternalEventImport.details(odd, EventMapping.read(odd, CALENDAR), CALENDAR);

		assertThat(details.title()).isEqualTo("(No title)");
		assertThat(details.schedule().zone()).isEqualTo(ZoneOffset.UTC);
	}

}
