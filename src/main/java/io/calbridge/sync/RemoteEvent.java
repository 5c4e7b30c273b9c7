package io.calbridge.sync;

import java.util.List;

import io.calbridge.tasks.Attendee;

/** An event as Google has it, read back into CalBridge's terms. */
record RemoteEvent(String id, String calendarId, String etag, java.time.Instant updated, boolean cancelled,
		SyncFields fields,
		List<Attendee> attendees, String meetLink, String meetId, boolean conferencePending) {

	RemoteEvent withFields(SyncFields other) {
		return new RemoteEvent(id, calendarId, etag, updated, cancelled, other, attendees, meetLink, meetId,
				conferencePending);
	}

}
