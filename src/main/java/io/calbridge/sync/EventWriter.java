package io.calbridge.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.CalendarRequest;
import com.google.api.services.calendar.model.Event;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.TaskTypeColors;
import io.calbridge.connections.TokenService;
import io.calbridge.google.CalendarClients;
import io.calbridge.google.GoogleFailure;
import io.calbridge.google.GoogleProperties;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.tasks.Attendee;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.EventChoice;
import io.calbridge.tasks.EventLink;
import io.calbridge.tasks.EventOrigin;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

/**
 * What one task needs from Google (insert, patch, move, delete, or just a look) and what each answer means for
 * the task (DESIGN.md §4). Every write is guarded: inserts by the task's own event id (409 → adopt), patches by
 * the etag last seen (412 → three-way merge). Nothing here holds a database transaction.
 */
@Component
class EventWriter {

	/** A claimed task, loaded; {@code version} is the version when claimed. */
	record Work(CrmTask task, long version) {
	}

	private final TaskSyncStore store;

	private final TokenService tokens;

	private final CalendarClients clients;

	private final AccountPacer pacer;

	private final SyncLog log;

	private final SyncMetrics metrics;

	private final SyncProperties properties;

	private final Clock clock;

	/**
	 * How long an insert whose answer never came may still be applied by Google: twice the read timeout after which
	 * CalBridge stopped waiting for it.
	 */
	private final Duration lateInsertWindow;

	EventWriter(TaskSyncStore store, TokenService tokens, CalendarClients clients, AccountPacer pacer, SyncLog log,
			SyncMetrics metrics, SyncProperties properties, GoogleProperties google, Clock clock) {
		this.lateInsertWindow = google.readTimeout().multipliedBy(2);
		this.metrics = metrics;
		this.clients = clients;
		this.store = store;
		this.tokens = tokens;
		this.pacer = pacer;
		this.log = log;
		this.properties = properties;
		this.clock = clock;
	}

