package io.calbridge.emulator;

import java.util.List;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Google's events.move, through Google's Java client. */
@CalBridgeTest
class EventMoveTest {

	static final String BEN = "ben.keller@example.com";

	@LocalServerPort
	int port;

	@Test
	void aMovedEventKeepsItsIdAndGuestsAndLeavesACancellationBehind() throws Exception {
		Calendar google = new EmulatorAccess(port).calendarOf(BEN);
		String fieldVisits = google.calendarList().list().execute().getItems().stream()
			.filter(c -> !Boolean.TRUE.equals(c.getPrimary()) && "owner".equals(c.getAccessRole()))
			.map(CalendarListEntry::getId)
			.findFirst()
			.orElseThrow();
		Event visit = google.events().insert(BEN, new Event().setSummary("Site visit at Globex")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-15T09:00:00+01:00")))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-15T11:00:00+01:00")))
			.setAttendees(List.of(new EventAttendee().setEmail("hank.scorpio@globex.example").setResponseStatus("accepted"))))
			.execute();
		Events before = google.events().list(BEN).execute();

		Event moved = google.events().move(BEN, visit.getId(), fieldVisits).execute();

		assertThat(moved.getId()).isEqualTo(visit.getId());
		assertThat(moved.getEtag()).isNotEqualTo(visit.getEtag());
		assertThat(moved.getAttendees()).extracting(EventAttendee::getResponseStatus).containsExactly("accepted");
		assertThat(google.events().get(fieldVisits, visit.getId()).execute().getSummary()).isEqualTo("Site visit at Globex");
		Events changes = google.events().list(BEN).setSyncToken(before.getNextSyncToken()).execute();
		assertThat(changes.getItems()).extracting(Event::getId, Event::getStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(visit.getId(), "cancelled"));
		GoogleJsonResponseException again = catchThrowableOfType(GoogleJsonResponseException.class,
				() -> google.events().move(BEN, visit.getId(), fieldVisits).execute());
		assertThat(again.getStatusCode()).isEqualTo(404);
	}

}
