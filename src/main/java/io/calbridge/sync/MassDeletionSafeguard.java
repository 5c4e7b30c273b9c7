package io.calbridge.sync;

import java.util.List;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;

/**
 * The end of an inbound run: tasks whose events are gone follow the deletion rule, unless there are so many that
 * this looks like a broken or stale source rather than a person (OGCS's lesson). Then the calendar pauses with the
 * removals held, and the settings page asks ({@link MassDeletionController}). The sync token is stored either
 * way: what was read is handled.
 */
@Component
class MassDeletionSafeguard {

	private final CalendarSyncs syncs;

	private final InboundApplier applier;

	private final SyncLog syncLog;

	private final InboundProperties properties;

	MassDeletionSafeguard(CalendarSyncs syncs, InboundApplier applier, SyncLog syncLog, InboundProperties properties) {
		this.syncs = syncs;
		this.applier = applier;
		this.syncLog = syncLog;
		this.properties = properties;
	}

	void finish(CalendarConnection connection, CalendarSyncs.Claim claim, String nextSyncToken, boolean full,
			List<Long> removals) {
		// Counted only when there are removals to weigh: most runs (every pushed edit) have none.
		long linked = removals.isEmpty() ? 0 : syncs.linkedTasks(connection.getId(), claim.calendarId());
		if (tooMany(removals.size(), linked)) {
			String reason = removals.size() + " of " + linked + " linked tasks would be "
					+ (connection.getDeletionRule() == CalendarConnection.DeletionRule.DELETE_TASK ? "deleted"
							: connection.getDeletionRule() == CalendarConnection.DeletionRule.UNLINK ? "unlinked"
									: "cancelled")
					+ " because their events were deleted in Google Calendar";
			syncs.pause(claim, nextSyncToken, full, reason, removals);
			syncLog.inbound(connection.getUserId(), null, connection.getId(), claim.calendarId(), "mass-deletion",
					"SKIPPED", reason + "; paused until the person decides");
			return;
		}
		for (long taskId : removals) {
			applier.applyDeletionRule(connection, taskId, connection.getUserId(), claim.calendarId());
		}
		syncs.finished(claim, nextSyncToken, full);
	}

	private boolean tooMany(int removals, long linked) {
		return removals > 0 && (removals > properties.massDeletionMax()
				|| (removals >= properties.massDeletionMinimum() && removals * 100L > linked * properties.massDeletionPercent()));
	}

}
