/**
 * Connections: a person's Google integrations (their own OAuth client), connected calendars with their encrypted
 * tokens and settings, connect, disconnect and token refresh. Owns {@code google_integrations} and
 * {@code calendar_connections}. Knows the person through {@code accounts} and speaks to Google through
 * {@code google}; it tells {@code sync} and {@code push} about connects and disconnects by events only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "google" })
package io.calbridge.connections;
