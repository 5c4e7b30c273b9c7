package io.calbridge.emulator.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;

import io.calbridge.emulator.calendar.GoogleAccounts.CalendarAccess;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;

/** Turns Google event resources into what the agenda shows, in the account's time zone. */
final class EventsOnPage {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private EventsOnPage() {
	}

	static LocalDate day(Event e, ZoneId zone) {
		if (e.getStart().getDate() != null) {
			return LocalDate.parse(e.getStart().getDate().toStringRfc3339());
		}
		return Instant.ofEpochMilli(e.getStart().getDateTime().getValue()).atZone(zone).toLocalDate();
	}

	static AgendaView.Item item(Event e, CalendarAccess access, String calendarName, GoogleAccount who, ZoneId zone) {
		boolean allDay = e.getStart().getDate() != null;
		String start = allDay ? "" : time(e.getStart().getDateTime().getValue(), zone);
		String end = allDay ? "" : time(e.getEnd().getDateTime().getValue(), zone);
		String myResponse = null;
		boolean organizer = e.getOrganizer() == null || Boolean.TRUE.equals(e.getOrganizer().getSelf());
		if (e.getAttendees() != null && !organizer) {
			myResponse = e.getAttendees().stream().filter(a -> who.email().equalsIgnoreCase(a.getEmail()))
				.map(EventAttendee::getResponseStatus).findFirst().orElse(null);
		}
		String organizerName = e.getOrganizer() == null ? ""
				: (e.getOrganizer().getDisplayName() != null ? e.getOrganizer().getDisplayName() : e.getOrganizer().getEmail());
		return new AgendaView.Item(e.getId(), access.calendarId(), calendarName,
				e.getSummary() == null ? "(No title)" : e.getSummary(), allDay ? "All day" : start + " – " + end,
				e.getDescription(), CalendarPageController.color(e.getColorId()), e.getColorId(), access.canWrite(), allDay,
				day(e, zone).toString(), start, end, organizerName, CalendarPageController.attendees(e.getAttendees()),
				myResponse, e.getRecurringEventId() != null);
	}

	private static String time(long millis, ZoneId zone) {
		return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), zone).format(TIME);
	}

}
