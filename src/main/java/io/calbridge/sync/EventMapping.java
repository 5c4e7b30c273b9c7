package io.calbridge.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.ConferenceData;
import com.google.api.services.calendar.model.ConferenceSolutionKey;
import com.google.api.services.calendar.model.CreateConferenceRequest;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.EventReminder;

import io.calbridge.tasks.Attendee;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.EventOrganizer;
import io.calbridge.tasks.TaskDetails;
import io.calbridge.tasks.TaskSchedule;

/**
 * Task → event and event → task fields (DESIGN.md §4). Only the fields CalBridge owns are written, so what else
 * Google holds (location, the guests' own settings, attachments) survives every PATCH.
 */
final class EventMapping {

	static final String TASK_ID_KEY = "calbridgeTaskId";

	static final String TASK_TYPE_KEY = "calbridgeTaskType";

	/** The task version an insert sent: after a lost answer, it tells whether the event found is what was sent. */
	static final String INSERTED_VERSION_KEY = "calbridgeInsertedVersion";

	private EventMapping() {
	}

	/**
	 * The owned fields of a task's event. {@code forInsert} adds what is only set once (id, reminders).
	 * {@code answers}: the guests' answers as Google last reported them (the task's own when null).
	 */
	static Event toEvent(CrmTask task, String colorId, boolean forInsert, List<Attendee> answers) {
		Event event = new Event().setSummary(task.getTitle())
			.setDescription(EventDescription.format(task.getDescription(), task.getGoogleMeetLink(), task.getNotes(),
					new EventDescription.Footer(task.getType().label(), task.getPriority().label(),
							task.getStatus().label(), task.getContactName(), task.getDealName())))
			.setColorId(colorId)
			.setExtendedProperties(new Event.ExtendedProperties().setPrivate(forInsert
					? Map.of(TASK_ID_KEY, String.valueOf(task.getId()), TASK_TYPE_KEY, task.getType().json(),
							INSERTED_VERSION_KEY, String.valueOf(task.getVersion()))
					: Map.of(TASK_ID_KEY, String.valueOf(task.getId()), TASK_TYPE_KEY, task.getType().json())));
		setWhen(event, task.details().schedule());
		List<EventAttendee> guests = new ArrayList<>();
		// The answers we last read go back with the list; If-Match guarantees nobody answered since.
		List<Attendee> known = answers == null ? task.getAttendees() : answers;
		task.getAttendees().forEach(a -> guests.add(new EventAttendee().setEmail(a.email())
			.setDisplayName(a.name())
			.setResponseStatus(known.stream()
				.filter(k -> k.email().equalsIgnoreCase(a.email()))
				.map(Attendee::responseStatus)
				.findFirst()
				.orElse(Attendee.NEEDS_ACTION))));
		event.setAttendees(guests);
		if (forInsert) {
			event.setId(EventIds.forTask(task.getId(), task.getCreatedAt()));
			event.setReminders(new Event.Reminders().setUseDefault(false)
				.setOverrides(List.of(new EventReminder().setMethod("popup").setMinutes(10))));
		}
		if (task.isIncludeGoogleMeet() && task.getGoogleMeetLink() == null) {
			// The same requestId until the person asks for a new link: Google ignores a repeated one, so a retry
			// or a later update never creates a second conference.
			event.setConferenceData(new ConferenceData().setCreateRequest(new CreateConferenceRequest()
				.setRequestId(task.getMeetRequestId())
				.setConferenceSolutionKey(new ConferenceSolutionKey().setType("hangoutsMeet"))));
		}
		return event;
	}

	static void setWhen(Event event, TaskSchedule schedule) {
		String zone = schedule.zone().getId();
		if (schedule.allDay()) {
			// Google's all-day end date is exclusive: a task on 5 March ends on 6 March in the event.
			event.setStart(new EventDateTime().setDate(new DateTime(schedule.startDate().toString())).setTimeZone(zone));
			event.setEnd(new EventDateTime().setDate(new DateTime(schedule.endDate().plusDays(1).toString()))
				.setTimeZone(zone));
		}
		else {
			event.setStart(new EventDateTime().setDateTime(dateTime(schedule.startAt(), schedule.zone())).setTimeZone(zone));
			event.setEnd(new EventDateTime().setDateTime(dateTime(schedule.endAt(), schedule.zone())).setTimeZone(zone));
		}
	}

	private static DateTime dateTime(Instant instant, ZoneId zone) {
		return new DateTime(Date.from(instant), TimeZone.getTimeZone(zone));
	}

