package io.calbridge.sync;

import java.time.Clock;
import java.util.Optional;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.google.GoogleFailure;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

/**
 * A guarded write met 412 (DESIGN.md §4): Google's event changed since the etag CalBridge sent. The event is read
 * again and the task merged with it against what both last agreed on: a field changed on one side only is taken
 * from that side, a field both changed to different values is a conflict the person settles. What is left goes
 * out again, guarded by the version just read. A lost insert's adoption (409) ends in the same merge.
 */
@Component
class PreconditionMerge {

	/** The task merged, still to be written: guarded by {@code remote}'s etag, carrying its guests' answers. */
	record Merged(EventWriter.Work work, String calendarId, RemoteEvent remote) {
	}

	private final TaskSyncStore store;

	private final PacedCalls calls;

	private final OutboundFailures failures;

	private final SyncLog log;

	private final Clock clock;

	PreconditionMerge(TaskSyncStore store, PacedCalls calls, OutboundFailures failures, SyncLog log, Clock clock) {
		this.store = store;
		this.calls = calls;
		this.failures = failures;
		this.log = log;
		this.clock = clock;
	}

	/** 412: reads Google's version and merges both sides against the last agreed one; empty when nothing is left to write. */
	Optional<Merged> afterPreconditionFailed(Calendar calendar, CalendarConnection connection, EventWriter.Work claimed,
			String calendarId) {
		Event current;
		try {
			current = calls.single(connection,
					() -> calendar.events().get(calendarId, claimed.task().getGoogleEventId()).execute());
		}
		catch (GoogleFailure failure) {
			failures.failed(connection, claimed, failure.outcome(), "merge");
			return Optional.empty();
		}
		RemoteEvent remote = EventMapping.read(current, calendarId);
		if (remote.cancelled()) {
			failures.eventGone(connection, claimed);
			return Optional.empty();
		}
		// The task as it is now, not as claimed: merging the claimed copy would judge Google's version against an
		// old base and could send old values with Google's fresh etag.
		return stillToWrite(claimed).flatMap(task -> against(connection, new EventWriter.Work(task, claimed.version()),
				calendarId, remote, task.getSyncedSnapshot() == null ? remote.fields()
						: SyncFields.base(task.getSyncedSnapshot(), remote.fields())));
	}

	/** Three-way merge of the task with Google's {@code remote} against {@code base}; empty when nothing is left to write. */
	Optional<Merged> against(CalendarConnection connection, EventWriter.Work work, String calendarId, RemoteEvent remote,
			SyncFields base) {
		CrmTask task = work.task();
		SyncFields local = EventMapping.fields(task);
		ThreeWayMerge.Result merge = ThreeWayMerge.merge(base, local, remote.fields());
		if (!merge.clean()) {
			store.conflicted(task.getId(), Conflicts.changedOnBothSides(merge.conflicts(), base, local, remote.fields()),
					remote.etag(), remote.updated());
			log.outbound(task.getUserId(), task.getId(), connection.getId(), calendarId, "merge", "CONFLICT",
					"changed on both sides: " + String.join(", ", merge.conflicts()));
			return Optional.empty();
		}
		EventWriter.Work merged = work;
		if (!merge.fromGoogle().isEmpty()) {
			if (!store.tookFromGoogle(task.getId(), task.getVersion(),
					EventMapping.withGoogleValues(task, remote, merge.fromGoogle()))) {
				// Changed since it was read just now: merge again on the next sweep, with what it has become.
				store.retryAt(task.getId(), clock.instant(), null, false);
				return Optional.empty();
			}
			CrmTask updated = store.find(task.getId()).orElseThrow();
			merged = new EventWriter.Work(updated, updated.getVersion());
			log.outbound(task.getUserId(), task.getId(), connection.getId(), calendarId, "merge", "OK",
					"took from Google: " + String.join(", ", merge.fromGoogle()));
		}
		return Optional.of(new Merged(merged, calendarId, remote));
	}

	/**
	 * The task as it is now, if the worker still has to write it: inbound sync may have taken Google's changes
	 * into it (and moved its base) or found a conflict meanwhile, and the person may have edited it.
	 */
	Optional<CrmTask> stillToWrite(EventWriter.Work claimed) {
		CrmTask task = store.find(claimed.task().getId()).orElse(null);
		if (task == null || task.getSyncState() != SyncState.PENDING) {
			return Optional.empty();
		}
		if (task.getDeletedAt() != null || !task.isSyncToCalendar()) {
			// Deleted (or taken out of the calendar) meanwhile: nothing to merge; the next sweep removes the event.
			store.retryAt(task.getId(), clock.instant(), null, false);
			return Optional.empty();
		}
		return Optional.of(task);
	}

}
