package io.calbridge.tasks;

import java.time.Instant;

/**
 * Where a task's event lives in Google, as last written or read; {@code updated} is that version's modification
 * time by Google's clock, which orders versions where etags cannot. {@code origin}: who made the event;
 * {@code invitedBy}: its organizer when that is someone other than the account (null otherwise).
 */
public record EventLink(long connectionId, String calendarId, String eventId, String etag, Instant updated,
		String meetLink, String meetId, EventOrigin origin, String invitedBy) {

	public EventLink {
		java.util.Objects.requireNonNull(origin, "a link says who made its event");
	}

}
