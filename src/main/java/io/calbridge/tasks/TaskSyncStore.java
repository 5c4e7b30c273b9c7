package io.calbridge.tasks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tasks as the sync workers see them: claiming due work, and recording what Google answered. Every method is
 * one short transaction; none is ever open while Google is called. Recording takes the task's row lock, so a
 * person's save and the worker's bookkeeping never overwrite each other.
 */
@Service
public class TaskSyncStore {

	private final JdbcTemplate jdbc;

	private final EntityManager entities;

	private final Clock clock;

	TaskSyncStore(JdbcTemplate jdbc, EntityManager entities, Clock clock) {
		this.jdbc = jdbc;
		this.entities = entities;
		this.clock = clock;
	}

	/** A task taken by a worker, as it was when taken. */
	public record Claim(long taskId, long userId, long version) {
	}

	/**
	 * Takes up to {@code limit} due PENDING tasks for this worker: their next attempt moves {@code lease} ahead,
	 * so other workers and instances pass them by ({@code SKIP LOCKED}); a worker that dies loses nothing, the
	 * lease just runs out.
	 */
	@Transactional
	public List<Claim> claimDue(int limit, Duration lease) {
		Instant now = clock.instant();
		return jdbc.query("""
				update crm_tasks set sync_next_attempt_at = ?
				where id in (select id from crm_tasks
				             where sync_state = 'PENDING' and sync_next_attempt_at <= ?
				             order by sync_next_attempt_at, id limit ? for update skip locked)
				returning id, user_id, version""",
				(rs, row) -> new Claim(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("version")),
				Timestamp.from(now.plus(lease)), Timestamp.from(now), limit);
	}

	/** A task by id, tombstones included (the worker still has to remove their events). */
	@Transactional(readOnly = true)
	public Optional<CrmTask> find(long taskId) {
		return Optional.ofNullable(entities.find(CrmTask.class, taskId));
	}

	/** The tasks of a claim, by id, in one query (a sweep claims hundreds). */
	@Transactional(readOnly = true)
	public Map<Long, CrmTask> findAll(java.util.Collection<Long> taskIds) {
		return entities.createQuery("select t from CrmTask t where t.id in :ids", CrmTask.class)
			.setParameter("ids", taskIds)
			.getResultList()
			.stream()
			.collect(java.util.stream.Collectors.toMap(CrmTask::getId, task -> task));
	}

	/**
	 * Google has the task as {@code snapshot}. The task becomes SYNCED unless a person changed it since the worker
	 * took it ({@code claimedVersion}); then it stays PENDING and the change goes out next.
	 */
	@Transactional
	public void synced(long taskId, long claimedVersion, EventLink link, Map<String, Object> snapshot,
			List<Attendee> answers) {
		workerAnswer(taskId).ifPresent(task -> task.written(link, snapshot, answers,
				task.getVersion() == claimedVersion && task.getSyncState() == SyncState.PENDING, clock.instant()));
	}

	/**
	 * A note beside the agreed snapshot, made by {@code amend} from a copy of it (the sync module owns its keys); it
	 * lasts until the next version is recorded. Nothing for a task with no snapshot.
	 */
	@Transactional
	public void amendSnapshot(long taskId, java.util.function.UnaryOperator<Map<String, Object>> amend) {
		locked(taskId).ifPresent(task -> task.amendSnapshot(amend));
	}

	/**
	 * Inbound sync read this version of the task's event while the worker's write was under way (the task PENDING,
	 * or its insert not recorded yet) and left it to the worker: see {@link #synced}.
	 */
	@Transactional
	public void seenWhileWriting(long taskId, String etag) {
		locked(taskId).ifPresent(task -> task.seenWhileWriting(etag));
	}

	@Transactional
	public void retryAt(long taskId, Instant at, String reason, boolean countsAsAttempt) {
		workerAnswer(taskId).ifPresent(task -> task.retryAt(at, reason, countsAsAttempt));
	}

	@Transactional
	public void failed(long taskId, String reason) {
		workerAnswer(taskId).ifPresent(task -> task.failed(reason));
	}

