package io.calbridge.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The fields a task and its event share, as the sync module stores one side of them: in the agreed
 * {@link Snapshot} and in each side of a {@link Conflict}. Flat, with the JSON keys rows have always had
 * ({@code allDay}, {@code start}, {@code end}, {@code startDate}, {@code endDate} for the time).
 */
public record EventFields(String title, String description, String notes, boolean allDay, Instant start,
		Instant end, LocalDate startDate, LocalDate endDate, List<String> guests) {

	public EventFields {
		// Rows from before guests were synced have none; a read gives an empty list, as it always did.
		guests = guests == null ? List.of() : List.copyOf(guests);
	}

}
