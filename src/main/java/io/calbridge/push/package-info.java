/**
 * Push: Google's watch channels: open, verify webhook calls, renew, stop. Owns {@code push_channels}. Uses
 * {@code connections} for the calendar and its token, {@code google} for the client, and {@code sync} only to
 * ask for an inbound read of a calendar and to record whether Google lets it be watched.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "connections", "google", "sync" })
package io.calbridge.push;
