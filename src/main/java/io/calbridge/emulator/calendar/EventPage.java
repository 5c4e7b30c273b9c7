package io.calbridge.emulator.calendar;

import java.util.List;
import java.util.Optional;

import com.google.api.services.calendar.model.Event;

/** One page of {@code events.list}: either a {@code nextPageToken} or, on the last page, a {@code nextSyncToken}. */
public record EventPage(List<Event> items, Optional<String> nextPageToken, Optional<String> nextSyncToken,
		String etag, long updatedMillis) {
}
