package io.calbridge.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OptimisticLock;
import org.hibernate.type.SqlTypes;

/**
 * A CRM task and, beside it, where it stands with its Google Calendar event.
 * <p>
 * Only the columns that changed are written ({@code @DynamicUpdate}), and the sync bookkeeping does not count
 * as an edit ({@code @OptimisticLock(excluded = true)}): the worker recording an etag neither makes a person's
 * open form stale nor gets overwritten by that form's save.
 */
@Entity
@Table(name = "crm_tasks")
@DynamicUpdate
public class CrmTask {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long userId;

	@Version
	private long version;

	private String title;

	private String description;

	private String notes;

	@Enumerated(EnumType.STRING)
	private TaskType type;

	@Enumerated(EnumType.STRING)
	private TaskPriority priority;

	@Enumerated(EnumType.STRING)
	private TaskStatus status;

	private boolean allDay;

	private Instant startAt;

	private Instant endAt;

	private LocalDate startDate;

	private LocalDate endDate;

	private String timeZone;

	private String contactName;

	private String dealName;

	@JdbcTypeCode(SqlTypes.JSON)
	private List<Attendee> attendees = new ArrayList<>();

	private boolean includeGoogleMeet;

	private boolean syncToCalendar;

	private String selectedCalendarId;

	@OptimisticLock(excluded = true)
	private Long googleConnectionId;

	/**
	 * Made from an event someone created in Google (import of external events), not in CalBridge: where the task
	 * came from. Who made the event it is linked to now is {@link #eventOrigin}, which destructive paths read.
	 */
	private boolean importedFromGoogle;

	/** Who made the linked event; null while there is none. A fact of the link, like the other google fields. */
	@Enumerated(EnumType.STRING)
	@OptimisticLock(excluded = true)
	private EventOrigin eventOrigin;

	/** The organizer of an imported invitation when it is someone else: the account is only a guest there. */
	@OptimisticLock(excluded = true)
	private String googleInvitedBy;

	/** What the person chose for the event when deleting the task, for the worker that acts on it later. */
	@Enumerated(EnumType.STRING)
	private EventChoice deletedEventChoice;

	@OptimisticLock(excluded = true)
	private String googleEventId;

	@OptimisticLock(excluded = true)
	private String googleCalendarId;

	@OptimisticLock(excluded = true)
	private String googleEtag;

	/** When Google last modified the version of the event recorded here (Google's clock): orders versions. */
	@OptimisticLock(excluded = true)
	private Instant googleUpdated;

	/** A version of the event inbound sync read while the worker's write was under way: see {@link #written}. */
	@OptimisticLock(excluded = true)
	private String googleEtagSeen;

	@OptimisticLock(excluded = true)
	private Instant googleSyncedAt;

	@Enumerated(EnumType.STRING)
	@OptimisticLock(excluded = true)
	private SyncState syncState = SyncState.NONE;

	@OptimisticLock(excluded = true)
	private int syncAttempts;

	@OptimisticLock(excluded = true)
	private Instant syncNextAttemptAt;

	@OptimisticLock(excluded = true)
	private String syncLastError;

	@JdbcTypeCode(SqlTypes.JSON)
	@OptimisticLock(excluded = true)
	private Map<String, Object> syncedSnapshot;

	@JdbcTypeCode(SqlTypes.JSON)
	@OptimisticLock(excluded = true)
	private Map<String, Object> conflictData;

	@OptimisticLock(excluded = true)
	private String googleMeetLink;

	/** Google ignores a repeated conference request id; a new one is made only when the person asks. */
	@OptimisticLock(excluded = true)
	private String meetRequestId;

	@OptimisticLock(excluded = true)
	private String googleMeetId;

	/** Whether the organizer of an invitation lets its guests change it ({@link #googleInvitedBy} is the organizer). */
	@OptimisticLock(excluded = true)
	private boolean googleGuestsCanModify;

	/** A person asked for this task to go now (sync all, sync now): sent even while auto-sync is off. */
	@OptimisticLock(excluded = true)
	private boolean syncRequested;

	private Instant deletedAt;

	private Instant createdAt;

	private Instant updatedAt;

	protected CrmTask() {
	}

	CrmTask(long userId, TaskDetails details, Instant now) {
		this.userId = userId;
		this.createdAt = now;
		apply(details, now);
	}

	/** A task for an event someone made in Google: linked to it from the start, nothing to send. */
	static CrmTask imported(long userId, TaskDetails details, EventLink link, Map<String, Object> snapshot,
			List<Attendee> answers, EventOrganizer organizer, Instant now) {
		CrmTask task = new CrmTask(userId, details, now);
		task.importedFromGoogle = true;
		task.organizedBy(organizer);
		task.linked(link, snapshot, answers, true, now);
		return task;
	}

