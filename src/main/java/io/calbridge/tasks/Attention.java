package io.calbridge.tasks;

import java.time.Instant;

/**
 * What of a person's tasks needs them or is still on its way to Google: failed and conflicting tasks need a
 * person; pending ones only time (the oldest says how long the wait has been).
 */
record Attention(long pending, long failed, long conflict, Instant oldestPendingAt) {

	static Attention of(TaskBacklog.Counts counts) {
		return new Attention(counts.pending(), counts.failed(), counts.conflict(),
				counts.oldestPendingSince().orElse(null));
	}

	/** Tasks a person must act on: a retry, or a choice between two versions. */
	public long needingAPerson() {
		return failed + conflict;
	}

}
