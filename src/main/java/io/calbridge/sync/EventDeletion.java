package io.calbridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.google.GoogleProperties;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.EventChoice;
import io.calbridge.tasks.EventOrigin;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

import static io.calbridge.sync.PlannedCall.request;

/**
 * The event of a task deleted, or taken out of the calendar (DESIGN.md §4): deleted when CalBridge made it, kept
 * when someone else did, declined when it is an invitation the person chose to decline; then the tombstone goes.
 * A 404 or 410 on delete means already gone, which is what was wanted.
 */
@Component
class EventDeletion {

	private final TaskSyncStore store;

	private final PacedCalls calls;

	private final OutboundFailures failures;

	private final SyncLog log;

	private final SyncMetrics metrics;

	private final Clock clock;

	/**
	 * How long an insert whose answer never came may still be applied by Google: twice the read timeout after which
	 * CalBridge stopped waiting for it.
	 */
	private final Duration lateInsertWindow;

	EventDeletion(TaskSyncStore store, PacedCalls calls, OutboundFailures failures, SyncLog log, SyncMetrics metrics,
			GoogleProperties google, Clock clock) {
		this.store = store;
		this.calls = calls;
		this.failures = failures;
		this.log = log;
		this.metrics = metrics;
		this.lateInsertWindow = google.readTimeout().multipliedBy(2);
		this.clock = clock;
	}

