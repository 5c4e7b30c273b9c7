package io.calbridge.sync;

import java.util.Optional;

import com.google.api.services.calendar.Calendar;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionCalendars;
import io.calbridge.connections.ConnectionService;
import io.calbridge.google.GoogleAccountApi;
import io.calbridge.google.GoogleAccountApi.CalendarSummary;
import io.calbridge.tasks.CalendarChoices;

/**
 * A task's calendar is one the connected Google account can write to, as its calendar list says. An id such as
 * {@code ../../x} was stored before and then read from Google with 400s on every poll. The connection's default
 * calendar needs no call; any other id costs one {@code calendarList.list}, made before any transaction.
 */
@Component
class ConnectedCalendarChoices implements CalendarChoices {

	private final ConnectionService connections;

	private final ConnectionCalendars connectionCalendars;

	private final GoogleAccountApi google;

	ConnectedCalendarChoices(ConnectionService connections, ConnectionCalendars connectionCalendars,
			GoogleAccountApi google) {
		this.connections = connections;
		this.connectionCalendars = connectionCalendars;
		this.google = google;
	}

	@Override
	public Optional<String> problem(long userId, String calendarId) {
		if (calendarId == null || calendarId.isBlank()) {
			return Optional.empty();
		}
		String id = calendarId.strip();
		Optional<CalendarConnection> connection = connections.activeConnectionFor(userId);
		if (connection.isEmpty()) {
			return Optional.of("Connect a Google Calendar first, or leave this empty for the default calendar");
		}
		if (id.equals(connection.get().getDefaultCalendarId())) {
			return Optional.empty();
		}
		Optional<String> unasked = Optional.of("Google could not be asked for your calendars just now: try again, or "
				+ "leave this empty for the default calendar");
		try {
			return connectionCalendars.open(connection.get())
				.map(ready -> writable(ready.client(), id) ? Optional.<String>empty()
						: Optional.of("Not one of the calendars of " + connection.get().getGoogleAccountEmail()
								+ " that you can add events to; leave this empty for the default calendar"),
						paused -> unasked, failed -> unasked);
		}
		catch (RuntimeException ex) {
			return unasked;
		}
	}

	private boolean writable(Calendar calendar, String calendarId) {
		return google.calendars(calendar)
			.stream()
			.filter(CalendarSummary::writable)
			.anyMatch(summary -> summary.id().equals(calendarId));
	}

}
