package io.calbridge.tasks;

/** Where a task's event lives in Google, as last written or read. */
public record EventLink(long connectionId, String calendarId, String eventId, String etag, String meetLink,
		String meetId) {
}
