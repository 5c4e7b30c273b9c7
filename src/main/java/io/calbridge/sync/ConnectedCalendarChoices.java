package io.calbridge.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.google.api.services.calendar.Calendar;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionCalendars;
import io.calbridge.connections.ConnectionService;
import io.calbridge.google.GoogleAccountApi;
import io.calbridge.google.GoogleAccountApi.CalendarSummary;
import io.calbridge.tasks.CalendarChoices;
import io.calbridge.tasks.CalendarChoices.Choice;
import io.calbridge.tasks.CalendarChoices.Offer;

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

	/**
	 * The task form's dropdown: the account's writable calendars by the name Google shows (as Settings → Calendar
	 * lists them), the default first. When Google cannot be asked, the default alone, by its id, and why.
	 */
	@Override
	public Offer offer(long userId) {
		Optional<CalendarConnection> connection = connections.activeConnectionFor(userId);
		if (connection.isEmpty()) {
			return Offer.none("Connect a Google Calendar in Settings → Calendar to choose one");
		}
		String defaultId = connection.get().getDefaultCalendarId();
		Optional<List<CalendarSummary>> asked;
		try {
			asked = connectionCalendars.open(connection.get())
				.map(ready -> Optional.of(google.calendars(ready.client())), paused -> Optional.empty(),
						failed -> Optional.empty());
		}
		catch (RuntimeException ex) {
			asked = Optional.empty();
		}
		if (asked.isEmpty()) {
			return new Offer(List.of(new Choice(defaultId, defaultId, true)), null,
					"Google could not be asked for your other calendars just now");
		}
		List<CalendarSummary> all = asked.get();
		List<Choice> choices = new ArrayList<>();
		String zone = null;
		for (CalendarSummary calendar : all) {
			boolean isDefault = calendar.id().equals(defaultId);
			zone = isDefault ? calendar.timeZone() : zone;
			if (calendar.writable() || isDefault) {
				String name = calendar.summary() == null || calendar.summary().isBlank() ? calendar.id()
						: calendar.summary();
				choices.add(new Choice(calendar.id(), name, isDefault));
			}
		}
		if (choices.stream().noneMatch(Choice::isDefault)) {
			choices.add(new Choice(defaultId, defaultId, true));
		}
		choices.sort(Comparator.comparing((Choice c) -> !c.isDefault()).thenComparing(Choice::name));
		return new Offer(List.copyOf(choices), zone, null);
	}

}
