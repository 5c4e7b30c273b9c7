package io.calbridge.sync;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.google.GoogleFailure;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.EventLink;
import io.calbridge.tasks.EventOrigin;
import io.calbridge.tasks.Snapshot;
import io.calbridge.tasks.TaskSyncStore;

/**
 * An insert met 409 (DESIGN.md §4, exactly one event per task): an earlier insert whose answer was lost made the
 * event under the task's own id. It is taken over when it carries this task's mark, then merged with what was
 * inserted, so changes people made in Google since are kept; there is never a second event.
 */
@Component
class LostInsertAdoption {

	private final TaskSyncStore store;

	private final PacedCalls calls;

	private final OutboundFailures failures;

	private final PreconditionMerge merge;

	private final SyncLog log;

	LostInsertAdoption(TaskSyncStore store, PacedCalls calls, OutboundFailures failures, PreconditionMerge merge,
			SyncLog log) {
		this.store = store;
		this.calls = calls;
		this.failures = failures;
		this.merge = merge;
		this.log = log;
	}

	/** Takes the event over; what is left to write after the merge, if anything. */
	Optional<PreconditionMerge.Merged> adopt(Calendar calendar, CalendarConnection connection, EventWriter.Work work,
			String target, String eventId) {
		Event existing;
		try {
			existing = calls.single(connection, () -> calendar.events().get(target, eventId).execute());
		}
		catch (GoogleFailure failure) {
			failures.failed(connection, work, failure.outcome(), "adopt");
			return Optional.empty();
		}
		Map<String, String> owner = existing.getExtendedProperties() == null ? null
				: existing.getExtendedProperties().getPrivate();
		if (owner == null || !String.valueOf(work.task().getId()).equals(owner.get(EventMapping.TASK_ID_KEY))) {
			store.failed(work.task().getId(), "An event with this task's id exists in Google but is not this task's");
			return Optional.empty();
		}
		log.outbound(work.task().getUserId(), work.task().getId(), connection.getId(), target, "adopt", "OK",
				"the event existed already (an earlier answer was lost)");
		RemoteEvent remote = EventMapping.read(existing, target);
		if (remote.cancelled()) {
			failures.eventGone(connection, work); // deleted in Google since the lost insert made it
			return Optional.empty();
		}
		if (merge.stillToWrite(work).isEmpty()) {
			return Optional.empty();
		}
		SyncFields inserted = inserted(work.task(), existing, remote, owner);
		// Still CalBridge's own event: it carries the task's id and CalBridge's mark, only the answer was lost.
		store.adopted(work.task().getId(), new EventLink(connection.getId(), target, existing.getId(),
				existing.getEtag(), remote.updated(), remote.meetLink(), remote.meetId(), EventOrigin.CALBRIDGE, null),
				Snapshot.of(inserted.stored()), remote.attendees());
		return merge.stillToWrite(work).flatMap(task -> merge.against(connection,
				new EventWriter.Work(task, work.version()), target, remote, inserted));
	}

	/**
	 * What the lost insert sent, as far as it can be known: the base of the merge that follows. People in Google may
	 * have changed the event since; merged against this, their changes are taken, where a plain patch would write
	 * over them unseen.
	 */
	private static SyncFields inserted(CrmTask task, Event existing, RemoteEvent remote, Map<String, String> owner) {
		SyncFields sent = EventMapping.fields(task);
		if (String.valueOf(task.getVersion()).equals(owner.get(EventMapping.INSERTED_VERSION_KEY))) {
			return sent; // this very attempt made it
		}
		if (Objects.equals(existing.getCreated(), existing.getUpdated())) {
			return remote.fields(); // an earlier attempt made it, and nobody changed it since
		}
		return SyncFields.unknownWhereDiffering(sent, remote.fields());
	}

}