	/**
	 * The task, for recording how a call the outbound worker made went, unless inbound sync found a conflict while
	 * the call was under way: the conflict was judged on a later version of the event, so the call's outcome (a
	 * retry, a failure, an old etag and snapshot) must not undo it. A retry would send the task over Google's side
	 * of the conflict with the conflict's fresh etag. Settling the conflict sends the task again.
	 */
	private Optional<CrmTask> workerAnswer(long taskId) {
		return locked(taskId).filter(task -> task.getSyncState() != SyncState.CONFLICT);
	}

	/**
	 * Nothing to choose for a task the person deleted meanwhile: its deletion stands and its tombstone goes on (a
	 * tombstone in CONFLICT was never taken again, so it and its event stayed forever).
	 */
	@Transactional
	public void conflicted(long taskId, Map<String, Object> conflict, String remoteEtag, Instant remoteUpdated) {
		locked(taskId).filter(task -> !task.isDeleted())
			.ifPresent(task -> task.conflicted(conflict, remoteEtag, remoteUpdated));
	}

	/** Who organizes the task's event, as Google says now (see {@link CrmTask#organizedBy}). */
	@Transactional
	public void organizedBy(long taskId, EventOrganizer organizer) {
		locked(taskId).filter(task -> task.getEventOrigin() == EventOrigin.GOOGLE)
			.ifPresent(task -> task.organizedBy(organizer));
	}

	/** See {@link CrmTask#leftInGoogle}. */
	@Transactional
	public void leftInGoogle(long taskId, String reason) {
		locked(taskId).ifPresent(task -> task.leftInGoogle(reason));
	}

	@Transactional
	public void unlinked(long taskId, SyncState state, String reason) {
		locked(taskId).ifPresent(task -> task.unlinked(state, reason));
	}

	/** Google's values for some fields, taken into the task (a merge or a person's conflict choice). */
	@Transactional
	public void takeFromGoogle(long taskId, TaskDetails details) {
		locked(taskId).ifPresent(task -> task.takeFromGoogle(details, clock.instant()));
	}

	/**
	 * An event found under the task's own id after an insert whose answer was lost: the task is linked to it with
	 * {@code inserted} (what the insert sent, as far as known) as the base of the merge that follows, and the guests'
	 * answers the event carries (the next write is guarded by its etag and sends them back); it stays PENDING.
	 */
	@Transactional
	public void adopted(long taskId, EventLink link, Map<String, Object> inserted, List<Attendee> answers) {
		workerAnswer(taskId).ifPresent(task -> task.linked(link, inserted, answers, false, clock.instant()));
	}

	/**
	 * Google's values for some fields, taken by the outbound worker's merge after a 412, only into the version it
	 * merged ({@code version}) and never into a task inbound sync has meanwhile put into CONFLICT. False when the
	 * task moved on: the merge is stale.
	 */
	@Transactional
	public boolean tookFromGoogle(long taskId, long version, TaskDetails details) {
		return workerAnswer(taskId).filter(task -> task.getVersion() == version)
			.map(task -> {
				task.takeFromGoogle(details, clock.instant());
				return true;
			})
			.orElse(false);
	}

	/**
	 * A person settled a conflict: the task already holds the chosen values; Google's version they chose against
	 * becomes the base, and the result goes out guarded by that version's etag.
	 */
	@Transactional
	public void resolved(long taskId, Map<String, Object> googleVersion) {
		locked(taskId).ifPresent(task -> task.resolved(googleVersion, clock.instant()));
	}

	/** A person asked for a new Meet link on a task that has one. */
	@Transactional
	public boolean newMeetLink(long userId, long taskId) {
		return locked(taskId).filter(t -> t.getUserId() == userId && t.isIncludeGoogleMeet() && t.getDeletedAt() == null)
			.map(t -> {
				t.newMeetLink(clock.instant());
				return true;
			})
			.orElse(false);
	}

	/** The worker leaves the task's event in Google (see {@link CrmTask#keptInGoogle}). */
	@Transactional
	public void keptInGoogle(long taskId, String reason) {
		locked(taskId).ifPresent(task -> task.keptInGoogle(reason));
	}

	/** A tombstone whose event is gone: now it can go too. */
	@Transactional
	public void purge(long taskId) {
		locked(taskId).filter(CrmTask::isDeleted).ifPresent(entities::remove);
	}

	/** Sends again, now: a reconnected account, or a bulk sync. Only tasks with sync on, in the given states. */
	@Transactional
	public int requeue(long userId, java.util.Set<SyncState> states) {
		return requeue(userId, states, false);
	}

