package io.calbridge.emulator.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The parameters of {@code events.list} that shape the answer. Which of them may accompany a {@code syncToken}
 * is checked by the API layer, which sees what was actually sent.
 */
public record EventQuery(int maxResults, Optional<String> pageToken, Optional<String> syncToken, boolean showDeleted,
		boolean singleEvents, Optional<Instant> timeMin, Optional<Instant> timeMax, Optional<Instant> updatedMin,
		List<String> privateExtendedProperty, List<String> sharedExtendedProperty, Optional<String> q,
		Optional<String> orderBy, Optional<String> iCalUID) {

	public static EventQuery all() {
		return new EventQuery(2500, Optional.empty(), Optional.empty(), false, false, Optional.empty(),
				Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(),
				Optional.empty());
	}

	public EventQuery expanded(Instant from, Instant to) {
		return new EventQuery(maxResults, pageToken, syncToken, showDeleted, true, Optional.of(from), Optional.of(to),
				updatedMin, privateExtendedProperty, sharedExtendedProperty, q, Optional.of("startTime"), iCalUID);
	}

}
