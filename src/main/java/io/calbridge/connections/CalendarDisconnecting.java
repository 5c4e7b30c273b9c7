package io.calbridge.connections;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection is about to be disconnected and its user asked to remove the events CalBridge made. Heard
 * synchronously, while the tokens still work; listeners count what they removed and what they could not.
 */
public record CalendarDisconnecting(long userId, long connectionId, AtomicInteger removed, AtomicInteger notRemoved) {

	CalendarDisconnecting(long userId, long connectionId) {
		this(userId, connectionId, new AtomicInteger(), new AtomicInteger());
	}

}
