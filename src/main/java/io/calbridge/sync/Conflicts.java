package io.calbridge.sync;

import java.util.List;

import io.calbridge.tasks.Conflict;
import io.calbridge.tasks.CrmTask;

/**
 * The one place a task's {@link Conflict} is made, whoever finds it: the outbound worker's merge after a 412 or a
 * lost insert, inbound sync's merge, and either meeting an event deleted in Google.
 */
final class Conflicts {

	/** The one field of a conflict about an event deleted in Google. */
	static final String DELETED = "deleted";

	private Conflicts() {
	}

	/** {@code fields} changed on both sides to different values, measured against {@code base}. */
	static Conflict changedOnBothSides(List<String> fields, SyncFields base, SyncFields local, SyncFields remote) {
		return new Conflict(fields, base.stored(), local.stored(), remote.stored(), false);
	}

	/**
	 * The event was deleted in Google while the task had changes not yet sent: the person chooses on the conflict page
	 * between the connection's deletion rule and keeping the task with its changes. Inbound sync meets it reading the
	 * cancelled event, the outbound worker writing to a gone one (404/410); both must end the same way, whichever
	 * comes first.
	 */
	static Conflict deletedInGoogle(CrmTask task) {
		SyncFields local = EventMapping.fields(task);
		SyncFields base = task.getSyncedSnapshot() == null ? local : SyncFields.of(task.getSyncedSnapshot().agreed());
		return new Conflict(List.of(DELETED), base.stored(), local.stored(), base.stored(), true);
	}

}
