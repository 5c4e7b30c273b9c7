package io.calbridge.connections;

/** A Google account was connected or reconnected: work that waited for it can go. */
public record CalendarConnected(long userId, long connectionId) {
}
