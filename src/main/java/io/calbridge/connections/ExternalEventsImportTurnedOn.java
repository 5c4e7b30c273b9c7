package io.calbridge.connections;

/**
 * "Import events created in Google as tasks" was switched on, or its calendar (the default one) changed while on: the
 * events already in {@code calendarId} should come in too, and the settings page says what came.
 */
public record ExternalEventsImportTurnedOn(long connectionId, String calendarId) {
}
