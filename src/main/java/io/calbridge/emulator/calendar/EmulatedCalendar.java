package io.calbridge.emulator.calendar;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.api.services.calendar.model.Event;

import io.calbridge.emulator.calendar.GoogleAccounts.CalendarInfo;

/**
 * The events of one calendar, each at its latest version (tombstones included, as Google keeps them for
 * incremental sync). Only touched while holding the {@link CalendarStore} lock.
 */
final class EmulatedCalendar {

	/** An event's latest state and the store-wide change number that produced it. */
	record Version(Event event, long seq) {

		boolean cancelled() {
			return "cancelled".equals(event.getStatus());
		}

	}

	final CalendarInfo info;

	final Map<String, Version> events = new LinkedHashMap<>();

	/** Sync tokens below this change number answer 410 (admin "expire sync tokens"). */
	long minValidSeq;

	EmulatedCalendar(CalendarInfo info) {
		this.info = info;
	}

	ZoneId zone() {
		return ZoneId.of(info.timeZone());
	}

	Optional<Version> find(String eventId) {
		return Optional.ofNullable(events.get(eventId));
	}

	/** The master of a recurring series that {@code instanceId} ({@code <base>_<stamp>}) would belong to. */
	Optional<Event> masterOf(String instanceId) {
		int underscore = instanceId.lastIndexOf('_');
		if (underscore < 0) {
			return Optional.empty();
		}
		return find(instanceId.substring(0, underscore)).map(Version::event)
			.filter(master -> master.getRecurrence() != null && !master.getRecurrence().isEmpty());
	}

}
