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

	/** Words for the pages, distinct from the task's own status ("Pending" there means not started). */
	public String label() {
		return switch (this) {
			case NONE -> "Not synced";
			case PENDING -> "Waiting to sync";
			case SYNCED -> "Synced";
			case FAILED -> "Sync failed";
			case CONFLICT -> "Conflict";
		};
	}

	@JsonValue
	public String json() {
		return name().toLowerCase();
	}

}
