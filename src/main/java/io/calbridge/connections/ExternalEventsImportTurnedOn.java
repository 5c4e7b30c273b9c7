package io.calbridge.connections;

/** "Import events created in Google as tasks" was switched on: the events already there should come in too. */
public record ExternalEventsImportTurnedOn(long connectionId, String calendarId) {
}