	/** The shared fields as the task has them. */
	static SyncFields fields(CrmTask task) {
		TaskSchedule s = task.details().schedule();
		return new SyncFields(task.getTitle(), task.getDescription(), task.getNotes(),
				new SyncFields.When(s.allDay(), s.allDay() ? null : s.startAt(), s.allDay() ? null : s.endAt(),
						s.startDate(), s.endDate()),
				task.getAttendees().stream().map(Attendee::email).toList());
	}

	/** An event read back. A cancelled one may carry nothing but its id (incremental sync). */
	static RemoteEvent read(Event event, String calendarId) {
		boolean cancelled = "cancelled".equals(event.getStatus());
		if (cancelled && event.getStart() == null) {
			return new RemoteEvent(event.getId(), calendarId, event.getEtag(), updated(event), true, null, List.of(),
					null, null, false);
		}
		EventDescription.Parsed text = EventDescription.parse(event.getDescription());
		List<Attendee> attendees = new ArrayList<>();
		if (event.getAttendees() != null) {
			event.getAttendees().forEach(a -> attendees.add(new Attendee(a.getEmail(), a.getDisplayName(),
					a.getResponseStatus())));
		}
		SyncFields fields = new SyncFields(event.getSummary() == null ? "" : event.getSummary(), text.description(),
				text.notes(), when(event), attendees.stream().map(Attendee::email).toList());
		ConferenceData conference = event.getConferenceData();
		boolean pending = conference != null && conference.getCreateRequest() != null
				&& conference.getCreateRequest().getStatus() != null
				&& "pending".equals(conference.getCreateRequest().getStatus().getStatusCode());
		return new RemoteEvent(event.getId(), calendarId, event.getEtag(), updated(event), cancelled, fields,
				attendees, event.getHangoutLink(), conference == null ? null : conference.getConferenceId(), pending);
	}

	/**
	 * Who organizes the event, from this account's copy: Google marks the organizer {@code self} when it is this
	 * account (or one of its calendars); {@code guestsCanModify} is false unless the organizer set it.
	 */
	static EventOrganizer organizer(Event event) {
		Event.Organizer organizer = event.getOrganizer();
		boolean self = organizer == null || organizer.getEmail() == null || Boolean.TRUE.equals(organizer.getSelf());
		return new EventOrganizer(organizer == null ? null : organizer.getEmail(), self,
				Boolean.TRUE.equals(event.getGuestsCanModify()));
	}

	/** The event's last modification, by Google's clock (null if Google left it out). */
	static Instant updated(Event event) {
		return event.getUpdated() == null ? null : Instant.ofEpochMilli(event.getUpdated().getValue());
	}

	private static SyncFields.When when(Event event) {
		if (event.getStart().getDate() != null) {
			LocalDate start = LocalDate.parse(event.getStart().getDate().toStringRfc3339());
			LocalDate endExclusive = LocalDate.parse(event.getEnd().getDate().toStringRfc3339());
			return new SyncFields.When(true, null, null, start, endExclusive.minusDays(1));
		}
		return new SyncFields.When(false, Instant.ofEpochMilli(event.getStart().getDateTime().getValue()),
				Instant.ofEpochMilli(event.getEnd().getDateTime().getValue()), null, null);
	}

	/** The task's details with Google's values for {@code fieldsFromGoogle}; the rest as the task has them. */
	static TaskDetails withGoogleValues(CrmTask task, RemoteEvent remote, List<String> fieldsFromGoogle) {
		TaskDetails d = task.details();
		SyncFields r = remote.fields();
		TaskSchedule schedule = d.schedule();
		if (fieldsFromGoogle.contains("when")) {
			schedule = r.when().allDay()
					? TaskSchedule.allDay(r.when().startDate(), r.when().endDate(), schedule.zone())
					: TaskSchedule.timed(r.when().start(), r.when().end(), schedule.zone());
		}
		return new TaskDetails(fieldsFromGoogle.contains("title") && !r.title().isBlank() ? r.title() : d.title(),
				fieldsFromGoogle.contains("description") ? r.description() : d.description(),
				fieldsFromGoogle.contains("notes") ? r.notes() : d.notes(), d.type(), d.priority(), d.status(),
				schedule, d.contactName(), d.dealName(),
				fieldsFromGoogle.contains("guests") ? remote.attendees() : d.attendees(), d.includeGoogleMeet(),
				d.syncToCalendar(), d.calendarId());
	}

	/** Whether Google should mail the guests: only when the time, the place or the guest list changed. */
	static boolean guestsShouldHear(SyncFields base, SyncFields now) {
		return base == null ? !now.guests().isEmpty()
				: !(base.same("when", now) && base.same("guests", now));
	}

}
