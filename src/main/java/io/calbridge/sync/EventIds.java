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

	/** Whether {@code eventId} has the shape of {@link #forTask}: CalBridge chose it, for some task. */
	static boolean isCalBridgeId(String eventId) {
		return eventId != null && eventId.startsWith("cb") && eventId.indexOf('t', 3) > 0;
	}

	/**
	 * The task ids an event id of {@link #forTask} may name: {@code t} is also a base-32 digit, so each {@code t}
	 * is a possible separator. The caller confirms a candidate with {@link #forTask}.
	 */
	static java.util.List<Long> taskIdCandidates(String eventId) {
		java.util.List<Long> candidates = new java.util.ArrayList<>();
		if (eventId == null || !eventId.startsWith("cb")) {
			return candidates;
		}
		for (int t = eventId.indexOf('t', 3); t > 0 && t <= 16; t = eventId.indexOf('t', t + 1)) {
			try {
				candidates.add(Long.parseLong(eventId.substring(2, t), 32));
			}
			catch (NumberFormatException ex) {
				return candidates;
			}
		}
		return candidates;
	}

}
