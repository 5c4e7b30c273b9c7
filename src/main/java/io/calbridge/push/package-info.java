/**
 * Push: Google's watch channels: open, verify webhook calls, renew, stop. Owns {@code push_channels}. Uses
 * {@code connections} for the calendar and its token, {@code google} for the client, and {@code sync} for the
 * calendars it follows ({@code CalendarSyncs}: which to watch, what came of a watch, and asking for an inbound
 * read); it never touches sync's tables itself.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "connections", "google", "sync" })
package io.calbridge.push;
