package io.calbridge.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.calbridge.tasks.CrmTask;

/**
 * The conflict of a task whose event was deleted in Google while the task had changes not yet sent: the person
 * chooses on the conflict page between the connection's deletion rule and keeping the task with its changes.
 * Inbound sync meets it reading the cancelled event, the outbound worker writing to a gone one (404/410); both must
 * end the same way, whichever comes first.
 */
final class DeletedInGoogle {

	private DeletedInGoogle() {
	}

	static Map<String, Object> conflict(CrmTask task) {
		SyncFields local = EventMapping.fields(task);
		SyncFields base = task.getSyncedSnapshot() == null ? local : SyncFields.fromMap(task.getSyncedSnapshot());
		Map<String, Object> conflict = new LinkedHashMap<>();
		conflict.put("fields", List.of("deleted"));
		conflict.put("deletedInGoogle", true);
		conflict.put("base", base.toMap());
		conflict.put("local", local.toMap());
		conflict.put("remote", base.toMap());
		return conflict;
	}

}