	/**
	 * As {@link #requeue(long, Set)}; {@code asked}: a person pressed the button (sync all, sync now), so these tasks
	 * go even while auto-sync is off.
	 */
	@Transactional
	public int requeue(long userId, java.util.Set<SyncState> states, boolean asked) {
		if (states.isEmpty()) {
			return 0;
		}
		String in = String.join(", ", states.stream().map(s -> "'" + s.name() + "'").toList());
		return jdbc.update("""
				update crm_tasks set sync_state = 'PENDING', sync_next_attempt_at = ?, sync_attempts = 0,
				       sync_last_error = null, sync_requested = sync_requested or ?
				where user_id = ? and (sync_to_calendar or deleted_at is not null)
				  and not (deleted_at is not null and sync_state = 'NONE') and sync_state in (""" + in + ")",
				Timestamp.from(clock.instant()), asked, userId);
	}

	/**
	 * A task the worker took that needs no write after all (someone else's event, whose fields only its organizer
	 * changes): SYNCED as it is, unless a person changed it since it was taken.
	 */
	@Transactional
	public void nothingToWrite(long taskId, long claimedVersion) {
		workerAnswer(taskId).filter(task -> task.getVersion() == claimedVersion
				&& task.getSyncState() == SyncState.PENDING)
			.ifPresent(task -> task.linked(new EventLink(task.getGoogleConnectionId(), task.getGoogleCalendarId(),
					task.getGoogleEventId(), task.getGoogleEtag(), task.getGoogleUpdated(), task.getGoogleMeetLink(),
					task.getGoogleMeetId(), task.getEventOrigin(), task.getGoogleInvitedBy()), task.getSyncedSnapshot(),
					null, true, clock.instant()));
	}

	/** Deleted tasks whose event could not be removed get another chance (the reason may have passed). */
	@Transactional
	public int requeueFailedDeletions() {
		return jdbc.update("update crm_tasks set sync_state = 'PENDING', sync_next_attempt_at = ?, sync_attempts = 0 "
				+ "where deleted_at is not null and sync_state = 'FAILED'", Timestamp.from(clock.instant()));
	}

	@Transactional
	public boolean retry(long userId, long taskId) {
		return jdbc.update("""
				update crm_tasks set sync_state = 'PENDING', sync_next_attempt_at = ?, sync_attempts = 0
				where id = ? and user_id = ? and sync_state = 'FAILED'""", Timestamp.from(clock.instant()), taskId,
				userId) == 1;
	}

	/**
	 * Every failed task of one user tries again, as its own Retry button would: the reason of a failure (a quota,
	 * an outage, a connection that needed its owner) has often passed by the time a person looks.
	 */
	@Transactional
	public int retryFailed(long userId) {
		return jdbc.update("""
				update crm_tasks set sync_state = 'PENDING', sync_next_attempt_at = ?, sync_attempts = 0
				where user_id = ? and deleted_at is null and sync_state = 'FAILED'""", Timestamp.from(clock.instant()),
				userId);
	}

	/** The tasks whose events live in one connection's calendars. */
	@Transactional(readOnly = true)
	public List<CrmTask> linkedTo(long connectionId) {
		return entities.createQuery("select t from CrmTask t where t.googleConnectionId = :c and t.googleEventId is not null",
				CrmTask.class).setParameter("c", connectionId).getResultList();
	}

	/**
	 * Of {@code eventIds} in one calendar, those a task of this user is linked to: one query for a whole page of
	 * events, so a full read of a big calendar whose events have no task (someone else's meetings, import off)
	 * does not cost one lookup per event.
	 */
	@Transactional(readOnly = true)
	public Set<String> linkedEventIds(long userId, String calendarId, Collection<String> eventIds) {
		if (eventIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.query(connection -> {
			var statement = connection.prepareStatement("select google_event_id from crm_tasks where user_id = ? "
					+ "and google_calendar_id = ? and google_event_id = any (?)");
			statement.setLong(1, userId);
			statement.setString(2, calendarId);
			statement.setArray(3, connection.createArrayOf("text", eventIds.toArray()));
			return statement;
		}, (rs, row) -> rs.getString(1)));
	}

