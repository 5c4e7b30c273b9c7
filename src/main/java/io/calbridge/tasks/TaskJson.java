package io.calbridge.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A task as the JSON API shows it (outside checks rely on these names). */
record TaskJson(long id, long version, String title, String description, String notes, TaskType type,
		TaskPriority priority, TaskStatus status, Instant startAt, Instant endAt, boolean allDay, LocalDate startDate,
		LocalDate endDate, String timeZone, String contactName, String dealName, List<Attendee> attendees,
		boolean includeGoogleMeet, boolean syncToCalendar, String calendarId, Sync sync) {

	record Sync(SyncState state, String eventId, String calendarId, String etag, Instant syncedAt, String lastError,
			String meetLink, Map<String, Object> conflict) {
	}

	static TaskJson of(CrmTask t) {
		return new TaskJson(t.getId(), t.getVersion(), t.getTitle(), t.getDescription(), t.getNotes(), t.getType(),
				t.getPriority(), t.getStatus(), t.getStartAt(), t.getEndAt(), t.isAllDay(), t.getStartDate(),
				t.getEndDate(), t.getTimeZone(), t.getContactName(), t.getDealName(), t.getAttendees(),
				t.isIncludeGoogleMeet(), t.isSyncToCalendar(), t.getSelectedCalendarId(),
				new Sync(t.getSyncState(), t.getGoogleEventId(), t.getGoogleCalendarId(), t.getGoogleEtag(),
						t.getGoogleSyncedAt(), t.getSyncLastError(), t.getGoogleMeetLink(), t.getConflictData()));
	}

}
