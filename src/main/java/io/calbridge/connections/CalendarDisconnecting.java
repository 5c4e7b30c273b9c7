package io.calbridge.connections;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection is about to be disconnected and its user asked to remove the events CalBridge made. Heard
 * synchronously, while the tokens still work; listeners remove only events CalBridge made, tell their guests only
 * when {@code tellGuests}, and count what they removed (and how many of those had guests), what they could not
 * remove, and the events someone else made, which stay in the calendar.
 */
public record CalendarDisconnecting(long userId, long connectionId, boolean tellGuests, AtomicInteger removed,
		AtomicInteger removedWithGuests, AtomicInteger notRemoved, AtomicInteger leftInCalendar) {

	CalendarDisconnecting(long userId, long connectionId, boolean tellGuests) {
		this(userId, connectionId, tellGuests, new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
				new AtomicInteger());
	}

}
