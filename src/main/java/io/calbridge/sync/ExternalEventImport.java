package io.calbridge.sync;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import com.google.api.services.calendar.model.Event;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.tasks.EventLink;
import io.calbridge.tasks.EventOrigin;
import io.calbridge.tasks.Snapshot;
import io.calbridge.tasks.TaskDetails;
import io.calbridge.tasks.TaskPriority;
import io.calbridge.tasks.TaskSchedule;
import io.calbridge.tasks.TaskStatus;
import io.calbridge.tasks.TaskSyncStore;
import io.calbridge.tasks.TaskType;

/**
 * An event someone made in Google becomes a meeting task, linked, when the connection imports external events
 * (DESIGN.md §5): only from the calendar new tasks go to, only instances inside the sync window (a recurring series
 * arrives as its instances: one task each), never CalBridge's own events (another CalBridge user's, seen on a shared
 * account), invitations the account declined or Google's status events.
 */
@Component
class ExternalEventImport {

	/** Status "events" Google makes on its own: not appointments anyone would want as CRM tasks. */
	private static final Set<String> STATUS_EVENT_TYPES = Set.of("birthday", "focusTime", "outOfOffice",
			"workingLocation");

	private final TaskSyncStore store;

	private final SyncLog log;

	private final InboundProperties properties;

	private final Clock clock;

	ExternalEventImport(TaskSyncStore store, SyncLog log, InboundProperties properties, Clock clock) {
		this.store = store;
		this.log = log;
		this.properties = properties;
		this.clock = clock;
	}

	/** An event no task is linked to, imported if the connection wants it: UPDATED when a task was made. */
	InboundApplier.Applied importIfWanted(CalendarConnection connection, String calendarId, Event event) {
		if (!wanted(connection, calendarId, event)) {
			return InboundApplier.Applied.NOTHING;
		}
		RemoteEvent remote = EventMapping.read(event, calendarId);
		if (!insideTheSyncWindow(remote)) {
			return InboundApplier.Applied.NOTHING;
		}
		Optional<Long> created = store.importEvent(connection.getUserId(), details(event, remote, calendarId),
				new EventLink(connection.getId(), calendarId, remote.id(), remote.etag(), remote.updated(),
						remote.meetLink(), remote.meetId(), EventOrigin.GOOGLE, EventMapping.organizer(event).invitedBy()),
				Snapshot.of(remote.fields().stored()), remote.attendees(), EventMapping.organizer(event));
		created.ifPresent(id -> log.inbound(connection.getUserId(), id, connection.getId(), calendarId, "import", "OK",
				"event " + remote.id()));
		return created.isPresent() ? InboundApplier.Applied.UPDATED : InboundApplier.Applied.NOTHING;
	}

	private static boolean wanted(CalendarConnection connection, String calendarId, Event event) {
		return connection.isImportExternalEvents() && calendarId.equals(connection.getDefaultCalendarId())
				&& importable(event);
	}

	/** Someone's appointment, live, that the account has not declined: not a status event, not CalBridge's own. */
	static boolean importable(Event event) {
		return !"cancelled".equals(event.getStatus()) && event.getStart() != null
				&& !STATUS_EVENT_TYPES.contains(event.getEventType()) && !declinedBySelf(event)
				&& !(event.getExtendedProperties() != null && event.getExtendedProperties().getPrivate() != null
						&& event.getExtendedProperties().getPrivate().containsKey(EventMapping.TASK_ID_KEY));
	}

	private boolean insideTheSyncWindow(RemoteEvent remote) {
		SyncFields.When when = remote.fields().when();
		Instant start = when.allDay() ? when.startDate().atStartOfDay(ZoneOffset.UTC).toInstant() : when.start();
		Instant now = clock.instant();
		return !start.isBefore(now.minus(properties.windowPast())) && !start.isAfter(now.plus(properties.windowAhead()));
	}

	/** The meeting task an imported event becomes, in the event's own zone. */
	static TaskDetails details(Event event, RemoteEvent remote, String calendarId) {
		ZoneId zone = zone(event);
		SyncFields.When when = remote.fields().when();
		TaskSchedule schedule = when.allDay() ? TaskSchedule.allDay(when.startDate(), when.endDate(), zone)
				: TaskSchedule.timed(when.start(), when.end(), zone);
		String title = remote.fields().title().isBlank() ? "(No title)" : remote.fields().title();
		return new TaskDetails(title.length() > 255 ? title.substring(0, 255) : title, remote.fields().description(),
				remote.fields().notes(), TaskType.MEETING, TaskPriority.MEDIUM, TaskStatus.PENDING, schedule, null, null,
				remote.attendees(), false, true, calendarId);
	}

	/** The event's own zone, as Google names it; UTC when it has none or one Java does not know. */
	private static ZoneId zone(Event event) {
		String zoneName = event.getStart().getTimeZone() != null ? event.getStart().getTimeZone() : "UTC";
		try {
			return ZoneId.of(zoneName);
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

	private static boolean declinedBySelf(Event event) {
		return event.getAttendees() != null && event.getAttendees().stream()
			.anyMatch(a -> Boolean.TRUE.equals(a.getSelf()) && "declined".equals(a.getResponseStatus()));
	}

}