	/**
	 * The task of one event, as inbound sync meets it: by where the event lives. Only the connection owner's tasks:
	 * several CalBridge users may connect one Google account, and another user's task must never follow it.
	 */
	@Transactional(readOnly = true)
	public Optional<CrmTask> findForEvent(long userId, String calendarId, String eventId) {
		return entities.createQuery("select t from CrmTask t where t.userId = :u "
				+ "and t.googleCalendarId = :c and t.googleEventId = :e", CrmTask.class)
			.setParameter("u", userId).setParameter("c", calendarId).setParameter("e", eventId).getResultList()
			.stream()
			.findFirst();
	}

	/**
	 * Google's version of a linked task, read by inbound sync: {@code details} (or null when no field is taken),
	 * the event's etag, answers and Meet link, and the new agreed base. A task with local changes still to send
	 * stays PENDING (they go out guarded by the new etag; a worker's answer under way is measured against this
	 * version); otherwise it is SYNCED. Only into the version merged ({@code version}): false when the task was
	 * changed meanwhile, since {@code details} carry the merged copy's other fields and would undo that change.
	 */
	@Transactional
	public boolean appliedFromGoogle(long taskId, long version, TaskDetails details, EventLink link,
			Map<String, Object> snapshot, List<Attendee> answers, EventOrganizer organizer) {
		return locked(taskId).filter(task -> task.getVersion() == version).map(task -> {
			task.organizedBy(organizer);
			if (details != null) {
				task.takeFromGoogle(details, clock.instant());
			}
			boolean writing = task.getSyncState() == SyncState.PENDING;
			task.linked(link, snapshot, answers, !writing, clock.instant());
			task.seenWhileWriting(writing ? link.etag() : null);
			return true;
		}).orElse(false);
	}

	/**
	 * A task for an event made in Google (import of external events). Empty when another task already has the
	 * event (one task per event: the unique index decides, e.g. two CalBridge users importing one shared account).
	 */
	@Transactional
	public Optional<Long> importEvent(long userId, TaskDetails details, EventLink link, Map<String, Object> snapshot,
			List<Attendee> answers, EventOrganizer organizer) {
		Long existing = jdbc.query("select id from crm_tasks where google_calendar_id = ? and google_event_id = ?",
				rs -> rs.next() ? rs.getLong(1) : null, link.calendarId(), link.eventId());
		if (existing != null) {
			return Optional.empty();
		}
		CrmTask task = CrmTask.imported(userId, details, link, snapshot, answers, organizer, clock.instant());
		entities.persist(task);
		entities.flush();
		return Optional.of(task.getId());
	}

	/** The event was deleted in Google: the task is cancelled (or just unlinked) and stops syncing. */
	@Transactional
	public void eventDeletedInGoogle(long taskId, boolean cancel, String reason) {
		locked(taskId).ifPresent(task -> task.eventDeletedInGoogle(cancel, reason, clock.instant()));
	}

	/** The event was deleted in Google and the person chose that its task goes too; there is no event to remove. */
	@Transactional
	public void deleteWithEvent(long taskId) {
		locked(taskId).ifPresent(entities::remove);
	}

	/** A task's link to an event, for reconciling a full resync. */
	public record LinkedEvent(long taskId, String eventId) {
	}

	/** The linked, live tasks of one calendar whose time falls into [from, to). */
	@Transactional(readOnly = true)
	public List<LinkedEvent> linkedEvents(long connectionId, String calendarId, Instant from, Instant to) {
		return jdbc.query("""
				select id, google_event_id from crm_tasks
				where google_connection_id = ? and google_calendar_id = ? and google_event_id is not null
				  and deleted_at is null and end_at > ? and start_at < ?""",
				(rs, row) -> new LinkedEvent(rs.getLong(1), rs.getString(2)), connectionId, calendarId,
				Timestamp.from(from), Timestamp.from(to));
	}

	/**
	 * How many live tasks each calendar of a connection holds, by calendar id (a calendar without any is absent):
	 * the settings page shows it, and the mass-deletion safeguard weighs removals against it.
	 */
	@Transactional(readOnly = true)
	public Map<String, Long> linkedTasksByCalendar(long connectionId) {
		Map<String, Long> linked = new java.util.HashMap<>();
		jdbc.query("""
				select google_calendar_id, count(*) from crm_tasks
				where google_connection_id = ? and google_calendar_id is not null and deleted_at is null
				group by google_calendar_id""", rs -> {
			linked.put(rs.getString(1), rs.getLong(2));
		}, connectionId);
		return linked;
	}

