package io.calbridge.tasks;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

/** The task form of the pages: dates and times as a person types them, in the task's zone. */
class TaskForm {

	private static final Pattern NAMED_GUEST = Pattern.compile("^(.*?)\\s*<([^<>]+)>$");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private Long version;

	@NotBlank(message = "Enter a title")
	@Size(max = 255, message = "At most 255 characters")
	private String title;

	@Size(max = 10000, message = "At most 10,000 characters")
	private String description;

	@Size(max = 10000, message = "At most 10,000 characters")
	private String notes;

	@NotNull(message = "Choose a type")
	private TaskType type = TaskType.TASK;

	@NotNull(message = "Choose a priority")
	private TaskPriority priority = TaskPriority.MEDIUM;

	@NotNull(message = "Choose a status")
	private TaskStatus status = TaskStatus.PENDING;

	private boolean allDay;

	@NotNull(message = "Enter a start date")
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate startDate;

	@DateTimeFormat(pattern = "HH:mm")
	private LocalTime startTime;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate endDate;

	@DateTimeFormat(pattern = "HH:mm")
	private LocalTime endTime;

	@Min(value = 5, message = "At least 5 minutes")
	@Max(value = 1440, message = "At most one day; use an end date for longer tasks")
	private Integer durationMinutes = 30;

	@NotBlank(message = "Choose a time zone")
	private String timeZone;

	@Size(max = 255, message = "At most 255 characters")
	private String contactName;

	@Size(max = 255, message = "At most 255 characters")
	private String dealName;

	@Size(max = 20000, message = "Too many guests")
	private String attendees;

	private boolean includeGoogleMeet;

	private boolean syncToCalendar = true;

	@Size(max = 1024, message = "At most 1024 characters")
	private String calendarId;

	static TaskForm of(CrmTask task) {
		TaskForm form = new TaskForm();
		form.version = task.getVersion();
		form.title = task.getTitle();
		form.description = task.getDescription();
		form.notes = task.getNotes();
		form.type = task.getType();
		form.priority = task.getPriority();
		form.status = task.getStatus();
		form.allDay = task.isAllDay();
		form.timeZone = task.getTimeZone();
		if (task.isAllDay()) {
			form.startDate = task.getStartDate();
			form.endDate = task.getEndDate();
		}
		else {
			ZonedDateTime start = task.getStartAt().atZone(task.zone());
			ZonedDateTime end = task.getEndAt().atZone(task.zone());
			form.startDate = start.toLocalDate();
			form.startTime = start.toLocalTime();
			form.endDate = end.toLocalDate();
			form.endTime = end.toLocalTime();
		}
		form.durationMinutes = null;
		form.contactName = task.getContactName();
		form.dealName = task.getDealName();
		form.attendees = String.join("\n", task.getAttendees()
			.stream()
			.map(a -> a.name() == null ? a.email() : a.name() + " <" + a.email() + ">")
			.toList());
		form.includeGoogleMeet = task.isIncludeGoogleMeet();
		form.syncToCalendar = task.isSyncToCalendar();
		form.calendarId = task.getSelectedCalendarId();
		return form;
	}

	/**
	 * The event's own fields back to what {@code task} has (title, description, time, guests, Meet, calendar), the
	 * rest as typed: for a form refused because Google takes those fields only from the organizer.
	 */
	void keepEventFieldsOf(CrmTask task) {
		TaskForm saved = of(task);
		title = saved.title;
		description = saved.description;
		allDay = saved.allDay;
		startDate = saved.startDate;
		startTime = saved.startTime;
		endDate = saved.endDate;
		endTime = saved.endTime;
		durationMinutes = saved.durationMinutes;
		timeZone = saved.timeZone;
		attendees = saved.attendees;
		includeGoogleMeet = saved.includeGoogleMeet;
		calendarId = saved.calendarId;
	}

	/**
	 * Checks what Bean Validation cannot (the schedule, the zone, the guest lines) and, when all is well, returns
	 * the details. Returns null when {@code errors} has anything.
	 */
	TaskDetails toDetails(Errors errors) {
		ZoneId zone = TimeZones.parse(timeZone).orElse(null);
		if (timeZone != null && !timeZone.isBlank() && zone == null) {
			errors.rejectValue("timeZone", "zone", "Choose a time zone from the list, such as Europe/Berlin");
		}
		List<Attendee> guests = parseGuests(errors);
		boolean inBounds = SupportedDates.contains(startDate) && SupportedDates.contains(endDate);
		if (!SupportedDates.contains(startDate)) {
			errors.rejectValue("startDate", "range", "Enter a date between 1900-01-01 and 2999-12-31");
		}
		if (!SupportedDates.contains(endDate)) {
			errors.rejectValue("endDate", "range", "Enter a date between 1900-01-01 and 2999-12-31");
		}
		TaskSchedule schedule = zone == null || startDate == null || !inBounds ? null : schedule(zone, errors);
		if (errors.hasErrors()) {
			return null;
		}
		return new TaskDetails(title, description, notes, type, priority, status, schedule, contactName, dealName,
				guests, includeGoogleMeet, syncToCalendar, calendarId);
	}