	/** Who organizes the event, as Google last said: decides which fields the person may change here. */
	void organizedBy(EventOrganizer organizer) {
		googleInvitedBy = organizer.invitedBy();
		googleGuestsCanModify = organizer.guestsCanModify();
	}

	/**
	 * The event is someone else's and its guests may not modify it: Google takes no change of its title, time,
	 * description or guests from this account, so they are read-only here, and nothing else of the task is written
	 * into the event (its description is the organizer's).
	 */
	public boolean isReadOnlyInGoogle() {
		return googleEventId != null && googleInvitedBy != null && !googleGuestsCanModify;
	}

	/** Why the event's own fields cannot be changed here, as the task page and form say it; null when they can. */
	public String getReadOnlyReason() {
		return isReadOnlyInGoogle() ? "This is an invitation from " + googleInvitedBy
				+ "; Google lets only the organizer change its title, time, description and guests." : null;
	}

	/**
	 * Takes a person's edit. A change the calendar would show, on a task with sync on (or switching sync off for
	 * a task that has an event), marks it PENDING in the same transaction, unless the task is in CONFLICT; anything
	 * else leaves the sync state.
	 */
	void apply(TaskDetails details, Instant now) {
		boolean firstSave = title == null;
		// Someone else's event takes nothing from here: what may still change (notes, priority, status, contact,
		// deal) is CRM-only, and sending it would write into the organizer's description.
		boolean calendarRelevant = firstSave || (details.showsDifferentlyThan(details()) && !isReadOnlyInGoogle())
				|| (details.syncToCalendar() != syncToCalendar && googleEventId != null);
		List<Attendee> previousGuests = attendees;
		title = details.title();
		description = details.description();
		notes = details.notes();
		type = details.type();
		priority = details.priority();
		status = details.status();
		TaskSchedule schedule = details.schedule();
		allDay = schedule.allDay();
		startAt = schedule.startAt();
		endAt = schedule.endAt();
		startDate = schedule.startDate();
		endDate = schedule.endDate();
		timeZone = schedule.zone().getId();
		contactName = details.contactName();
		dealName = details.dealName();
		attendees = keepAnswers(details.attendees(), previousGuests);
		includeGoogleMeet = details.includeGoogleMeet();
		syncToCalendar = details.syncToCalendar();
		selectedCalendarId = details.calendarId();
		updatedAt = now;
		// A task in conflict keeps it: sending now would write every local field over Google's side of the
		// conflict, unseen. The edit waits for the person to settle the conflict (which sends it with the rest).
		if (calendarRelevant && (syncToCalendar || googleEventId != null) && syncState != SyncState.CONFLICT) {
			markPending(now);
		}
	}

	/** A guest's answer belongs to the guest: editing the guest list keeps the answers of those who stay. */
	private static List<Attendee> keepAnswers(List<Attendee> edited, List<Attendee> previous) {
		return edited.stream()
			.map(guest -> previous.stream()
				.filter(guest::sameGuest)
				.findFirst()
				.map(old -> new Attendee(guest.email(), guest.name(), old.responseStatus()))
				.orElse(new Attendee(guest.email(), guest.name(), Attendee.NEEDS_ACTION)))
			.toList();
	}

	void markPending(Instant now) {
		syncState = SyncState.PENDING;
		syncNextAttemptAt = now;
		syncAttempts = 0;
		syncLastError = null;
	}

	/**
	 * Deleted by the user; stays as a tombstone while its event still has to be removed or declined. An event
	 * kept in Google keeps its tombstone too, linked but never sent: import would otherwise bring the event back
	 * as a new task.
	 */
	void markDeleted(EventChoice choice, Instant now) {
		deletedAt = now;
		updatedAt = now;
		deletedEventChoice = choice;
		if (choice == EventChoice.KEEP && hasEvent()) {
			syncState = SyncState.NONE;
			syncNextAttemptAt = null;
			syncLastError = null;
		}
		else {
			markPending(now);
		}
	}

	boolean hasEvent() {
		return googleEventId != null;
	}

	// --- what the sync worker records (never a person's edit, so the version stays) ---

	void linked(EventLink link, Map<String, Object> snapshot, List<Attendee> answers, boolean stillCurrent,
			Instant now) {
		googleConnectionId = link.connectionId();
		googleCalendarId = link.calendarId();
		googleEventId = link.eventId();
		eventOrigin = link.origin();
		googleInvitedBy = link.invitedBy();
		googleEtag = link.etag();
		googleUpdated = link.updated();
		googleMeetLink = link.meetLink();
		googleMeetId = link.meetId();
		googleSyncedAt = now;
		syncedSnapshot = snapshot;
		conflictData = null;
		if (answers != null) {
			attendees = keepAnswers(attendees, answers);
		}
		if (stillCurrent) {
			syncState = SyncState.SYNCED;
			syncRequested = false;
			syncAttempts = 0;
			syncLastError = null;
			syncNextAttemptAt = null;
		}
	}

