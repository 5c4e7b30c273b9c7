package io.calbridge.emulator.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.api.services.calendar.model.Event;

/**
 * The instances of a recurring event as Google lists them with {@code singleEvents=true}: id
 * {@code <baseId>_<yyyyMMdd'T'HHmmss'Z'>}, {@code recurringEventId}, {@code originalStartTime}, no
 * {@code recurrence}, the master's etag.
 */
final class Instances {

	/** How far an endless series is expanded when no {@code timeMax} bounds it. */
	static final Duration HORIZON = Duration.ofDays(730);

	private Instances() {
	}

	static List<Event> expand(Event master, ZoneId calendarZone, Instant until) {
		ZoneId zone = EventTimes.zone(master.getStart(), calendarZone);
		LocalDateTime first = EventTimes.local(master.getStart(), zone);
		Duration length = EventTimes.duration(master, calendarZone);
		boolean allDay = EventTimes.allDay(master.getStart());
		List<Event> out = new ArrayList<>();
		for (LocalDateTime start : Recurrence.occurrences(master.getRecurrence(), first, zone, until)) {
			out.add(instance(master, start, zone, length, allDay));
		}
		return out;
	}

	static Optional<Event> find(Event master, String instanceId, ZoneId calendarZone) {
		Instant horizon = Instant.now().plus(HORIZON).plus(HORIZON);
		return expand(master, calendarZone, horizon).stream().filter(e -> e.getId().equals(instanceId)).findFirst();
	}

	static Instant defaultUntil(Event master, ZoneId calendarZone) {
		Instant start = EventTimes.instant(master.getStart(), calendarZone);
		Instant now = Instant.now();
		return (start.isAfter(now) ? start : now).plus(HORIZON);
	}

	private static Event instance(Event master, LocalDateTime start, ZoneId zone, Duration length, boolean allDay) {
		Event e = master.clone();
		e.setRecurrence(null);
		e.setId(EventTimes.instanceId(master.getId(), start, zone, allDay));
		e.setRecurringEventId(master.getId());
		e.setOriginalStartTime(EventTimes.at(start, zone, master.getStart()));
		e.setStart(EventTimes.at(start, zone, master.getStart()));
		LocalDateTime end = allDay ? start.plusDays(length.toDays()) : start.atZone(zone).plus(length).toLocalDateTime();
		e.setEnd(EventTimes.at(end, zone, master.getEnd()));
		return e;
	}

}
