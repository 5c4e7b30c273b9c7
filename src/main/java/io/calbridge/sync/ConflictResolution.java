package io.calbridge.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionService;
import io.calbridge.tasks.Attendee;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskService;
import io.calbridge.tasks.TaskSyncRequested;
import io.calbridge.tasks.TaskSyncStore;

/**
 * A person settles a conflict: for each field both sides changed, CalBridge's value or Google's. Fields only one
 * side changed follow the merge rule. The result is written to the task now and to Google by the outbound
 * worker, guarded by the etag of the Google version the person decided against.
 */
@Service
class ConflictResolution {

	/** One row of the conflict page. */
	record FieldChoice(String field, String label, Object base, Object calbridge, Object google, boolean conflicting) {
	}

	private final TaskService tasks;

	private final TaskSyncStore store;

	private final ApplicationEventPublisher events;

	private final ConnectionService connections;

	private final InboundApplier inbound;

	ConflictResolution(TaskService tasks, TaskSyncStore store, ApplicationEventPublisher events,
			ConnectionService connections, InboundApplier inbound) {
		this.tasks = tasks;
		this.store = store;
		this.events = events;
		this.connections = connections;
		this.inbound = inbound;
	}

	/** The event was deleted in Google while the task had changes not yet sent: the one choice is about that. */
	static final String DELETED = "deleted";

	static boolean deletedInGoogle(CrmTask task) {
		return Boolean.TRUE.equals(task.getConflictData().get("deletedInGoogle"));
	}

	CrmTask conflicted(long userId, long taskId) {
		CrmTask task = tasks.get(userId, taskId);
		if (task.getSyncState() != SyncState.CONFLICT || task.getConflictData() == null) {
			throw new NoConflictException();
		}
		return task;
	}

	List<FieldChoice> choices(CrmTask task) {
		if (deletedInGoogle(task)) {
			String rule = task.getGoogleConnectionId() == null ? "the deletion rule"
					: connections.find(task.getGoogleConnectionId()).map(c -> c.getDeletionRule().label()).orElse("");
			return List.of(new FieldChoice(DELETED, "Event", "in Google Calendar",
					"Keep the task and its changes here (the event stays deleted in Google)",
					"Deleted in Google Calendar — " + rule, true));
		}
		Map<String, Object> data = task.getConflictData();
		SyncFields base = SyncFields.fromMap(map(data.get("base")));
		SyncFields local = EventMapping.fields(task);
		SyncFields remote = SyncFields.fromMap(map(data.get("remote")));
		List<FieldChoice> rows = new ArrayList<>();
		for (String field : SyncFields.NAMES) {
			if (!local.same(field, remote)) {
				rows.add(new FieldChoice(field, label(field), show(base.get(field)), show(local.get(field)),
						show(remote.get(field)), !local.same(field, base) && !remote.same(field, base)));
			}
		}
		return rows;
	}

	/** {@code takeGoogle}: the fields whose Google value the person chose. */
	void resolve(long userId, long taskId, List<String> takeGoogle) {
		CrmTask task = conflicted(userId, taskId);
		if (deletedInGoogle(task)) {
			resolveDeletion(task, takeGoogle.contains(DELETED));
			return;
		}
		Map<String, Object> remoteMap = map(task.getConflictData().get("remote"));
		SyncFields base = SyncFields.fromMap(map(task.getConflictData().get("base")));
		SyncFields remote = SyncFields.fromMap(remoteMap);
		ThreeWayMerge.Result merge = ThreeWayMerge.merge(base, EventMapping.fields(task), remote);
		List<String> fromGoogle = new ArrayList<>(merge.fromGoogle());
		merge.conflicts().stream().filter(takeGoogle::contains).forEach(fromGoogle::add);
		if (!fromGoogle.isEmpty()) {
			List<Attendee> guests = remote.guests().stream().map(email -> task.getAttendees()
				.stream()
				.filter(a -> a.email().equalsIgnoreCase(email))
				.findFirst()
				.orElse(new Attendee(email, null, null))).toList();
			RemoteEvent google = new RemoteEvent(task.getGoogleEventId(), task.getGoogleCalendarId(),
					task.getGoogleEtag(), task.getGoogleUpdated(), false, remote, guests, task.getGoogleMeetLink(),
					task.getGoogleMeetId(), false);
			store.takeFromGoogle(taskId, EventMapping.withGoogleValues(task, google, fromGoogle));
		}
		store.resolved(taskId, new LinkedHashMap<>(remoteMap));
		events.publishEvent(new TaskSyncRequested(taskId));
	}

	/** Google's side: the connection's deletion rule, as if nothing had been pending. Mine: keep, unlinked. */
	private void resolveDeletion(CrmTask task, boolean takeGoogle) {
		CalendarConnection connection = task.getGoogleConnectionId() == null ? null
				: connections.find(task.getGoogleConnectionId()).orElse(null);
		if (takeGoogle && connection != null) {
			inbound.applyDeletionRule(connection, task.getId(), task.getUserId(), task.getGoogleCalendarId());
		}
		else {
			store.unlinked(task.getId(), SyncState.NONE,
					"Kept here with its changes; its event was deleted in Google Calendar.");
		}
	}

	private static String label(String field) {
		return switch (field) {
			case "when" -> "When";
			case "guests" -> "Guests";
			default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
		};
	}

	private static Object show(Object value) {
		if (value instanceof SyncFields.When when) {
			return when.allDay() ? when.startDate() + " – " + when.endDate() + " (all day)"
					: when.start() + " – " + when.end();
		}
		if (value instanceof List<?> list) {
			return list.isEmpty() ? "(none)" : String.join(", ", list.stream().map(String::valueOf).toList());
		}
		return value == null ? "(empty)" : value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@ResponseStatus(HttpStatus.NOT_FOUND)
	static class NoConflictException extends RuntimeException {

		NoConflictException() {
			super("This task has no conflict to resolve");
		}

	}

}