	/** The calendars a user's tasks live in or are sent to, besides the connection's default. */
	@Transactional(readOnly = true)
	public List<String> targetCalendars(long userId, long connectionId) {
		return jdbc.queryForList("""
				select distinct coalesce(google_calendar_id, selected_calendar_id) from crm_tasks
				where user_id = ? and deleted_at is null and coalesce(google_calendar_id, selected_calendar_id) is not null
				  and (google_connection_id = ? or google_connection_id is null)""", String.class, userId,
				connectionId);
	}

	/**
	 * One user's tasks waiting to be sent (PENDING, deleted ones included): how many, how many of them a person asked
	 * to send ({@code asked}), and the reason the worker last gave for the wait (the most common one), if any.
	 */
	public record Waiting(long pending, long asked, String reason) {
	}

	@Transactional(readOnly = true)
	public Waiting waiting(long userId) {
		return jdbc.query("""
				select count(*) as pending, count(*) filter (where sync_requested) as asked,
				       mode() within group (order by sync_last_error) as reason
				from crm_tasks where user_id = ? and sync_state = 'PENDING'""",
				rs -> {
					rs.next();
					return new Waiting(rs.getLong("pending"), rs.getLong("asked"), rs.getString("reason"));
				}, userId);
	}

	/**
	 * What an import brought in: tasks, and of them the occurrences of how many recurring series, which repeat
	 * {@code seriesKind} ("weekly", "daily", or "recurring" when not one of those); {@code before}: tasks imported
	 * from the calendar earlier, still there.
	 */
	public record Imported(long tasks, long series, long occurrences, String seriesKind, long before) {
	}

	/**
	 * The tasks imported from one calendar of a connection since {@code since}. An occurrence of a series has the
	 * event id {@code <seriesId>_<original start>} (GOOGLE-API-FACTS.md, recurring events); other ids have no "_".
	 * A series is weekly (daily) when its occurrences here are a week (a day) apart, give or take a DST hour.
	 */
	@Transactional(readOnly = true)
	public Imported importedSince(long connectionId, String calendarId, Instant since) {
		return jdbc.query("""
				with imported as (
				    select start_at, created_at >= ? as fresh,
				           case when google_event_id like '%\\_%' then split_part(google_event_id, '_', 1) end as series
				    from crm_tasks
				    where google_connection_id = ? and google_calendar_id = ? and imported_from_google
				      and deleted_at is null),
				gaps as (
				    select start_at - lag(start_at) over (partition by series order by start_at) as gap
				    from imported where fresh and series is not null)
				select (select count(*) from imported where fresh) as tasks,
				       (select count(distinct series) from imported where fresh) as series,
				       (select count(*) from imported where fresh and series is not null) as occurrences,
				       (select count(*) from imported where not fresh) as before,
				       (select min(gap) >= interval '6 days 23 hours' and max(gap) <= interval '7 days 1 hour'
				        from gaps) as weekly,
				       (select min(gap) >= interval '23 hours' and max(gap) <= interval '25 hours' from gaps) as daily""",
				rs -> {
					rs.next();
					String kind = rs.getBoolean("weekly") ? "weekly" : rs.getBoolean("daily") ? "daily" : "recurring";
					return new Imported(rs.getLong("tasks"), rs.getLong("series"), rs.getLong("occurrences"), kind,
							rs.getLong("before"));
				}, Timestamp.from(since), connectionId, calendarId);
	}

	/** Counts of one user's tasks by sync state, for progress bars. */
	@Transactional(readOnly = true)
	public Map<SyncState, Long> countsByState(long userId) {
		Map<SyncState, Long> counts = new java.util.EnumMap<>(SyncState.class);
		jdbc.query("select sync_state, count(*) from crm_tasks where user_id = ? and deleted_at is null "
				+ "and (sync_to_calendar or google_event_id is not null) group by sync_state",
				rs -> {
					counts.put(SyncState.valueOf(rs.getString(1)), rs.getLong(2));
				}, userId);
		return counts;
	}

	private Optional<CrmTask> locked(long taskId) {
		return Optional.ofNullable(entities.find(CrmTask.class, taskId, LockModeType.PESSIMISTIC_WRITE));
	}

}