	/** The first call this task needs, if any; tasks needing none are settled here. */
	Optional<PlannedCall<?>> plan(Calendar calendar, CalendarConnection connection, Work work) {
		CrmTask task = work.task();
		String target = task.getSelectedCalendarId() != null ? task.getSelectedCalendarId()
				: connection.getDefaultCalendarId();
		if (task.getDeletedAt() != null || !task.isSyncToCalendar()) {
			return task.getGoogleEventId() == null ? Optional.of(deleteUnrecorded(calendar, connection, work, target))
					: removal(calendar, connection, work);
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
					outcome -> failed(connection, work, outcome, "check")));
		}
		return Optional.of(patch(calendar, connection, work, task.getGoogleCalendarId(), task.getGoogleEtag()));
	}

	/** The task no longer has an event: a tombstone goes, a task stays unlinked. */
	private void settleWithoutEvent(Work work) {
		CrmTask task = work.task();
		if (task.getDeletedAt() != null) {
			store.purge(task.getId());
		}
		else {
			store.unlinked(task.getId(), SyncState.NONE, null);
		}
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
						adopt(calendar, connection, work, target, event.getId());
					}
					else {
						failed(connection, work, outcome, "insert");
					}
				});
	}

	/**
	 * An insert whose answer was lost, retried: the event exists under the task's id. Take it over, then make it
	 * current with a guarded patch.
	 */
	private void adopt(Calendar calendar, CalendarConnection connection, Work work, String target, String eventId) {
		Event existing;
		try {
			existing = single(connection, () -> calendar.events().get(target, eventId).execute());
		}
		catch (GoogleFailure failure) {
			failed(connection, work, failure.outcome(), "adopt");
			return;
		}
		Map<String, String> owner = existing.getExtendedProperties() == null ? null
				: existing.getExtendedProperties().getPrivate();
		if (owner == null || !String.valueOf(work.task().getId()).equals(owner.get(EventMapping.TASK_ID_KEY))) {
			store.failed(work.task().getId(), "An event with this task's id exists in Google but is not this task's");
			return;
		}
		log.outbound(work.task().getUserId(), work.task().getId(), connection.getId(), target, "adopt", "OK",
				"the event existed already (an earlier answer was lost)");
		RemoteEvent remote = EventMapping.read(existing, target);
		if (remote.cancelled()) {
			eventGone(connection, work); // deleted in Google since the lost insert made it
			return;
		}
		if (current(work) == null) {
			return;
		}
		// People in Google may have changed the event since the lost insert made it. Merged against what was
		// inserted, their changes are taken; written over with a plain patch, they would be lost unseen.
		SyncFields sent = EventMapping.fields(work.task());
		SyncFields inserted;
		if (String.valueOf(work.task().getVersion()).equals(owner.get(EventMapping.INSERTED_VERSION_KEY))) {
			inserted = sent; // this very attempt made it
		}
		else if (java.util.Objects.equals(existing.getCreated(), existing.getUpdated())) {
			inserted = remote.fields(); // an earlier attempt made it, and nobody changed it since
		}
		else {
			inserted = SyncFields.unknownWhereDiffering(sent, remote.fields());
		}
		// Still CalBridge's own event: it carries the task's id and CalBridge's mark, only the answer was lost.
		store.adopted(work.task().getId(), new EventLink(connection.getId(), target, existing.getId(), existing.getEtag(),
				remote.updated(), remote.meetLink(), remote.meetId(), EventOrigin.CALBRIDGE, null), inserted.toMap(),
				remote.attendees());
		CrmTask task = current(work);
		if (task == null) {
			return;
		}
		mergeAgainst(calendar, connection, new Work(task, work.version()), target, remote, inserted);
	}

	/**
	 * The task as it is now, if the worker still has to write it: inbound sync may have taken Google's changes
	 * into it (and moved its base) or found a conflict meanwhile, and the person may have edited it.
	 */
	private CrmTask current(Work claimed) {
		CrmTask task = store.find(claimed.task().getId()).orElse(null);
		if (task == null || task.getSyncState() != SyncState.PENDING) {
			return null;
		}
		if (task.getDeletedAt() != null || !task.isSyncToCalendar()) {
			// Deleted (or taken out of the calendar) meanwhile: nothing to merge; the next sweep removes the event.
			store.retryAt(task.getId(), clock.instant(), null, false);
			return null;
		}
		return task;
	}

	private PlannedCall<Event> patch(Calendar calendar, CalendarConnection connection, Work work, String calendarId,
			String etag) {
		return patch(calendar, connection, work, calendarId, etag, null);
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
		Map<String, Object> sent = EventMapping.fields(task).toMap();
		if (task.getSyncedSnapshot() != null) {
			store.amendSnapshot(task.getId(), snapshot -> SyncFields.withUnconfirmed(snapshot, sent));
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
						merge(calendar, connection, work, calendarId);
					}
					else {
						// A Retryable answer (lost, 5xx) leaves the note made before sending: Google may have applied it.
						failed(connection, work, outcome, "update");
					}
				});
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
					paced(connection, patch(calendar, connection, work, target, moved.getEtag(),
							EventMapping.read(moved, target).attendees()));
				}, outcome -> failed(connection, work, outcome, "move"));
	}

	/**
	 * A task deleted, or taken out of the calendar, that has an event: what happens to the event is the person's
	 * choice stored with the deletion; without one, CalBridge's own event goes and anyone else's stays.
	 */
	private Optional<PlannedCall<?>> removal(Calendar calendar, CalendarConnection connection, Work work) {
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
	 * Deletes the event. CalBridge's own meeting with guests is a meeting the person cancels, so Google tells the
	 * guests; an event someone made in Google, deleted because the person asked, mails nobody (Google still takes it
	 * out of the guests' calendars).
	 */
	private PlannedCall<Void> delete(Calendar calendar, CalendarConnection connection, Work work) {
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
						failed(connection, work, outcome, "delete");
					}
				});
	}

	/**
	 * An invitation from someone else, declined as its guest: the account's own answer set to declined on its copy
	 * (Google lets a guest change only that). Read first, so the other guests and their answers go back unchanged,
	 * and guarded by that version's etag. The organizer sees the answer in their event; no mail is sent.
	 */
	private PlannedCall<Event> decline(Calendar calendar, CalendarConnection connection, Work work) {
		CrmTask task = work.task();
		return new PlannedCall<>(request(() -> calendar.events().get(task.getGoogleCalendarId(), task.getGoogleEventId())),
				current -> {
					List<com.google.api.services.calendar.model.EventAttendee> guests = current.getAttendees();
					com.google.api.services.calendar.model.EventAttendee me = guests == null ? null : guests.stream()
						.filter(a -> Boolean.TRUE.equals(a.getSelf())
								|| connection.getGoogleAccountEmail().equalsIgnoreCase(a.getEmail()))
						.findFirst().orElse(null);
					if ("cancelled".equals(current.getStatus()) || me == null || "declined".equals(me.getResponseStatus())) {
						declined(connection, work, "nothing to decline");
						return;
					}
					me.setResponseStatus("declined");
					paced(connection, new PlannedCall<>(request(() -> {
						Calendar.Events.Patch patch = calendar.events()
							.patch(task.getGoogleCalendarId(), task.getGoogleEventId(), new Event().setAttendees(guests))
							.setSendUpdates("none");
						patch.getRequestHeaders().setIfMatch(current.getEtag());
						return patch;
					}), answered -> declined(connection, work, null), outcome -> declineFailed(connection, work, outcome)));
				}, outcome -> declineFailed(connection, work, outcome));
	}

	private void declineFailed(CalendarConnection connection, Work work, GoogleOutcome outcome) {
		if (outcome instanceof GoogleOutcome.NotFound || outcome instanceof GoogleOutcome.Gone) {
			declined(connection, work, "the event was gone already");
		}
		else {
			failed(connection, work, outcome, "decline");
		}
	}

	private void declined(CalendarConnection connection, Work work, String detail) {
		CrmTask task = work.task();
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), "decline", "OK",
				detail);
		store.purge(task.getId());
	}

	/**
	 * No event recorded, yet an insert whose answer was lost may have made one under the task's own id (a retry
	 * would have adopted it): delete that id. Not found is the usual answer, and then there is nothing to remove.
	 */
	private PlannedCall<Void> deleteUnrecorded(Calendar calendar, CalendarConnection connection, Work work,
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
						failed(connection, work, outcome, "delete");
					}
				});
	}

	/**
	 * No event under the task's id yet, but an insert of it went unanswered (a timeout, a lost answer): Google may
	 * still apply it, after this look. Found by the soak: the insert hung past the read timeout, the person deleted
	 * the task, the delete met 404, the tombstone was purged, and then the insert landed, an event nobody removes.
	 * So the task looks once more when that insert can no longer arrive.
	 */
	private boolean waitsForALateInsert(CalendarConnection connection, Work work, String target) {
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

	private void deleted(CalendarConnection connection, Work work) {
		CrmTask task = work.task();
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), "delete", "OK", null);
		metrics.outboundWritten(task.getUpdatedAt());
		settleWithoutEvent(work);
	}

	/** 412: Google's event changed since we last saw it. Merge both sides against the last agreed version. */
	private void merge(Calendar calendar, CalendarConnection connection, Work claimed, String calendarId) {
		Event current;
		try {
			current = single(connection, () -> calendar.events().get(calendarId, claimed.task().getGoogleEventId()).execute());
		}
		catch (GoogleFailure failure) {
			failed(connection, claimed, failure.outcome(), "merge");
			return;
		}
		RemoteEvent remote = EventMapping.read(current, calendarId);
		if (remote.cancelled()) {
			eventGone(connection, claimed);
			return;
		}
		// The task as it is now, not as claimed: merging the claimed copy would judge Google's version against an
		// old base and could send old values with Google's fresh etag.
		CrmTask task = current(claimed);
		if (task == null) {
			return;
		}
		mergeAgainst(calendar, connection, new Work(task, claimed.version()), calendarId, remote,
				task.getSyncedSnapshot() == null ? remote.fields()
						: SyncFields.base(task.getSyncedSnapshot(), remote.fields()));
	}

	/** Three-way merge of the task with Google's {@code remote} against {@code base}; then the guarded write. */
	private void mergeAgainst(Calendar calendar, CalendarConnection connection, Work work, String calendarId,
			RemoteEvent remote, SyncFields base) {
		CrmTask task = work.task();
		SyncFields local = EventMapping.fields(task);
		ThreeWayMerge.Result merge = ThreeWayMerge.merge(base, local, remote.fields());
		if (!merge.clean()) {
			Map<String, Object> conflict = new LinkedHashMap<>();
			conflict.put("fields", merge.conflicts());
			conflict.put("base", base.toMap());
			conflict.put("local", local.toMap());
			conflict.put("remote", remote.fields().toMap());
			store.conflicted(task.getId(), conflict, remote.etag(), remote.updated());
			log.outbound(task.getUserId(), task.getId(), connection.getId(), calendarId, "merge", "CONFLICT",
					"changed on both sides: " + String.join(", ", merge.conflicts()));
			return;
		}
		Work merged = work;
		if (!merge.fromGoogle().isEmpty()) {
			if (!store.tookFromGoogle(task.getId(), task.getVersion(),
					EventMapping.withGoogleValues(task, remote, merge.fromGoogle()))) {
				// Changed since it was read just now: merge again on the next sweep, with what it has become.
				store.retryAt(task.getId(), clock.instant(), null, false);
				return;
			}
			CrmTask updated = store.find(task.getId()).orElseThrow();
			merged = new Work(updated, updated.getVersion());
			log.outbound(task.getUserId(), task.getId(), connection.getId(), calendarId, "merge", "OK",
					"took from Google: " + String.join(", ", merge.fromGoogle()));
		}
		paced(connection, patch(calendar, connection, merged, calendarId, remote.etag(), remote.attendees()));
	}

	/** A look at an event we only waited on (a Meet link): take what Google changed, keep the rest. */
	private void lookedAgain(Calendar calendar, CalendarConnection connection, Work work, Event event) {
		RemoteEvent remote = EventMapping.read(event, work.task().getGoogleCalendarId());
		if (remote.cancelled()) {
			eventGone(connection, work);
			return;
		}
		if (!remote.etag().equals(work.task().getGoogleEtag())) {
			merge(calendar, connection, work, work.task().getGoogleCalendarId());
			return;
		}
		recordSynced(connection, work, work.task().getGoogleCalendarId(), event, "check");
	}

	private void recordSynced(CalendarConnection connection, Work work, String calendarId, Event event, String action) {
		CrmTask task = work.task();
		RemoteEvent remote = EventMapping.read(event, calendarId);
		Map<String, Object> snapshot = remote.fields().toMap();
		snapshot.put("sent", signature(task, connection));
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

	/**
	 * The event was deleted in Google while the task had changes to send: the same conflict inbound sync makes when
	 * it reads the deletion first, so the person chooses (the deletion rule, or the task with its changes).
	 */
	private void eventGone(CalendarConnection connection, Work work) {
		CrmTask task = store.find(work.task().getId()).orElse(null);
		if (task == null || task.getSyncState() != SyncState.PENDING) {
			return; // inbound sync has settled it meanwhile (the deletion rule, or this same conflict)
		}
		store.conflicted(task.getId(), DeletedInGoogle.conflict(task), null, null);
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), "update",
				"CONFLICT", "deleted in Google while the task had changes not yet sent");
	}

	void failed(CalendarConnection connection, Work work, GoogleOutcome outcome, String action) {
		if (outcome instanceof GoogleOutcome.AuthExpired) {
			tokens.invalidate(connection.getId());
			retry(connection, work, action, "Google did not accept the access token");
		}
		else if (outcome instanceof GoogleOutcome.RateLimited limited) {
			retry(connection, work, action, "Google's rate limit (" + limited.reason() + ")");
		}
		else if (outcome instanceof GoogleOutcome.Retryable retryable) {
			retry(connection, work, action, "Google could not be reached (" + retryable.reason() + ")");
		}
		else if (outcome instanceof GoogleOutcome.PreconditionFailed) {
			retry(connection, work, action, "The event changed meanwhile");
		}
		else if (outcome instanceof GoogleOutcome.NotFound || outcome instanceof GoogleOutcome.Gone) {
			eventGone(connection, work);
		}
		else if (outcome instanceof GoogleOutcome.Forbidden forbidden) {
			fail(connection, work, action, "forbiddenForNonOrganizer".equals(forbidden.reason())
					? "Only the organizer can change this event"
					: "Google refused the change (" + forbidden.reason() + ")");
		}
		else if (outcome instanceof GoogleOutcome.BadRequest bad) {
			fail(connection, work, action, "Google refused the event: " + bad.message());
		}
		else {
			fail(connection, work, action, "Google says the event exists already");
		}
	}

	/**
	 * Backoff with full jitter (base doubling, capped); FAILED with the reason after the last attempt. A deleted
	 * task's event is removed however long Google stays unreachable: nobody can press Retry on a task that is gone,
	 * and giving up would leave its event in the calendar for good.
	 */
	void retry(CalendarConnection connection, Work work, String action, String reason) {
		CrmTask task = work.task();
		int attempt = task.getSyncAttempts() + 1;
		if (attempt >= properties.maxAttempts() && task.getDeletedAt() == null) {
			fail(connection, work, action, reason + " — gave up after " + attempt + " attempts; use Retry");
			return;
		}
		Duration delay = GoogleOutcome.backoff(attempt - 1, properties.backoffBase(), properties.backoffCap(),
				0.5 + ThreadLocalRandom.current().nextDouble() / 2);
		store.retryAt(task.getId(), clock.instant().plus(delay), reason, true);
		log.outbound(task.getUserId(), task.getId(), connection.getId(), null, action,
				"RETRY", reason + "; next try in " + delay.toSeconds() + " s");
	}

	/** A failure no rule above classifies: the task is FAILED with what went wrong, for a person to see and retry. */
	void unclassified(CalendarConnection connection, Work work, String action, RuntimeException ex) {
		String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
		fail(connection, work, action, "CalBridge could not " + action + " this task's event ("
				+ (what.length() > 200 ? what.substring(0, 200) + "…" : what) + "). "
				+ ("prepare".equals(action) ? "Nothing was sent to Google for it" : "Google's answer was not recorded")
				+ "; check its dates and fields, save it again or use Retry");
	}

	private void fail(CalendarConnection connection, Work work, String action, String reason) {
		CrmTask task = work.task();
		store.failed(task.getId(), reason);
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), action, "FAILED",
				reason);
	}

	/** A follow-up call (after a 409, 412 or move), counted against the account's quota like any other. */
	private <T> T single(CalendarConnection connection, CalendarClients.GoogleCall<T> call) {
		waitForQuota(connection);
		return clients.call(call);
	}

	private void paced(CalendarConnection connection, PlannedCall<?> call) {
		waitForQuota(connection);
		call.runAlone(clients);
	}

	private void waitForQuota(CalendarConnection connection) {
		pacer.acquireOne(connection.getGoogleAccountEmail());
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
				&& signature(task, connection).equals(task.getSyncedSnapshot().get("sent"));
	}

	private static SyncFields base(CrmTask task) {
		return task.getSyncedSnapshot() == null ? null : SyncFields.fromMap(task.getSyncedSnapshot());
	}

	private static String colorId(CalendarConnection connection, CrmTask task) {
		return TaskTypeColors.googleColorId(connection, task.getType().json());
	}

	interface RequestBuilder<T> {

		CalendarRequest<T> build() throws IOException;

	}

	private static <T> CalendarRequest<T> request(RequestBuilder<T> builder) {
		try {
			return builder.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
