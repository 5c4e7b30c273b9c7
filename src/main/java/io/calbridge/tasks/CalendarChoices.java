package io.calbridge.tasks;

import java.util.Optional;

/**
 * Which calendar a person's task may name: one of the calendars of their connected Google account. The answer needs
 * the connection, which {@code tasks} may not know (DESIGN.md §2: tasks uses accounts only), so the module that knows
 * both tasks and connections ({@code sync}) provides it; the task pages and the API ask it before saving.
 */
public interface CalendarChoices {

	/** Why {@code calendarId} may not be used by this user's tasks, if it may not; a blank id (the default) may. */
	Optional<String> problem(long userId, String calendarId);

}
