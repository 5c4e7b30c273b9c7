package io.calbridge.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The dates a task, a filter or a query may name: 1900-01-01 to 2999-12-31. Java takes years of ±999,999,999, but
 * PostgreSQL's timestamps end in 294276 and Google's all-day dates are four-digit years, so such a date failed later
 * as a 500 or in the sync worker; inside these bounds every layer agrees.
 */
final class SupportedDates {

	public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

	public static final String MESSAGE = "must be a date between 1900-01-01 and 2999-12-31";

	private SupportedDates() {
	}

	public static boolean contains(LocalDate date) {
		return date == null || (!date.isBefore(EARLIEST) && !date.isAfter(LATEST));
	}

	/** Checked in UTC; a zone moves an instant by hours, never across these bounds' meaning. */
	public static boolean contains(OffsetDateTime time) {
		return time == null || contains(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
	}

	public static boolean contains(Instant instant) {
		return instant == null || contains(instant.atOffset(ZoneOffset.UTC));
	}

}