	/**
	 * The worker's answer: Google has the task as {@code snapshot}. When inbound sync read another version of the
	 * event while the write was under way, this answer may be the older one (a slow batch): the task is not SYNCED
	 * on its word, and the worker looks at the event again.
	 */
	void written(EventLink link, Map<String, Object> snapshot, List<Attendee> answers, boolean stillCurrent,
			Instant now) {
		boolean latestSeen = googleEtagSeen == null || googleEtagSeen.equals(link.etag());
		googleEtagSeen = null;
		linked(link, snapshot, answers, stillCurrent && latestSeen, now);
		if (!latestSeen) {
			syncState = SyncState.PENDING;
		}
		if (syncState == SyncState.PENDING) {
			// What changed meanwhile (here or in Google) is the worker's next job now, not when its claim runs out.
			syncNextAttemptAt = now;
		}
	}

	/** The agreed snapshot with a note beside it (see {@code TaskSyncStore.amendSnapshot}). */
	void amendSnapshot(java.util.function.UnaryOperator<Map<String, Object>> amend) {
		if (syncedSnapshot != null) {
			syncedSnapshot = amend.apply(new java.util.LinkedHashMap<>(syncedSnapshot));
		}
	}

	/**
	 * Inbound sync read this version of the event and took from it what it could, or nothing, leaving the rest to
	 * the worker whose write is under way; the worker's answer is measured against it ({@link #written}).
	 */
	void seenWhileWriting(String etag) {
		googleEtagSeen = etag;
	}

	void retryAt(Instant at, String reason, boolean countsAsAttempt) {
		syncState = SyncState.PENDING;
		syncNextAttemptAt = at;
		syncLastError = reason;
		if (countsAsAttempt) {
			syncAttempts++;
		}
	}

	void failed(String reason) {
		syncState = SyncState.FAILED;
		syncRequested = false;
		syncNextAttemptAt = null;
		syncLastError = reason;
	}

	void conflicted(Map<String, Object> data, String remoteEtag, Instant remoteUpdated) {
		syncState = SyncState.CONFLICT;
		conflictData = data;
		googleEtag = remoteEtag;
		googleUpdated = remoteUpdated;
		syncNextAttemptAt = null;
		syncLastError = null;
	}

	/** The person wants a fresh Meet link: a new request id, and the next write asks Google for it. */
	void newMeetLink(Instant now) {
		meetRequestId = "calbridge-task-" + id + "-" + now.toEpochMilli();
		googleMeetLink = null;
		googleMeetId = null;
		markPending(now);
	}

	void resolved(Map<String, Object> googleVersion, Instant now) {
		syncedSnapshot = googleVersion;
		conflictData = null;
		markPending(now);
	}

	/**
	 * The worker left the event in Google: someone else made it (sync turned off), or the person chose to keep it
	 * when deleting the task. The link stays, so import does not bring the event back as a new task.
	 */
	void keptInGoogle(String reason) {
		syncState = SyncState.NONE;
		syncNextAttemptAt = null;
		syncAttempts = 0;
		syncLastError = reason;
	}

	/**
	 * Someone else's event (made in Google) stays in Google while CalBridge lets go of it (a disconnect): the task
	 * forgets it and stops syncing, so a later edit or "Sync all" never makes a copy of that meeting, with its guests
	 * invited again.
	 */
	void leftInGoogle(String reason) {
		unlinked(SyncState.NONE, reason);
		syncToCalendar = false;
	}

	/** The event is gone, or sync was turned off: the task forgets it. */
	void unlinked(SyncState state, String reason) {
		googleEventId = null;
		eventOrigin = null;
		googleInvitedBy = null;
		googleEtagSeen = null;
		googleUpdated = null;
		googleCalendarId = null;
		googleEtag = null;
		googleSyncedAt = null;
		syncedSnapshot = null;
		conflictData = null;
		googleMeetLink = null;
		googleMeetId = null;
		syncState = state;
		syncRequested = syncRequested && state == SyncState.PENDING;
		syncNextAttemptAt = state == SyncState.PENDING ? syncNextAttemptAt : null;
		syncLastError = reason;
	}

	/**
	 * The event was deleted in Google Calendar (inbound sync, per the connection's deletion rule): the task forgets
	 * it and stops syncing, so a later edit does not bring back an event the person deleted; {@code cancel} also
	 * marks the task cancelled (a change to the task, so the version moves).
	 */
	void eventDeletedInGoogle(boolean cancel, String reason, Instant now) {
		if (cancel) {
			status = TaskStatus.CANCELLED;
		}
		syncToCalendar = false;
		updatedAt = now;
		unlinked(SyncState.NONE, reason);
	}

