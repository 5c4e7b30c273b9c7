/**
 * Sync: tasks to events and back: the outbound and inbound workers, the mapping, the three-way merge, conflicts,
 * the sync log and the schedules. Owns {@code calendar_syncs} and {@code sync_log}; reads and writes the tasks'
 * link to their events only through {@code tasks}' public types.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "accounts", "connections", "google", "tasks" })
package io.calbridge.sync;
