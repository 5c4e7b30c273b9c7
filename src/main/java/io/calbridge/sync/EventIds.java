package io.calbridge.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The event id of a task, chosen by CalBridge (Google accepts client ids of base32hex characters, a–v and
 * 0–9, 5 to 1024 long). Deriving it from the task makes creation idempotent: a retry after a lost answer gets
 * 409 and adopts the event instead of making a second one. The creation instant is part of it so that two
 * databases (a reset, a second installation) writing to one calendar never claim each other's events.
 */
final class EventIds {

	private EventIds() {
	}

	static String forTask(long taskId, Instant createdAt) {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
		return "cb" + Long.toString(taskId, 32) + "t" + Long.toString(micros, 32);
	}

}