	/** Google's side of a merge or a conflict resolution: a change to the task itself (so the version moves). */
	void takeFromGoogle(TaskDetails details, Instant now) {
		boolean wasPending = syncState == SyncState.PENDING;
		Instant next = syncNextAttemptAt;
		apply(details, now);
		if (!wasPending) {
			syncState = SyncState.SYNCED;
			syncNextAttemptAt = next;
		}
	}

	boolean isDeleted() {
		return deletedAt != null;
	}

	public TaskDetails details() {
		TaskSchedule schedule = allDay ? TaskSchedule.allDay(startDate, endDate, zone())
				: TaskSchedule.timed(startAt, endAt, zone());
		return new TaskDetails(title, description, notes, type, priority, status, schedule, contactName, dealName,
				attendees, includeGoogleMeet, syncToCalendar, selectedCalendarId);
	}

	public ZoneId zone() {
		return ZoneId.of(timeZone);
	}

	public Long getId() {
		return id;
	}

	public long getUserId() {
		return userId;
	}

	public long getVersion() {
		return version;
	}

	public String getTitle() {
		return title;
	}

	public String getDescription() {
		return description;
	}

	public String getNotes() {
		return notes;
	}

	public TaskType getType() {
		return type;
	}

	public TaskPriority getPriority() {
		return priority;
	}

	public TaskStatus getStatus() {
		return status;
	}

	public boolean isAllDay() {
		return allDay;
	}

	public Instant getStartAt() {
		return startAt;
	}

	public Instant getEndAt() {
		return endAt;
	}

	public LocalDate getStartDate() {
		return startDate;
	}

	public LocalDate getEndDate() {
		return endDate;
	}

	public String getTimeZone() {
		return timeZone;
	}

	public String getContactName() {
		return contactName;
	}

	public String getDealName() {
		return dealName;
	}

	public List<Attendee> getAttendees() {
		return List.copyOf(attendees);
	}

	public boolean isIncludeGoogleMeet() {
		return includeGoogleMeet;
	}

	public boolean isSyncToCalendar() {
		return syncToCalendar;
	}

	public String getSelectedCalendarId() {
		return selectedCalendarId;
	}

	public boolean isImportedFromGoogle() {
		return importedFromGoogle;
	}

	public EventOrigin getEventOrigin() {
		return eventOrigin;
	}

	/** Someone else organizes the linked event and the account is a guest: the organizer's email, else null. */
	public String getGoogleInvitedBy() {
		return googleInvitedBy;
	}

	public EventChoice getDeletedEventChoice() {
		return deletedEventChoice;
	}

	/** The choices deleting this task offers for its event, the default first. */
	public java.util.List<EventChoice> eventChoices() {
		if (!hasEvent()) {
			return java.util.List.of();
		}
		if (eventOrigin == EventOrigin.CALBRIDGE) {
			return java.util.List.of(EventChoice.DELETE, EventChoice.KEEP);
		}
		return java.util.List.of(EventChoice.KEEP, googleInvitedBy != null ? EventChoice.DECLINE : EventChoice.DELETE);
	}

	public Long getGoogleConnectionId() {
		return googleConnectionId;
	}

	public String getGoogleEventId() {
		return googleEventId;
	}

	public String getGoogleCalendarId() {
		return googleCalendarId;
	}

	public String getGoogleEtag() {
		return googleEtag;
	}

	public Instant getGoogleUpdated() {
		return googleUpdated;
	}

	public Instant getGoogleSyncedAt() {
		return googleSyncedAt;
	}

	public SyncState getSyncState() {
		return syncState;
	}

	public int getSyncAttempts() {
		return syncAttempts;
	}

	public Instant getSyncNextAttemptAt() {
		return syncNextAttemptAt;
	}

	public String getSyncLastError() {
		return syncLastError;
	}

	public Map<String, Object> getSyncedSnapshot() {
		return syncedSnapshot;
	}

	public Map<String, Object> getConflictData() {
		return conflictData;
	}

	public String getGoogleMeetLink() {
		return googleMeetLink;
	}

	public String getGoogleMeetId() {
		return googleMeetId;
	}

	public boolean isGoogleGuestsCanModify() {
		return googleGuestsCanModify;
	}

	public boolean isSyncRequested() {
		return syncRequested;
	}

	public String getMeetRequestId() {
		return meetRequestId != null ? meetRequestId : "calbridge-task-" + id;
	}

	public Instant getDeletedAt() {
		return deletedAt;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

}
