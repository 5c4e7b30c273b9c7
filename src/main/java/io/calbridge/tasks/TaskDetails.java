package io.calbridge.tasks;

import java.util.List;
import java.util.Objects;

/** Everything a person edits on a task, already validated. Pages and the API both turn their input into this. */
public record TaskDetails(String title, String description, String notes, TaskType type, TaskPriority priority,
		TaskStatus status, TaskSchedule schedule, String contactName, String dealName, List<Attendee> attendees,
		boolean includeGoogleMeet, boolean syncToCalendar, String calendarId) {

	public TaskDetails {
		title = title.strip();
		description = blankToNull(description);
		notes = blankToNull(notes);
		contactName = blankToNull(contactName);
		dealName = blankToNull(dealName);
		calendarId = blankToNull(calendarId);
		attendees = List.copyOf(attendees);
	}

	/**
	 * Whether the calendar event would look different: every field the event shows (the description footer
	 * carries type, priority, status, contact and deal), the guest list (not the guests' answers, which come
	 * from Google) and where the event lives.
	 */
	boolean showsDifferentlyThan(TaskDetails other) {
		return !(title.equals(other.title) && Objects.equals(description, other.description)
				&& Objects.equals(notes, other.notes) && type == other.type && priority == other.priority
				&& status == other.status && schedule.equals(other.schedule)
				&& Objects.equals(contactName, other.contactName) && Objects.equals(dealName, other.dealName)
				&& guestList(attendees).equals(guestList(other.attendees))
				&& includeGoogleMeet == other.includeGoogleMeet && Objects.equals(calendarId, other.calendarId));
	}

	private static List<String> guestList(List<Attendee> attendees) {
		return attendees.stream().map(a -> a.email().toLowerCase() + "|" + Objects.toString(a.name(), "")).toList();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
