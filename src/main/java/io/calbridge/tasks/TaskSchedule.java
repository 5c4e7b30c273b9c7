package io.calbridge.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a task happens. Timed tasks are two instants; all-day tasks are dates with an INCLUSIVE end
 * (a one-day task on 5 March has startDate = endDate = 5 March), as a person reads them. Google's
 * exclusive end date is made only where the event is built. For all-day tasks {@code startAt}/{@code endAt}
 * are the days' bounds in the task's zone, so lists sort and filter on one column.
 */
public record TaskSchedule(boolean allDay, Instant startAt, Instant endAt, LocalDate startDate, LocalDate endDate,
		ZoneId zone) {

	public static TaskSchedule timed(Instant startAt, Instant endAt, ZoneId zone) {
		return new TaskSchedule(false, startAt, endAt, null, null, zone);
	}

	public static TaskSchedule allDay(LocalDate startDate, LocalDate endDateInclusive, ZoneId zone) {
		return new TaskSchedule(true, startDate.atStartOfDay(zone).toInstant(),
				endDateInclusive.plusDays(1).atStartOfDay(zone).toInstant(), startDate, endDateInclusive, zone);
	}

}
