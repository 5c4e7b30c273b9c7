package io.calbridge.emulator.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.TimeZone;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;

/** Reading and writing Google's {@code EventDateTime}: a {@code dateTime} with offset, or an all-day {@code date}. */
final class EventTimes {

	private static final DateTimeFormatter INSTANCE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private static final DateTimeFormatter DATE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd");

	private EventTimes() {
	}

	static DateTime rfc3339(Instant instant) {
		return new DateTime(Date.from(instant), TimeZone.getTimeZone("UTC"));
	}

	static boolean allDay(EventDateTime t) {
		return t != null && t.getDate() != null;
	}

	static Instant instant(EventDateTime t, ZoneId calendarZone) {
		if (t == null) {
			return null;
		}
		if (t.getDate() != null) {
			return LocalDate.parse(t.getDate().toStringRfc3339()).atStartOfDay(zone(t, calendarZone)).toInstant();
		}
		return t.getDateTime() == null ? null : Instant.ofEpochMilli(t.getDateTime().getValue());
	}

	static ZoneId zone(EventDateTime t, ZoneId calendarZone) {
		return t != null && t.getTimeZone() != null ? ZoneId.of(t.getTimeZone()) : calendarZone;
	}

	static LocalDateTime local(EventDateTime t, ZoneId zone) {
		if (t.getDate() != null) {
			return LocalDate.parse(t.getDate().toStringRfc3339()).atStartOfDay();
		}
		return LocalDateTime.ofInstant(Instant.ofEpochMilli(t.getDateTime().getValue()), zone);
	}

	/** The same kind of value as {@code like} (all-day or timed), at {@code local} in {@code zone}. */
	static EventDateTime at(LocalDateTime local, ZoneId zone, EventDateTime like) {
		EventDateTime t = new EventDateTime();
		if (allDay(like)) {
			t.setDate(new DateTime(local.toLocalDate().toString()));
		}
		else {
			int offsetSeconds = zone.getRules().getOffset(local.atZone(zone).toInstant()).getTotalSeconds();
			t.setDateTime(new DateTime(local.atZone(zone).toInstant().toEpochMilli(), offsetSeconds / 60));
		}
		t.setTimeZone(like.getTimeZone());
		return t;
	}

	static Duration duration(Event event, ZoneId zone) {
		return Duration.between(instant(event.getStart(), zone), instant(event.getEnd(), zone));
	}

	/** Google's instance id suffix: {@code _20261105T123000Z} for timed, {@code _20261105} for all-day events. */
	static String instanceId(String baseId, LocalDateTime local, ZoneId zone, boolean allDay) {
		return baseId + "_" + (allDay ? local.format(DATE_STAMP)
				: local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).format(INSTANCE_STAMP));
	}

}
