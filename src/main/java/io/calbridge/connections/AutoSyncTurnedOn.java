package io.calbridge.connections;

/** Auto-sync was switched back on for a connection: what waited for it while it was off should go now. */
public record AutoSyncTurnedOn(long userId, long connectionId) {
}
