package io.calbridge.tasks;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The one owner of task changes made by people, through pages or the API. */
@Service
public class TaskService {

	private static final Logger log = LoggerFactory.getLogger(TaskService.class);

	private static final Sort BY_START = Sort.by("startAt", "id");

	private final TaskRepository tasks;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final FormTokens formTokens;

	TaskService(TaskRepository tasks, Clock clock, ApplicationEventPublisher events, FormTokens formTokens) {
		this.tasks = tasks;
		this.clock = clock;
		this.events = events;
		this.formTokens = formTokens;
	}

	@Transactional(readOnly = true)
	public Page<CrmTask> list(long userId, TaskFilter filter, int page, int size) {
		return tasks.findAll(filter.forUser(userId), PageRequest.of(page, size, BY_START));
	}

	/** Whether the person has made or imported any task yet: the last step of the first-run checklist. */
	@Transactional(readOnly = true)
	public boolean hasAny(long userId) {
		return tasks.existsByUserIdAndDeletedAtIsNull(userId);
	}

	@Transactional(readOnly = true)
	public CrmTask get(long userId, long taskId) {
		return tasks.findLive(userId, taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
	}

	private CrmTask forEdit(long userId, long taskId) {
		return tasks.findLiveForEdit(userId, taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
	}

	@Transactional
	public CrmTask create(long userId, TaskDetails details) {
		CrmTask task = tasks.save(new CrmTask(userId, details, clock.instant()));
		log.info("Task {} created by user {} (sync {})", task.getId(), userId, task.getSyncState());
		announce(task);
		return task;
	}

	/** What a post of the new-task form did: made its task, or found the one an earlier post of it made. */
	sealed interface FormCreation {

		record Created(CrmTask task) implements FormCreation {
		}

		/** {@code taskId} is empty when that task has since been deleted for good. */
		record AlreadySent(java.util.Optional<Long> taskId) implements FormCreation {
		}

	}

	/** As {@link #create}, once per form token: the token is claimed in the same transaction as the task is made. */
	@Transactional
	FormCreation createOnce(long userId, java.util.UUID formToken, TaskDetails details) {
		if (!formTokens.claim(userId, formToken, clock.instant())) {
			log.info("A new-task form of user {} was sent again; no second task made", userId);
			return new FormCreation.AlreadySent(formTokens.taskOf(userId, formToken));
		}
		CrmTask task = create(userId, details);
		formTokens.madeTask(userId, formToken, task.getId());
		return new FormCreation.Created(task);
	}

	/** The task an earlier post of this form made, if one did and it is still there. */
	@Transactional(readOnly = true)
	java.util.Optional<Long> taskMadeBy(long userId, java.util.UUID formToken) {
		return formTokens.taskOf(userId, formToken);
	}

	/**
	 * Applies an edit made against {@code expectedVersion}; an edit of an older version is refused, never merged
	 * over what someone (or Google) saved in between.
	 */
	@Transactional
	public CrmTask update(long userId, long taskId, long expectedVersion, TaskDetails details) {
		CrmTask task = forEdit(userId, taskId);
		requireVersion(task, expectedVersion);
		if (task.isReadOnlyInGoogle()) {
			List<String> refused = details.eventFieldsChangedFrom(task.details());
			if (!refused.isEmpty()) {
				throw new ReadOnlyInGoogleException(task, refused);
			}
		}
		task.apply(details, clock.instant());
		tasks.flush();
		announce(task);
		return task;
	}

	/**
	 * A task that has (or may be getting) an event stays as a tombstone until the outbound worker has done what
	 * {@code choice} says with the event (null: the default, see {@link EventChoice#defaultFor}); the choice is
	 * stored with the tombstone, so it survives until the worker acts. One that never took part in sync goes at once.
	 */
	@Transactional
	public void delete(long userId, long taskId, Long expectedVersion, EventChoice choice) {
		CrmTask task = forEdit(userId, taskId);
		if (expectedVersion != null) {
			requireVersion(task, expectedVersion);
		}
		EventChoice chosen = choice == null || !task.hasEvent() ? EventChoice.defaultFor(task) : choice;
		if (task.hasEvent() && !task.eventChoices().contains(chosen)) {
			throw new EventChoiceNotPossibleException(task, chosen);
		}
		if (task.hasEvent() || task.getSyncState() != SyncState.NONE) {
			task.markDeleted(chosen, clock.instant());
			announce(task);
		}
		else {
			tasks.delete(task);
		}
		log.info("Task {} deleted by user {} (its event: {})", taskId, userId, task.hasEvent() ? chosen : "none");
	}

	/** Wakes the outbound worker once this transaction commits (it also sweeps on its own). */
	private void announce(CrmTask task) {
		if (task.getSyncState() == SyncState.PENDING) {
			events.publishEvent(new TaskSyncRequested(task.getId()));
		}
	}

	private static void requireVersion(CrmTask task, long expectedVersion) {
		if (task.getVersion() != expectedVersion) {
			throw new StaleTaskException(task.getId(), expectedVersion, task.getVersion());
		}
	}

	@ResponseStatus(HttpStatus.NOT_FOUND)
	public static class TaskNotFoundException extends RuntimeException {

		TaskNotFoundException(long taskId) {
			super("Task " + taskId + " not found");
		}

	}

	/**
	 * An edit of fields Google takes only from the event's organizer: refused at once, so the task is never left
	 * FAILED by a write Google would answer with 403. {@code fields}: the API names of the fields refused.
	 */
	@ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
	public static class ReadOnlyInGoogleException extends RuntimeException {

		private final List<String> fields;

		private final String organizer;

		ReadOnlyInGoogleException(CrmTask task, List<String> fields) {
			super(task.getReadOnlyReason() + " Not saved: this would change its "
					+ String.join(", ", fields.stream().map(ReadOnlyInGoogleException::label).distinct().toList())
					+ ". Notes, priority, status, contact and deal can still be changed.");
			this.fields = List.copyOf(fields);
			this.organizer = task.getGoogleInvitedBy();
		}

		private static String label(String field) {
			return switch (field) {
				case "allDay", "startAt", "endAt", "startDate", "endDate", "timeZone" -> "time";
				case "attendees" -> "guests";
				case "includeGoogleMeet" -> "Meet link";
				case "calendarId" -> "calendar";
				default -> field;
			};
		}

		public List<String> fields() {
			return fields;
		}

		public String organizer() {
			return organizer;
		}

	}

	/** A choice Google would refuse: deleting someone else's meeting, or declining a meeting the account organizes. */
	@ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
	public static class EventChoiceNotPossibleException extends RuntimeException {

		EventChoiceNotPossibleException(CrmTask task, EventChoice choice) {
			super(choice == EventChoice.DELETE
					? "The event of task " + task.getId() + " is an invitation from " + task.getGoogleInvitedBy()
							+ ": a guest cannot delete someone else's meeting. Use event=decline to decline it, or "
							+ "event=keep to leave it in Google Calendar"
					: "The event of task " + task.getId() + " is not an invitation from someone else, so there is "
							+ "nothing to decline. Use event=" + task.eventChoices().stream().map(EventChoice::json)
								.collect(java.util.stream.Collectors.joining(" or event=")));
		}

	}

	@ResponseStatus(HttpStatus.CONFLICT)
	public static class StaleTaskException extends RuntimeException {

		StaleTaskException(long taskId, long expected, long current) {
			super("Task " + taskId + " was changed since version " + expected + " (now version " + current
					+ "); reload it and apply your edit again");
		}

	}

}
