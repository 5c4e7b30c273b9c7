package io.calbridge.tasks;

import java.util.List;
import java.util.Optional;

/**
 * Which calendar a person's task may name: one of the calendars of their connected Google account. The answer needs
 * the connection, which {@code tasks} may not know (DESIGN.md §2: tasks uses accounts only), so the module that knows
 * both tasks and connections ({@code sync}) provides it; the task pages and the API ask it before saving.
 */
public interface CalendarChoices {

	/** Why {@code calendarId} may not be used by this user's tasks, if it may not; a blank id (the default) may. */
	Optional<String> problem(long userId, String calendarId);

	/** The calendars the task form offers this user, as Google names them (one {@code calendarList.list}). */
	Offer offer(long userId);

	/** A calendar a task may go to; {@code isDefault}: the connection's default, where a task without one goes. */
	record Choice(String id, String name, boolean isDefault) {
	}

	/**
	 * {@code calendars}: the writable ones, the default first; empty without a connection. {@code zone}: the default
	 * calendar's time zone, as Google has it, when known. {@code note}: why the list may be short, when it may.
	 */
	record Offer(List<Choice> calendars, String zone, String note) {

		public static Offer none(String note) {
			return new Offer(List.of(), null, note);
		}

		public boolean connected() {
			return !calendars.isEmpty();
		}

	}

}
