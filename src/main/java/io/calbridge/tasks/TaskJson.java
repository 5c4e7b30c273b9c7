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

	/**
	 * {@code readOnlyInGoogle}: the event is {@code organizer}'s and Google takes no change of its title, time,
	 * description or guests from this account (PUT/PATCH changing them answers 422).
	 */
	record Sync(SyncState state, String eventId, String calendarId, String etag, Instant syncedAt, String lastError,
			String meetLink, Map<String, Object> conflict, boolean readOnlyInGoogle, String organizer) {
	}

	static TaskJson of(CrmTask t) {
		return new TaskJson(t.getId(), t.getVersion(), t.getTitle(), t.getDescription(), t.getNotes(), t.getType(),
				t.getPriority(), t.getStatus(), t.getStartAt(), t.getEndAt(), t.isAllDay(), t.getStartDate(),
				t.getEndDate(), t.getTimeZone(), t.getContactName(), t.getDealName(), t.getAttendees(),
				t.isIncludeGoogleMeet(), t.isSyncToCalendar(), t.getSelectedCalendarId(),
				new Sync(t.getSyncState(), t.getGoogleEventId(), t.getGoogleCalendarId(), t.getGoogleEtag(),
						t.getGoogleSyncedAt(), t.getSyncLastError(), t.getGoogleMeetLink(), t.getConflictData(),
						t.isReadOnlyInGoogle(), t.getGoogleInvitedBy()));
	}

}
