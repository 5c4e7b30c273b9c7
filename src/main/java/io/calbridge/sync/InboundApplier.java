package io.calbridge.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.google.api.services.calendar.model.Event;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.EventLink;
import io.calbridge.tasks.EventOrganizer;
import io.calbridge.tasks.EventOrigin;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskDetails;
import io.calbridge.tasks.TaskPriority;
import io.calbridge.tasks.TaskSchedule;
import io.calbridge.tasks.TaskStatus;
import io.calbridge.tasks.TaskType;
import io.calbridge.tasks.TaskSyncStore;

/**
 * One event read from Google, applied to its task (DESIGN.md §5). Each call is its own short transaction (in
 * {@link TaskSyncStore}), so one bad event is logged and skipped without stopping the run; no Google call here.
 */
@Component
class InboundApplier {

	/** What applying one event did; the worker counts removals for the mass-deletion safeguard. */
	enum Applied {
		NOTHING, ECHO, UPDATED, CONFLICT, REMOVED
	}

	private final TaskSyncStore store;

	private final SyncLog log;

	private final SyncMetrics metrics;

	private final InboundProperties properties;

	private final Clock clock;

	InboundApplier(TaskSyncStore store, SyncLog log, SyncMetrics metrics, InboundProperties properties,
			Clock clock) {
		this.store = store;
		this.log = log;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Applies one event. {@code heldRemovals}: tasks whose event was deleted are collected there instead of
	 * following the deletion rule at once, so the worker can ask first when a run would remove too much.
	 */
	Applied apply(CalendarConnection connection, String calendarId, Event event, List<Long> heldRemovals) {
		for (int attempt = 1;; attempt++) {
			Optional<CrmTask> found = store.findForEvent(connection.getUserId(), calendarId, event.getId());
			if (found.isEmpty()) {
				return applyUnlinked(connection, calendarId, event);
			}
			if (found.get().getDeletedAt() != null) {
				// Not one of this user's linked tasks (another CalBridge user's, or an outside event), or a deleted
				// task whose event the outbound worker is removing anyway.
				return Applied.NOTHING;
			}
			CrmTask task = found.get();
			if (!task.isSyncToCalendar()) {
				// The person took this task out of sync: its event (made in Google, so left there) is only remembered,
				// so a read does not import it again. Nothing of Google's reaches the task any more, not even a
				// deletion, whose rule could cancel or delete a task the person chose to keep apart.
				return Applied.NOTHING;
			}
			if (Objects.equals(event.getEtag(), task.getGoogleEtag())) {
				// Our own write coming back (or nothing new): the etag changes on every modification in Google.
				learnOrganizer(task, event);
				return Applied.ECHO;
			}
			if (task.getGoogleUpdated() != null && event.getUpdated() != null
					&& EventMapping.updated(event).isBefore(task.getGoogleUpdated())) {
				// Older than the version the task already has: a list read before the worker's answer or merge read
				// a later one. Applied, it would turn the task (or its conflict) back to what Google no longer has.
				return Applied.ECHO;
			}
			RemoteEvent remote = EventMapping.read(event, calendarId);
			Optional<Applied> applied = remote.cancelled()
					? Optional.of(eventDeleted(connection, task, calendarId, heldRemovals))
					: merge(connection, task, calendarId, remote, EventMapping.organizer(event));
			if (applied.isEmpty() && attempt < 3) {
				continue; // the task changed while it was merged: merge again with what it has become
			}
			if (applied.isEmpty()) {
				// Still changing: an edit is going out, guarded by the old etag, and meets this version in its merge.
				store.seenWhileWriting(task.getId(), remote.etag());
				return Applied.NOTHING;
			}
			if (applied.get() != Applied.NOTHING) {
				metrics.inboundApplied(event.getUpdated());
			}
			return applied.get();
		}
	}

	/**
	 * As {@link #apply}, for an event no task of this user is linked to (the worker's lookup for the whole page, or
	 * {@link #apply}'s own): one of CalBridge's inserts whose answer is still on its way, or the import question,
	 * for which no query is spent.
	 */
	Applied applyUnlinked(CalendarConnection connection, String calendarId, Event event) {
		Optional<CrmTask> inserting = insertNotRecordedYet(connection, calendarId, event.getId());
		if (inserting.isPresent() && "cancelled".equals(event.getStatus())) {
			// A task waiting to be sent always gets the conflict, never a held removal.
			Applied applied = eventDeleted(connection, inserting.get(), calendarId, List.of());
			metrics.inboundApplied(event.getUpdated());
			return applied;
		}
		if (inserting.isPresent()) {
			// Changed in Google before the insert's answer came back: that answer must not make the task SYNCED.
			store.seenWhileWriting(inserting.get().getId(), event.getEtag());
			return Applied.NOTHING;
		}
		return importIfWanted(connection, calendarId, event);
	}

	/**
	 * The task whose insert Google applied but whose answer the outbound worker has not recorded yet (a batch slowed
	 * by another part), when the event is deleted or changed in that moment. A cancelled event carries nothing but
	 * its id, and CalBridge's ids name their task; without this the late answer would link the task to a deleted
	 * event, or to the version it inserted, unseen. Only a task still waiting to be sent: its unsent state makes a
	 * deletion its conflict (which the late answer leaves alone), and a change is measured against the answer.
	 */
	private Optional<CrmTask> insertNotRecordedYet(CalendarConnection connection, String calendarId, String eventId) {
		return EventIds.taskIdCandidates(eventId)
			.stream()
			.flatMap(taskId -> store.find(taskId).filter(task -> task.getUserId() == connection.getUserId()).stream())
			.filter(task -> EventIds.forTask(task.getId(), task.getCreatedAt()).equals(eventId))
			.filter(task -> task.getGoogleEventId() == null && task.getDeletedAt() == null
					&& (task.getSyncState() == SyncState.PENDING || task.getSyncState() == SyncState.FAILED))
			.findFirst();
	}

	/** Status "events" Google makes on its own: not appointments anyone would want as CRM tasks. */
	private static final Set<String> STATUS_EVENT_TYPES = Set.of("birthday", "focusTime", "outOfOffice",
			"workingLocation");

	/**
	 * An event someone made in Google becomes a meeting task, linked, when the connection imports external events:
	 * only from the calendar new tasks go to, only instances inside the sync window (a recurring series arrives as
	 * its instances: one task each), never CalBridge's own events (another CalBridge user's, seen on a shared
	 * account), invitations the account declined or Google's status events.
	 */
	private Applied importIfWanted(CalendarConnection connection, String calendarId, Event event) {
		if (!connection.isImportExternalEvents() || !calendarId.equals(connection.getDefaultCalendarId())
				|| "cancelled".equals(event.getStatus()) || event.getStart() == null
				|| STATUS_EVENT_TYPES.contains(event.getEventType()) || declinedBySelf(event)
				|| (event.getExtendedProperties() != null && event.getExtendedProperties().getPrivate() != null
						&& event.getExtendedProperties().getPrivate().containsKey(EventMapping.TASK_ID_KEY))) {
			return Applied.NOTHING;
		}
		RemoteEvent remote = EventMapping.read(event, calendarId);
		Instant start = remote.fields().when().allDay()
				? remote.fields().when().startDate().atStartOfDay(ZoneOffset.UTC).toInstant()
				: remote.fields().when().start();
		Instant now = clock.instant();
		if (start.isBefore(now.minus(properties.windowPast())) || start.isAfter(now.plus(properties.windowAhead()))) {
			return Applied.NOTHING;
		}
		String zoneName = event.getStart().getTimeZone() != null ? event.getStart().getTimeZone() : "UTC";
		ZoneId zone;
		try {
			zone = ZoneId.of(zoneName);
		}
		catch (java.time.DateTimeException ex) {
			zone = ZoneOffset.UTC;
		}
		SyncFields.When when = remote.fields().when();
		TaskSchedule schedule = when.allDay() ? TaskSchedule.allDay(when.startDate(), when.endDate(), zone)
				: TaskSchedule.timed(when.start(), when.end(), zone);
		String title = remote.fields().title().isBlank() ? "(No title)" : remote.fields().title();
		TaskDetails details = new TaskDetails(title.length() > 255 ? title.substring(0, 255) : title,
				remote.fields().description(), remote.fields().notes(), TaskType.MEETING, TaskPriority.MEDIUM,
				TaskStatus.PENDING, schedule, null, null, remote.attendees(), false, true, calendarId);
		Optional<Long> created = store.importEvent(connection.getUserId(), details, new EventLink(connection.getId(),
				calendarId, remote.id(), remote.etag(), remote.updated(), remote.meetLink(), remote.meetId(),
				EventOrigin.GOOGLE, EventMapping.organizer(event).invitedBy()),
				remote.fields().toMap(), remote.attendees(), EventMapping.organizer(event));
		created.ifPresent(id -> log.inbound(connection.getUserId(), id, connection.getId(), calendarId, "import", "OK",
				"event " + remote.id()));
		return created.isPresent() ? Applied.UPDATED : Applied.NOTHING;
	}

	/** The organizer of an invitation from someone else; null when the account organizes the event itself. */
	/**
	 * An event made in Google, unchanged since it was linked, may still tell who organizes it: links made before
	 * CalBridge recorded organizers learn it on the next full read, so an invitation turns read-only and offers
	 * "decline" instead of "delete" without waiting for its organizer to change it.
	 */
	private void learnOrganizer(CrmTask task, Event event) {
		if (task.getEventOrigin() != EventOrigin.GOOGLE) {
			return;
		}
		EventOrganizer organizer = EventMapping.organizer(event);
		if (!Objects.equals(organizer.invitedBy(), task.getGoogleInvitedBy())
				|| organizer.guestsCanModify() != task.isGoogleGuestsCanModify()) {
			store.organizedBy(task.getId(), organizer);
		}
	}

	private static boolean declinedBySelf(Event event) {
		return event.getAttendees() != null && event.getAttendees().stream()
			.anyMatch(a -> Boolean.TRUE.equals(a.getSelf()) && "declined".equals(a.getResponseStatus()));
	}

	/**
	 * Empty when the task changed since it was read: the merge is stale and is made again. {@code organizer}: who
	 * organizes the event, kept up to date on links made in Google (an invitation offers "decline", not "delete").
	 */
	private Optional<Applied> merge(CalendarConnection connection, CrmTask task, String calendarId,
			RemoteEvent event, EventOrganizer organizer) {
		SyncFields local = EventMapping.fields(task);
		SyncFields base = task.getSyncedSnapshot() == null ? event.fields()
				: SyncFields.base(task.getSyncedSnapshot(), event.fields());
		if (task.getSyncState() == SyncState.CONFLICT && task.getConflictData() != null) {
			base = SyncFields.fromMap(map(task.getConflictData().get("base")));
		}
		RemoteEvent remote = event;
		if (!organizer.self() && !organizer.guestsCanModify()) {
			// Someone else's event: the task's notes are CRM-only (never written into the organizer's description),
			// so they are not merged either way.
			local = local.withNotes(base.notes());
			remote = event.withFields(event.fields().withNotes(base.notes()));
		}
		ThreeWayMerge.Result merge = ThreeWayMerge.merge(base, local, remote.fields());
		if (merge.clean() && merge.fromGoogle().isEmpty() && task.getSyncState() == SyncState.PENDING) {
			// The outbound worker is about to write (or is writing) this task: a write still to come is guarded by
			// the old etag and meets this version in its merge; one already made answers with an older version,
			// and the note sends the worker to look again (guests' answers given meanwhile are not lost).
			store.seenWhileWriting(task.getId(), remote.etag());
			return Optional.of(Applied.NOTHING);
		}
		List<String> conflicts = new ArrayList<>(merge.conflicts());
		if (task.getSyncState() == SyncState.CONFLICT) {
			conflicts.addAll(stillApart(task, local, remote.fields(), conflicts));
		}
		if (!conflicts.isEmpty()) {
			Map<String, Object> conflict = new LinkedHashMap<>();
			conflict.put("fields", conflicts);
			conflict.put("base", base.toMap());
			conflict.put("local", local.toMap());
			conflict.put("remote", remote.fields().toMap());
			store.conflicted(task.getId(), conflict, remote.etag(), remote.updated());
			log.inbound(task.getUserId(), task.getId(), connection.getId(), calendarId, "merge", "CONFLICT",
					"changed on both sides: " + String.join(", ", conflicts));
			return Optional.of(Applied.CONFLICT);
		}
		TaskDetails details = merge.fromGoogle().isEmpty() ? null
				: EventMapping.withGoogleValues(task, remote, merge.fromGoogle());
		// The new agreed base: Google's version, except fields only CalBridge changed, which still have to go out
		// (the task stays PENDING and sends them guarded by this etag).
		Map<String, Object> snapshot = agreed(base, remote.fields(), merge.fromCalBridge()).toMap();
		if (task.getSyncedSnapshot() != null && task.getSyncedSnapshot().get("sent") != null) {
			snapshot.put("sent", task.getSyncedSnapshot().get("sent"));
		}
		if (!store.appliedFromGoogle(task.getId(), task.getVersion(), details, new EventLink(connection.getId(),
				calendarId, remote.id(), remote.etag(), remote.updated(), remote.meetLink(), remote.meetId(),
				task.getEventOrigin(), task.getEventOrigin() == EventOrigin.GOOGLE ? organizer.invitedBy() : null),
				snapshot, remote.attendees(), organizer)) {
			return Optional.empty();
		}
		log.inbound(task.getUserId(), task.getId(), connection.getId(), calendarId, "update", "OK",
				merge.fromGoogle().isEmpty() ? "answers, Meet link or etag" : "took from Google: "
						+ String.join(", ", merge.fromGoogle()));
		return Optional.of(Applied.UPDATED);
	}

	/**
	 * The fields of a task's open conflict on which CalBridge and Google still differ. A side that went back to the
	 * base was still changed (away and back: Ana moving the event to where it first was): merged against the old
	 * base it would count as unchanged, and its latest value be overwritten unseen. The conflict stays open until the
	 * person settles it or both sides come to agree.
	 */
	private static List<String> stillApart(CrmTask task, SyncFields local, SyncFields remote, List<String> known) {
		Object open = task.getConflictData() == null ? null : task.getConflictData().get("fields");
		if (!(open instanceof List<?> fields)) {
			return List.of();
		}
		return fields.stream()
			.map(String::valueOf)
			.filter(field -> SyncFields.NAMES.contains(field) && !known.contains(field) && !local.same(field, remote))
			.toList();
	}

	private static SyncFields agreed(SyncFields base, SyncFields remote, List<String> keepBase) {
		return new SyncFields(pick("title", base, remote, keepBase).title(),
				pick("description", base, remote, keepBase).description(),
				pick("notes", base, remote, keepBase).notes(), pick("when", base, remote, keepBase).when(),
				pick("guests", base, remote, keepBase).guests());
	}

	private static SyncFields pick(String field, SyncFields base, SyncFields remote, List<String> keepBase) {
		return keepBase.contains(field) ? base : remote;
	}

	/**
	 * The event was deleted in Google: the connection's deletion rule decides. A task with edits not yet sent is
	 * not silently dropped: it becomes a CONFLICT the person settles (their edits against the deletion).
	 */
	Applied eventDeleted(CalendarConnection connection, CrmTask task, String calendarId, List<Long> heldRemovals) {
		if (task.getSyncState() == SyncState.PENDING || task.getSyncState() == SyncState.FAILED
				|| task.getSyncState() == SyncState.CONFLICT) {
			store.conflicted(task.getId(), DeletedInGoogle.conflict(task), null, null);
			log.inbound(task.getUserId(), task.getId(), connection.getId(), calendarId, "delete", "CONFLICT",
					"deleted in Google while the task had changes not yet sent");
			return Applied.CONFLICT;
		}
		heldRemovals.add(task.getId());
		return Applied.REMOVED;
	}

	void applyDeletionRule(CalendarConnection connection, long taskId, long userId, String calendarId) {
		CalendarConnection.DeletionRule rule = connection.getDeletionRule();
		String reason = "The event was deleted in Google Calendar.";
		if (rule == CalendarConnection.DeletionRule.DELETE_TASK) {
			store.deleteWithEvent(taskId);
		}
		else {
			store.eventDeletedInGoogle(taskId, rule != CalendarConnection.DeletionRule.UNLINK, reason);
		}
		log.inbound(userId, taskId, connection.getId(), calendarId, "delete", "OK", "deletion rule " + rule.name());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
