package io.calbridge.tasks;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task stands with its calendar event (DESIGN.md §3). */
public enum SyncState {

	/** Not synced: sync is off, or nothing was ever sent. */
	NONE,
	/** A change waits for the outbound worker. */
	PENDING,
	/** The event equals the task as of {@code google_synced_at}. */
	SYNCED,
	/** Gave up after retries, or Google refused; the reason is in {@code sync_last_error}. */
	FAILED,
	/** Both sides changed the same field; the user decides. */
	CONFLICT;

	@JsonValue
	public String json() {
		return name().toLowerCase();
	}

}