	/**
	 * A task deleted, or taken out of the calendar, that has an event: what happens to the event is the person's
	 * choice stored with the deletion; without one, CalBridge's own event goes and anyone else's stays.
	 */
	Optional<PlannedCall<?>> removal(Calendar calendar, CalendarConnection connection, EventWriter.Work work) {
		CrmTask task = work.task();
		EventChoice choice = task.getDeletedAt() != null && task.getDeletedEventChoice() != null
				? task.getDeletedEventChoice()
				: task.getEventOrigin() == EventOrigin.CALBRIDGE ? EventChoice.DELETE : EventChoice.KEEP;
		if (choice == EventChoice.DECLINE && task.getGoogleInvitedBy() != null) {
			return Optional.of(decline(calendar, connection, work));
		}
		if (choice != EventChoice.DELETE || task.getGoogleInvitedBy() != null) {
			store.keptInGoogle(task.getId(), task.getDeletedAt() != null ? null
					: "Sync is off; the event stays in Google Calendar (CalBridge did not make it)");
			log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), "keep", "OK",
					"left in Google Calendar (" + (task.getEventOrigin() == EventOrigin.CALBRIDGE ? "as chosen"
							: "CalBridge did not make it") + ")");
			return Optional.empty();
		}
		return Optional.of(delete(calendar, connection, work));
	}

	/**
	 * No event recorded, yet an insert whose answer was lost may have made one under the task's own id (a retry
	 * would have adopted it): delete that id. Not found is the usual answer, and then there is nothing to remove.
	 */
	PlannedCall<Void> deleteUnrecorded(Calendar calendar, CalendarConnection connection, EventWriter.Work work,
			String target) {
		CrmTask task = work.task();
		String eventId = EventIds.forTask(task.getId(), task.getCreatedAt());
		return new PlannedCall<>(request(() -> calendar.events().delete(target, eventId).setSendUpdates("none")),
				done -> deleted(connection, work), outcome -> {
					if (outcome instanceof GoogleOutcome.NotFound || outcome instanceof GoogleOutcome.Gone) {
						if (!waitsForALateInsert(connection, work, target)) {
							settleWithoutEvent(work);
						}
					}
					else {
						failures.failed(connection, work, outcome, "delete");
					}
				});
	}

	/**
	 * Deletes the event. CalBridge's own meeting with guests is a meeting the person cancels, so Google tells the
	 * guests; an event someone made in Google, deleted because the person asked, mails nobody (Google still takes it
	 * out of the guests' calendars).
	 */
	private PlannedCall<Void> delete(Calendar calendar, CalendarConnection connection, EventWriter.Work work) {
		CrmTask task = work.task();
		boolean tell = !task.getAttendees().isEmpty() && task.getEventOrigin() == EventOrigin.CALBRIDGE;
		return new PlannedCall<>(request(() -> calendar.events()
			.delete(task.getGoogleCalendarId(), task.getGoogleEventId())
			.setSendUpdates(tell ? "all" : "none")), done -> deleted(connection, work),
				outcome -> {
					if (outcome instanceof GoogleOutcome.NotFound || outcome instanceof GoogleOutcome.Gone) {
						deleted(connection, work); // already gone: what we wanted
					}
					else {
						failures.failed(connection, work, outcome, "delete");
					}
				});
	}

	/**
	 * An invitation from someone else, declined as its guest: the account's own answer set to declined on its copy
	 * (Google lets a guest change only that). Read first, so the other guests and their answers go back unchanged,
	 * and guarded by that version's etag. The organizer sees the answer in their event; no mail is sent.
	 */
	private PlannedCall<Event> decline(Calendar calendar, CalendarConnection connection, EventWriter.Work work) {
		CrmTask task = work.task();
		return new PlannedCall<>(request(() -> calendar.events().get(task.getGoogleCalendarId(), task.getGoogleEventId())),
				current -> {
					List<EventAttendee> guests = current.getAttendees();
					EventAttendee me = guests == null ? null : guests.stream()
						.filter(a -> Boolean.TRUE.equals(a.getSelf())
								|| connection.getGoogleAccountEmail().equalsIgnoreCase(a.getEmail()))
						.findFirst().orElse(null);
					if ("cancelled".equals(current.getStatus()) || me == null || "declined".equals(me.getResponseStatus())) {
						declined(connection, work, "nothing to decline");
						return;
					}
					me.setResponseStatus("declined");
					calls.send(connection, new PlannedCall<>(request(() -> {
						Calendar.Events.Patch patch = calendar.events()
							.patch(task.getGoogleCalendarId(), task.getGoogleEventId(), new Event().setAttendees(guests))
							.setSendUpdates("none");
						patch.getRequestHeaders().setIfMatch(current.getEtag());
						return patch;
					}), answered -> declined(connection, work, null), outcome -> declineFailed(connection, work, outcome)));
				}, outcome -> declineFailed(connection, work, outcome));
	}

	private void declineFailed(CalendarConnection connection, EventWriter.Work work, GoogleOutcome outcome) {
		if (outcome instanceof GoogleOutcome.NotFound || outcome instanceof GoogleOutcome.Gone) {
			declined(connection, work, "the event was gone already");
		}
		else {
			failures.failed(connection, work, outcome, "decline");
		}
	}

	private void declined(CalendarConnection connection, EventWriter.Work work, String detail) {
		CrmTask task = work.task();
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), "decline", "OK",
				detail);
		store.purge(task.getId());
	}

	/**
	 * No event under the task's id yet, but an insert of it went unanswered (a timeout, a lost answer): Google may
	 * still apply it, after this look. Found by the soak: the insert hung past the read timeout, the person deleted
	 * the task, the delete met 404, the tombstone was purged, and then the insert landed, an event nobody removes.
	 * So the task looks once more when that insert can no longer arrive.
	 */
	private boolean waitsForALateInsert(CalendarConnection connection, EventWriter.Work work, String target) {
		CrmTask task = work.task();
		Instant lookAgain = task.getUpdatedAt().plus(lateInsertWindow);
		if (task.getSyncAttempts() == 0 || !clock.instant().isBefore(lookAgain)) {
			return false;
		}
		store.retryAt(task.getId(), lookAgain, "an insert whose answer never came may still reach Google", false);
		log.outbound(task.getUserId(), task.getId(), connection.getId(), target, "delete", "RETRY",
				"no event yet, but an unanswered insert may still reach Google; looking again at " + lookAgain);
		return true;
	}

	private void deleted(CalendarConnection connection, EventWriter.Work work) {
		CrmTask task = work.task();
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), "delete", "OK", null);
		metrics.outboundWritten(task.getUpdatedAt());
		settleWithoutEvent(work);
	}

	/** The task no longer has an event: a tombstone goes, a task stays unlinked. */
	private void settleWithoutEvent(EventWriter.Work work) {
		CrmTask task = work.task();
		if (task.getDeletedAt() != null) {
			store.purge(task.getId());
		}
		else {
			store.unlinked(task.getId(), SyncState.NONE, null);
		}
	}

}