	private TaskSchedule schedule(ZoneId zone, Errors errors) {
		LocalDate lastDay = endDate == null ? startDate : endDate;
		if (allDay) {
			if (lastDay.isBefore(startDate)) {
				errors.rejectValue("endDate", "order", "The end date is before the start date");
				return null;
			}
			return TaskSchedule.allDay(startDate, lastDay, zone);
		}
		if (startTime == null) {
			errors.rejectValue("startTime", "required", "Enter a start time, or tick All day");
			return null;
		}
		ZonedDateTime start = startDate.atTime(startTime).atZone(zone);
		ZonedDateTime end;
		if (endTime != null) {
			end = lastDay.atTime(endTime).atZone(zone);
		}
		else if (durationMinutes != null) {
			end = start.plusMinutes(durationMinutes);
		}
		else {
			errors.rejectValue("endTime", "required", "Enter an end time or a duration");
			return null;
		}
		if (end.isBefore(start)) {
			errors.rejectValue("endTime", "order", "The end is before the start");
			return null;
		}
		return TaskSchedule.timed(start.toInstant(), end.toInstant(), zone);
	}

	/** One guest a line: {@code ana@example.com} or {@code Ana Souza <ana@example.com>}. */
	private List<Attendee> parseGuests(Errors errors) {
		List<Attendee> guests = new ArrayList<>();
		if (attendees == null) {
			return guests;
		}
		String[] lines = attendees.split("\\R");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty()) {
				continue;
			}
			Matcher named = NAMED_GUEST.matcher(line);
			String name = named.matches() ? named.group(1) : null;
			String email = named.matches() ? named.group(2).strip() : line;
			if (!EMAIL.matcher(email).matches() || email.length() > 254 || (name != null && name.length() > 255)) {
				errors.rejectValue("attendees", "email",
						"Line " + (i + 1) + " is not an email address: write ana@example.com or Ana <ana@example.com>");
				return guests;
			}
			if (guests.stream().noneMatch(g -> g.email().equalsIgnoreCase(email))) {
				guests.add(new Attendee(email, name, null));
			}
		}
		if (guests.size() > 100) {
			errors.rejectValue("attendees", "size", "At most 100 guests");
		}
		return guests;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public String getNotes() {
		return notes;
	}

	public void setNotes(String notes) {
		this.notes = notes;
	}

	public TaskType getType() {
		return type;
	}

	public void setType(TaskType type) {
		this.type = type;
	}

	public TaskPriority getPriority() {
		return priority;
	}

	public void setPriority(TaskPriority priority) {
		this.priority = priority;
	}

	public TaskStatus getStatus() {
		return status;
	}

	public void setStatus(TaskStatus status) {
		this.status = status;
	}

	public boolean isAllDay() {
		return allDay;
	}

	public void setAllDay(boolean allDay) {
		this.allDay = allDay;
	}

	public LocalDate getStartDate() {
		return startDate;
	}

	public void setStartDate(LocalDate startDate) {
		this.startDate = startDate;
	}

	public LocalTime getStartTime() {
		return startTime;
	}

	public void setStartTime(LocalTime startTime) {
		this.startTime = startTime;
	}

	public LocalDate getEndDate() {
		return endDate;
	}

	public void setEndDate(LocalDate endDate) {
		this.endDate = endDate;
	}

	public LocalTime getEndTime() {
		return endTime;
	}

	public void setEndTime(LocalTime endTime) {
		this.endTime = endTime;
	}

	public Integer getDurationMinutes() {
		return durationMinutes;
	}

	public void setDurationMinutes(Integer durationMinutes) {
		this.durationMinutes = durationMinutes;
	}

	public String getTimeZone() {
		return timeZone;
	}

	public void setTimeZone(String timeZone) {
		this.timeZone = timeZone;
	}

	public String getContactName() {
		return contactName;
	}

	public void setContactName(String contactName) {
		this.contactName = contactName;
	}

	public String getDealName() {
		return dealName;
	}

	public void setDealName(String dealName) {
		this.dealName = dealName;
	}

	public String getAttendees() {
		return attendees;
	}

	public void setAttendees(String attendees) {
		this.attendees = attendees;
	}

	public boolean isIncludeGoogleMeet() {
		return includeGoogleMeet;
	}

	public void setIncludeGoogleMeet(boolean includeGoogleMeet) {
		this.includeGoogleMeet = includeGoogleMeet;
	}

	public boolean isSyncToCalendar() {
		return syncToCalendar;
	}

	public void setSyncToCalendar(boolean syncToCalendar) {
		this.syncToCalendar = syncToCalendar;
	}

	public String getCalendarId() {
		return calendarId;
	}

	public void setCalendarId(String calendarId) {
		this.calendarId = calendarId;
	}

}
