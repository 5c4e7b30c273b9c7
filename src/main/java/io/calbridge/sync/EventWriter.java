package io.calbridge.sync;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.TaskTypeColors;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.tasks.Attendee;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.EventFields;
import io.calbridge.tasks.EventLink;
import io.calbridge.tasks.EventOrigin;
import io.calbridge.tasks.Snapshot;
import io.calbridge.tasks.TaskSyncStore;

import static io.calbridge.sync.PlannedCall.request;

/**
 * The outbound plan (DESIGN.md §4): which call a task's link needs now (insert, patch, move, a look, or its event's
 * removal) and what a successful answer records. Every write is guarded: inserts by the task's own event id (409 →
 * {@link LostInsertAdoption}), patches by the etag last seen (412 → {@link PreconditionMerge}); any other failure
 * is {@link OutboundFailures}'. Nothing here holds a database transaction.
 */
@Component
class EventWriter {

	/** A claimed task, loaded; {@code version} is the version when claimed. */
	record Work(CrmTask task, long version) {
	}

	private final TaskSyncStore store;

	private final PacedCalls calls;

	private final LostInsertAdoption adoption;

	private final PreconditionMerge merge;

	private final EventDeletion deletion;

	private final OutboundFailures failures;

	private final SyncLog log;

	private final SyncMetrics metrics;

	private final Clock clock;

