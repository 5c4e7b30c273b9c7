package io.calbridge.connections;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What "disconnect and remove the events" would do, asked before anything runs so the page can say it: how many
 * events CalBridge made (and how many of them have guests) would be removed, and how many events someone else made
 * stay. Heard synchronously; the listener that owns the links fills the counts.
 */
public record CalendarRemovalPreview(long userId, long connectionId, AtomicInteger made, AtomicInteger madeWithGuests,
		AtomicInteger leftInCalendar) {

	CalendarRemovalPreview(long userId, long connectionId) {
		this(userId, connectionId, new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
	}

}
