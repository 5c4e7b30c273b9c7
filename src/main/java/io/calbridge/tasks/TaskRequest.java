package io.calbridge.tasks;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * A task as the JSON API takes it, for POST and PUT (PATCH merges its fields over the current task first).
 * Absent fields take the defaults a person would expect: a 30-minute pending task of medium priority, synced.
 */
record TaskRequest(Long version, @NotBlank(message = "must not be blank") @Size(max = 255,
		message = "must be at most 255 characters") String title,
		@Size(max = 10000, message = "must be at most 10000 characters") String description,
		@Size(max = 10000, message = "must be at most 10000 characters") String notes, TaskType type,
		TaskPriority priority, TaskStatus status, OffsetDateTime startAt, OffsetDateTime endAt, Boolean allDay,
		LocalDate startDate, LocalDate endDate, @Size(max = 64, message = "must be at most 64 characters") String timeZone,
		@Size(max = 255, message = "must be at most 255 characters") String contactName,
		@Size(max = 255, message = "must be at most 255 characters") String dealName,
		@Size(max = 100, message = "at most 100 guests") List<@Valid Attendee> attendees, Boolean includeGoogleMeet,
		Boolean syncToCalendar, @Size(max = 1024, message = "must be at most 1024 characters") String calendarId) {

	static final Duration DEFAULT_LENGTH = Duration.ofMinutes(30);

	static TaskRequest of(CrmTask t) {
		return new TaskRequest(t.getVersion(), t.getTitle(), t.getDescription(), t.getNotes(), t.getType(),
				t.getPriority(), t.getStatus(), t.isAllDay() ? null : t.getStartAt().atOffset(java.time.ZoneOffset.UTC),
				t.isAllDay() ? null : t.getEndAt().atOffset(java.time.ZoneOffset.UTC), t.isAllDay(), t.getStartDate(),
				t.getEndDate(), t.getTimeZone(), t.getContactName(), t.getDealName(), t.getAttendees(),
				t.isIncludeGoogleMeet(), t.isSyncToCalendar(), t.getSelectedCalendarId());
	}

	/**
	 * The request read field by field, so that every unreadable field (a {@code type} of "visit", a date of
	 * 2026-02-30) is named in {@code unreadable} and the others are still read and checked: read as one object, the
	 * first such field stopped the reading and hid every other mistake. An unreadable field reads as absent.
	 */
	static TaskRequest read(JsonMapper json, ObjectNode body, BindingResult unreadable) {
		RecordComponent[] components = TaskRequest.class.getRecordComponents();
		Object[] values = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			types[i] = component.getType();
			JsonNode value = body.get(component.getName());
			if (value == null || value.isNull()) {
				continue;
			}
			try {
				values[i] = json.treeToValue(value, json.constructType(component.getGenericType()));
			}
			catch (JacksonException ex) {
				String why = ex.getCause() instanceof IllegalArgumentException arg ? arg.getMessage()
						: "has a value of the wrong type or format";
				unreadable.addError(new FieldError(unreadable.getObjectName(), component.getName() + pathIn(ex), why));
			}
		}
		try {
			return TaskRequest.class.getDeclaredConstructor(types).newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("TaskRequest's canonical constructor", ex);
		}
	}

	/** Where inside a field the value went wrong, such as {@code [1].email} of the attendees. */
	private static String pathIn(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		if (ex instanceof DatabindException databind) {
			for (var reference : databind.getPath()) {
				if (reference.getPropertyName() != null) {
					path.append('.').append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					path.append('[').append(reference.getIndex()).append(']');
				}
			}
		}
		return path.toString();
	}

	/** The cross-field rules Bean Validation cannot express, reported on the JSON field names. */
	void checkSchedule(Errors errors) {
		if (!inBounds(errors)) {
			return;
		}
		if (zone() == null) {
			errors.rejectValue("timeZone", "zone", "must be an IANA time zone such as Europe/Berlin");
		}
		if (Boolean.TRUE.equals(allDay)) {
			if (startDate == null) {
				errors.rejectValue("startDate", "required", "is required for an all-day task");
			}
			else if (endDate != null && endDate.isBefore(startDate)) {
				errors.rejectValue("endDate", "order", "must not be before startDate");
			}
		}
		else if (startAt == null) {
			errors.rejectValue("startAt", "required", "is required (or set allDay with startDate)");
		}
		else if (endAt != null && endAt.isBefore(startAt)) {
			errors.rejectValue("endAt", "order", "must not be before startAt");
		}
		if (attendees != null && attendees.stream().anyMatch(a -> a == null)) {
			errors.rejectValue("attendees", "null", "must not contain null");
		}
	}

	private boolean inBounds(Errors errors) {
		boolean inBounds = true;
		if (!SupportedDates.contains(startAt)) {
			errors.rejectValue("startAt", "range", SupportedDates.MESSAGE);
			inBounds = false;
		}
		if (!SupportedDates.contains(endAt)) {
			errors.rejectValue("endAt", "range", SupportedDates.MESSAGE);
			inBounds = false;
		}
		if (!SupportedDates.contains(startDate)) {
			errors.rejectValue("startDate", "range", SupportedDates.MESSAGE);
			inBounds = false;
		}
		if (!SupportedDates.contains(endDate)) {
			errors.rejectValue("endDate", "range", SupportedDates.MESSAGE);
			inBounds = false;
		}
		return inBounds;
	}

	/**
	 * Text with a NUL character is refused on its field: PostgreSQL cannot store NUL in text, and without this check
	 * such a request ended in a 500 from the database.
	 */
	void checkText(Errors errors) {
		for (java.lang.reflect.RecordComponent component : TaskRequest.class.getRecordComponents()) {
			if (component.getType() == String.class) {
				checkText(component.getName(), (String) errors.getFieldValue(component.getName()), errors);
			}
		}
		if (attendees != null) {
			attendees.stream()
				.filter(a -> a != null)
				.forEach(a -> {
					checkText("attendees", a.email(), errors);
					checkText("attendees", a.name(), errors);
				});
		}
	}

	private static void checkText(String field, String text, Errors errors) {
		if (text != null && text.indexOf('\0') >= 0) {
			errors.rejectValue(field, "nul", "must not contain NUL characters");
		}
		else if (hasLoneSurrogate(text) && !errors.hasFieldErrors(field)) {
			// JSON's "\ud800" escape reads as half a character, which UTF-8 cannot store: it became "?" silently.
			errors.rejectValue(field, "unicode", "must be valid Unicode: it contains half of a surrogate pair");
		}
	}

	static boolean hasLoneSurrogate(String text) {
		// codePoints() pairs what can be paired; a surrogate left over is half a pair.
		return text != null && text.codePoints().anyMatch(point -> Character.getType(point) == Character.SURROGATE);
	}

	/** Call only after {@link #checkSchedule} and {@link #checkText} found nothing wrong. */
	TaskDetails toDetails() {
		ZoneId zone = zone();
		TaskSchedule schedule = Boolean.TRUE.equals(allDay)
				? TaskSchedule.allDay(startDate, endDate == null ? startDate : endDate, zone)
				: TaskSchedule.timed(startAt.toInstant(),
						endAt == null ? startAt.toInstant().plus(DEFAULT_LENGTH) : endAt.toInstant(), zone);
		return new TaskDetails(title, description, notes, orElse(type, TaskType.TASK),
				orElse(priority, TaskPriority.MEDIUM), orElse(status, TaskStatus.PENDING), schedule, contactName,
				dealName, attendees == null ? List.of() : attendees, orElse(includeGoogleMeet, false),
				orElse(syncToCalendar, true), calendarId);
	}

	private ZoneId zone() {
		return TimeZones.parse(timeZone == null ? "UTC" : timeZone).orElse(null);
	}

	private static <T> T orElse(T value, T fallback) {
		return value == null ? fallback : value;
	}

}
