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

	/**
	 * The fields of the event itself (what Google takes only from its organizer) on which these details differ from
	 * {@code current}, by their API names. Line endings do not count: a browser posts text with CRLF.
	 */
	List<String> eventFieldsChangedFrom(TaskDetails current) {
		List<String> changed = new java.util.ArrayList<>();
		if (!sameText(title, current.title)) {
			changed.add("title");
		}
		if (!sameText(description, current.description)) {
			changed.add("description");
		}
		TaskSchedule now = current.schedule;
		if (schedule.allDay() != now.allDay()) {
			changed.add("allDay");
		}
		else if (schedule.allDay()) {
			addIfDiffering(changed, "startDate", schedule.startDate(), now.startDate());
			addIfDiffering(changed, "endDate", schedule.endDate(), now.endDate());
		}
		else {
			addIfDiffering(changed, "startAt", schedule.startAt(), now.startAt());
			addIfDiffering(changed, "endAt", schedule.endAt(), now.endAt());
		}
		addIfDiffering(changed, "timeZone", schedule.zone(), now.zone());
		if (!guestList(attendees).stream().sorted().toList()
			.equals(guestList(current.attendees).stream().sorted().toList())) {
			changed.add("attendees");
		}
		if (includeGoogleMeet != current.includeGoogleMeet) {
			changed.add("includeGoogleMeet");
		}
		addIfDiffering(changed, "calendarId", calendarId, current.calendarId);
		return changed;
	}

	private static void addIfDiffering(List<String> changed, String field, Object a, Object b) {
		if (!Objects.equals(a, b)) {
			changed.add(field);
		}
	}

	private static boolean sameText(String a, String b) {
		return Objects.equals(a == null ? null : a.replace("\r\n", "\n"), b == null ? null : b.replace("\r\n", "\n"));
	}

	private static List<String> guestList(List<Attendee> attendees) {
		return attendees.stream().map(a -> a.email().toLowerCase() + "|" + Objects.toString(a.name(), "")).toList();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