	EventWriter(TaskSyncStore store, PacedCalls calls, LostInsertAdoption adoption, PreconditionMerge merge,
			EventDeletion deletion, OutboundFailures failures, SyncLog log, SyncMetrics metrics, Clock clock) {
		this.store = store;
		this.calls = calls;
		this.adoption = adoption;
		this.merge = merge;
		this.deletion = deletion;
		this.failures = failures;
		this.log = log;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** The first call this task needs, if any; tasks needing none are settled here. */
	Optional<PlannedCall<?>> plan(Calendar calendar, CalendarConnection connection, Work work) {
		CrmTask task = work.task();
		String target = task.getSelectedCalendarId() != null ? task.getSelectedCalendarId()
				: connection.getDefaultCalendarId();
		if (task.getDeletedAt() != null || !task.isSyncToCalendar()) {
			return task.getGoogleEventId() == null
					? Optional.of(deletion.deleteUnrecorded(calendar, connection, work, target))
					: deletion.removal(calendar, connection, work);
		}
		if (task.getGoogleEventId() == null) {
			if (task.isImportedFromGoogle()) {
				// Made in Google and no longer linked (a disconnect let go of it): an insert would be CalBridge's
				// copy of someone's meeting, and would invite its guests again.
				store.leftInGoogle(task.getId(), "Made in Google Calendar: CalBridge does not make a copy of it");
				return Optional.empty();
			}
			return Optional.of(insert(calendar, connection, work, target));
		}
		if (!target.equals(task.getGoogleCalendarId())) {
			return Optional.of(move(calendar, connection, work, target));
		}
		if (task.isReadOnlyInGoogle()) {
			// Someone else's event: Google takes nothing of it from this account, and what the person may still
			// change here (notes, priority, status, contact, deal) is CRM-only. Nothing is sent.
			store.nothingToWrite(task.getId(), work.version());
			return Optional.empty();
		}
		if (unchangedSinceLastWrite(task, connection)) {
			// Only waiting for Google (a Meet link being made): look, don't write.
			return Optional.of(new PlannedCall<>(request(() -> calendar.events().get(task.getGoogleCalendarId(),
					task.getGoogleEventId())), event -> lookedAgain(calendar, connection, work, event),
					outcome -> failures.failed(connection, work, outcome, "check")));
		}
		return Optional.of(patch(calendar, connection, work, task.getGoogleCalendarId(), task.getGoogleEtag(), null));
	}

	/** Backoff, or FAILED after the last attempt: see {@link OutboundFailures#retry}. */
	void retry(CalendarConnection connection, Work work, String action, String reason) {
		failures.retry(connection, work, action, reason);
	}

	/** See {@link OutboundFailures#unclassified}. */
	void unclassified(CalendarConnection connection, Work work, String action, RuntimeException ex) {
		failures.unclassified(connection, work, action, ex);
	}

	private PlannedCall<Event> insert(Calendar calendar, CalendarConnection connection, Work work, String target) {
		CrmTask task = work.task();
		Event event = EventMapping.toEvent(task, colorId(connection, task), true, null);
		return new PlannedCall<>(request(() -> calendar.events()
			.insert(target, event)
			.setConferenceDataVersion(1)
			.setSendUpdates(EventMapping.guestsShouldHear(null, EventMapping.fields(task)) ? "all" : "none")),
				created -> recordSynced(connection, work, target, created, "insert"),
				outcome -> {
					if (outcome instanceof GoogleOutcome.Duplicate) {
						adoption.adopt(calendar, connection, work, target, event.getId())
							.ifPresent(merged -> writeMerged(calendar, connection, merged));
					}
					else {
						failures.failed(connection, work, outcome, "insert");
					}
				});
	}

	/** A guarded patch; {@code answers}: the guests' answers Google reported with {@code etag}. */
	private PlannedCall<Event> patch(Calendar calendar, CalendarConnection connection, Work work, String calendarId,
			String etag, List<Attendee> answers) {
		CrmTask task = work.task();
		SyncFields base = base(task);
		boolean tell = EventMapping.guestsShouldHear(base, EventMapping.fields(task));
		// Noted before it is sent, not only once its answer is lost: inbound sync may read the version this write makes
		// before its answer arrives. Found by the long soak (seed 6997313739956): Chloé invited, the patch on its way,
		// the person removed her again, and inbound, reading the version with her, took her back from "Google".
		EventFields sent = EventMapping.fields(task).stored();
		if (task.getSyncedSnapshot() != null) {
			store.amendSnapshot(task.getId(), snapshot -> snapshot.withUnconfirmed(sent));
		}
		return new PlannedCall<>(request(() -> {
			Calendar.Events.Patch patch = calendar.events()
				.patch(calendarId, task.getGoogleEventId() != null ? task.getGoogleEventId()
						: EventIds.forTask(task.getId(), task.getCreatedAt()),
						EventMapping.toEvent(task, colorId(connection, task), false, answers))
				.setConferenceDataVersion(1)
				.setSendUpdates(tell ? "all" : "none");
			patch.getRequestHeaders().setIfMatch(etag);
			return patch;
		}), updated -> recordSynced(connection, work, calendarId, updated, "update"),
				outcome -> {
					if (outcome instanceof GoogleOutcome.PreconditionFailed) {
						merge.afterPreconditionFailed(calendar, connection, work, calendarId)
							.ifPresent(merged -> writeMerged(calendar, connection, merged));
					}
					else {
						// A Retryable answer (lost, 5xx) leaves the note made before sending: Google may have applied it.
						failures.failed(connection, work, outcome, "update");
					}
				});
	}

	/** What a merge (after a 412 or a lost insert) left to write, guarded by the version it merged with. */
	private void writeMerged(Calendar calendar, CalendarConnection connection, PreconditionMerge.Merged merged) {
		calls.send(connection, patch(calendar, connection, merged.work(), merged.calendarId(), merged.remote().etag(),
				merged.remote().attendees()));
	}

	/**
	 * The task moved to another calendar: Google's move keeps the event's id, its guests' answers and its Meet
	 * link; a delete and a new insert would mail every guest twice and lose all three.
	 */
	private PlannedCall<Event> move(Calendar calendar, CalendarConnection connection, Work work, String target) {
		CrmTask task = work.task();
		return new PlannedCall<>(request(() -> calendar.events().move(task.getGoogleCalendarId(), task.getGoogleEventId(), target)),
				moved -> {
					log.outbound(task.getUserId(), task.getId(), connection.getId(), target, "move", "OK",
							"from " + task.getGoogleCalendarId());
					calls.send(connection, patch(calendar, connection, work, target, moved.getEtag(),
							EventMapping.read(moved, target).attendees()));
				}, outcome -> failures.failed(connection, work, outcome, "move"));
	}

	/** A look at an event we only waited on (a Meet link): take what Google changed, keep the rest. */
	private void lookedAgain(Calendar calendar, CalendarConnection connection, Work work, Event event) {
		RemoteEvent remote = EventMapping.read(event, work.task().getGoogleCalendarId());
		if (remote.cancelled()) {
			failures.eventGone(connection, work);
			return;
		}
		if (!remote.etag().equals(work.task().getGoogleEtag())) {
			merge.afterPreconditionFailed(calendar, connection, work, work.task().getGoogleCalendarId())
				.ifPresent(merged -> writeMerged(calendar, connection, merged));
			return;
		}
		recordSynced(connection, work, work.task().getGoogleCalendarId(), event, "check");
	}

	private void recordSynced(CalendarConnection connection, Work work, String calendarId, Event event, String action) {
		CrmTask task = work.task();
		RemoteEvent remote = EventMapping.read(event, calendarId);
		Snapshot snapshot = Snapshot.of(remote.fields().stored()).withSent(signature(task, connection));
		// An insert makes CalBridge's own event; a patch or move leaves the event whoever's it was.
		EventOrigin origin = task.getGoogleEventId() != null ? task.getEventOrigin() : EventOrigin.CALBRIDGE;
		store.synced(task.getId(), work.version(), new EventLink(connection.getId(), calendarId, event.getId(),
				event.getEtag(), remote.updated(), remote.meetLink(), remote.meetId(), origin,
				task.getGoogleEventId() != null ? task.getGoogleInvitedBy() : null), snapshot, remote.attendees());
		log.outbound(task.getUserId(), task.getId(), connection.getId(), calendarId, action, "OK", null);
		if (!"check".equals(action)) {
			metrics.outboundWritten(task.getUpdatedAt());
		}
		if (task.isIncludeGoogleMeet() && remote.meetLink() == null && remote.conferencePending()) {
			// Google makes the conference asynchronously; look again shortly instead of blocking.
			store.retryAt(task.getId(), clock.instant().plusSeconds(2), null, false);
		}
	}

	/** What CalBridge last wrote beyond the shared fields (footer, colour, Meet wish): a change there is a write. */
	private static String signature(CrmTask task, CalendarConnection connection) {
		return colorId(connection, task) + "|" + task.isIncludeGoogleMeet() + "|" + task.getMeetRequestId() + "|"
				+ task.getType() + "|"
				+ task.getPriority() + "|" + task.getStatus() + "|" + task.getContactName() + "|" + task.getDealName();
	}

	private static boolean unchangedSinceLastWrite(CrmTask task, CalendarConnection connection) {
		SyncFields base = base(task);
		return base != null && base.equals(EventMapping.fields(task))
				&& signature(task, connection).equals(task.getSyncedSnapshot().sent());
	}

	private static SyncFields base(CrmTask task) {
		return task.getSyncedSnapshot() == null ? null : SyncFields.of(task.getSyncedSnapshot().agreed());
	}

	private static String colorId(CalendarConnection connection, CrmTask task) {
		return TaskTypeColors.googleColorId(connection, task.getType().json());
	}

}
