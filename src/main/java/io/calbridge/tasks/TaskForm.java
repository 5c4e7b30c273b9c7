package io.calbridge.tasks;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
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

	/** Checked in {@link #check}: required, and one of the IANA zones. */
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

	/** The new-task form's one-time token: a second post of the same form finds the task the first one made. */
	private String formToken;

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
	 * Checks what Bean Validation cannot (the schedule, the zone, each guest line), all of it, so every mistake shows
	 * at once; a field the binder could not read gets no second error here either. Returns the details when
	 * {@code errors} has nothing (also from the validators that ran before), else null.
	 */
	TaskDetails toDetails(BindingResult errors) {
		BeanPropertyBindingResult checks = new BeanPropertyBindingResult(this, errors.getObjectName());
		TaskDetails details = check(checks);
		SkipUnreadableFields.copyReadable(checks, errors);
		return errors.hasErrors() ? null : details;
	}

	private TaskDetails check(Errors errors) {
		ZoneId zone = TimeZones.parse(timeZone).orElse(null);
		if (timeZone == null || timeZone.isBlank()) {
			errors.rejectValue("timeZone", "required", "Choose a time zone");
		}
		else if (zone == null) {
			errors.rejectValue("timeZone", "zone", "Choose a time zone from the list, such as Europe/Berlin");
		}
		List<Attendee> guests = parseGuests(errors);
		if (!SupportedDates.contains(startDate)) {
			errors.rejectValue("startDate", "range", "Enter a date between 1900-01-01 and 2999-12-31");
		}
		if (!SupportedDates.contains(endDate)) {
			errors.rejectValue("endDate", "range", "Enter a date between 1900-01-01 and 2999-12-31");
		}
		boolean datesUsable = startDate != null && SupportedDates.contains(startDate) && SupportedDates.contains(endDate);
		TaskSchedule schedule = datesUsable ? schedule(zone, errors) : null;
		if (errors.hasErrors()) {
			return null;
		}
		return new TaskDetails(title, description, notes, type, priority, status, schedule, contactName, dealName,
				guests, includeGoogleMeet, syncToCalendar, calendarId);
	}

	/**
	 * The times' own rules, checked even while the zone is unknown (in local time then), so "end before start" shows
	 * together with the zone's error rather than after it is fixed. Null when anything is wrong.
	 */
	private TaskSchedule schedule(ZoneId zone, Errors errors) {
		LocalDate lastDay = endDate == null ? startDate : endDate;
		if (allDay) {
			// An all-day task has no times: whatever the time fields still hold (the page without scripts) is ignored.
			if (lastDay.isBefore(startDate)) {
				errors.rejectValue("endDate", "order", "The end date is before the start date");
				return null;
			}
			return zone == null ? null : TaskSchedule.allDay(startDate, lastDay, zone);
		}
		if (startTime == null) {
			errors.rejectValue("startTime", "required", "Enter a start time, or tick All day");
		}
		LocalDateTime start = startTime == null ? null : startDate.atTime(startTime);
		LocalDateTime end = null;
		if (endTime != null) {
			end = lastDay.atTime(endTime);
		}
		else if (durationMinutes != null) {
			end = start == null ? null : start.plusMinutes(durationMinutes);
		}
		else {
			errors.rejectValue("endTime", "required", "Enter an end time or a duration");
		}
		if (start == null || end == null) {
			return null;
		}
		ZoneId order = zone == null ? ZoneOffset.UTC : zone;
		if (end.atZone(order).isBefore(start.atZone(order))) {
			errors.rejectValue("endTime", "order", "The end is before the start");
			return null;
		}
		return zone == null ? null
				: TaskSchedule.timed(start.atZone(zone).toInstant(), end.atZone(zone).toInstant(), zone);
	}

	/** One guest a line: {@code ana@example.com} or {@code Ana Souza <ana@example.com>}; each bad line is named. */
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
				// The way to write a guest is in the field's label; each bad line is named, with what it says.
				errors.rejectValue("attendees", "email",
						"Line " + (i + 1) + " is not an email address (" + shortened(line) + ")");
			}
			else if (guests.stream().noneMatch(g -> g.email().equalsIgnoreCase(email))) {
				guests.add(new Attendee(email, name, null));
			}
		}
		if (guests.size() > 100) {
			errors.rejectValue("attendees", "size", "At most 100 guests");
		}
		return guests;
	}

	private static String shortened(String line) {
		return line.length() > 40 ? line.substring(0, 40) + "…" : line;
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

	public String getFormToken() {
		return formToken;
	}

	public void setFormToken(String formToken) {
		this.formToken = formToken;
	}

	public String getCalendarId() {
		return calendarId;
	}

	public void setCalendarId(String calendarId) {
		this.calendarId = calendarId;
	}

}
