package io.calbridge.connections;

/**
 * A connection is about to be disconnected (whatever happens to its events). Heard synchronously, while the tokens
 * still work, so listeners can still tell Google what they need to (e.g. stop push channels).
 */
public record CalendarClosing(long userId, long connectionId) {
}
