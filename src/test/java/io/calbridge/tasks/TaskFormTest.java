package io.calbridge.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.MutablePropertyValues;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.WebDataBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task form's rules, bound and checked as the page's post is, without the application: every mistake is
 * reported at once on its own field, a field that could not be read gets one error, and an all-day task needs no
 * times.
 */
class TaskFormTest {

	static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	/** What the page posts for a valid one-and-a-half-hour meeting in Berlin. */
	static Map<String, String> kickOff() {
		Map<String, String> form = new HashMap<>();
		form.put("title", "Kick-off with Acme");
		form.put("type", "MEETING");
		form.put("priority", "HIGH");
		form.put("status", "PENDING");
		form.put("startDate", "2026-12-02");
		form.put("startTime", "14:00");
		form.put("endDate", "");
		form.put("endTime", "15:30");
		form.put("durationMinutes", "");
		form.put("timeZone", "Europe/Berlin");
		form.put("attendees", "Ana Souza <ana.souza@acme.example>\nben.keller@acme.example");
		form.put("_allDay", "on");
		form.put("calendarId", "");
		return form;
	}

	record Checked(TaskDetails details, BindingResult errors) {

		List<String> fields() {
			return errors.getFieldErrors().stream().map(FieldError::getField).toList();
		}

		List<String> messagesOf(String field) {
			return errors.getFieldErrors(field).stream().map(FieldError::getDefaultMessage).toList();
		}

	}

	/** Bound, validated and checked as TaskController does it. */
	static Checked post(Map<String, String> fields) {
		TaskForm form = new TaskForm();
		WebDataBinder binder = new WebDataBinder(form, "form");
		binder.setConversionService(new DefaultFormattingConversionService());
		binder.replaceValidators(new SkipUnreadableFields(List.of(new SpringValidatorAdapter(VALIDATOR))));
		binder.bind(new MutablePropertyValues(fields));
		binder.validate();
		BindingResult errors = binder.getBindingResult();
		return new Checked(form.toDetails(errors), errors);
	}

	@Test
	void aValidFormGivesTheTaskInItsZone() {
		Checked checked = post(kickOff());

		assertThat(checked.errors().hasErrors()).as(checked.errors().toString()).isFalse();
		TaskSchedule when = checked.details().schedule();
		assertThat(when.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(when.startAt()).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
		assertThat(when.endAt()).isEqualTo(Instant.parse("2026-12-02T14:30:00Z"));
		assertThat(checked.details().attendees()).extracting(Attendee::email)
			.containsExactly("ana.souza@acme.example", "ben.keller@acme.example");
	}

	@Test
	void everyMistakeIsReportedAtOnceEachOnItsOwnField() {
		Map<String, String> form = kickOff();
		form.put("title", " ");
		form.put("timeZone", "Mars/Olympus_Mons");
		form.put("endTime", "13:00");
		form.put("attendees", "ana.souza@acme.example\nnot an address\nben@\nben.keller@acme.example");

		Checked checked = post(form);

		assertThat(checked.details()).isNull();
		assertThat(checked.fields()).containsExactlyInAnyOrder("title", "timeZone", "endTime", "attendees",
				"attendees");
		assertThat(checked.messagesOf("endTime")).as("the order is checked while the zone is still unknown")
			.containsExactly("The end is before the start");
		assertThat(checked.messagesOf("attendees")).satisfiesExactly(
				line -> assertThat(line).startsWith("Line 2 is not an email address (not an address)"),
				line -> assertThat(line).startsWith("Line 3 is not an email address (ben@)"));
	}

	@Test
	void aTimedTaskWithoutTimesNamesBothMissingTimesAtOnce() {
		Map<String, String> form = kickOff();
		form.put("startTime", "");
		form.put("endTime", "");

		Checked checked = post(form);

		assertThat(checked.fields()).containsExactlyInAnyOrder("startTime", "endTime");
		assertThat(checked.messagesOf("startTime")).containsExactly("Enter a start time, or tick All day");
		assertThat(checked.messagesOf("endTime")).containsExactly("Enter an end time or a duration");
	}

	@Test
	void aFieldThatCannotBeReadGetsThatErrorAloneBesideTheOthers() {
		Map<String, String> form = kickOff();
		form.put("startDate", "2026-02-30");
		form.put("type", "VISIT");
		form.put("title", "");

		Checked checked = post(form);

		assertThat(checked.fields()).as("no second 'enter a start date' or 'choose a type' for the emptied values")
			.containsExactlyInAnyOrder("startDate", "type", "title");
		assertThat(checked.errors().getFieldError("startDate").getCode()).isEqualTo("typeMismatch");
		assertThat(checked.errors().getFieldError("type").getCode()).isEqualTo("typeMismatch");
	}

	@Test
	void anEmptyOrUnknownZoneIsRefusedWithWordsThatSayWhich() {
		Map<String, String> empty = kickOff();
		empty.put("timeZone", "");
		Map<String, String> offset = kickOff();
		offset.put("timeZone", "+02:00");

		assertThat(post(empty).messagesOf("timeZone")).containsExactly("Choose a time zone");
		assertThat(post(offset).messagesOf("timeZone"))
			.containsExactly("Choose a time zone from the list, such as Europe/Berlin");
	}

	@Test
	void anAllDayTaskIgnoresWhatTheTimeFieldsStillHold() {
		// The page without scripts still shows (and sends) the time fields next to a ticked All day.
		Map<String, String> form = kickOff();
		form.put("allDay", "true");
		form.put("startDate", "2026-12-07");
		form.put("endDate", "2026-12-09");
		form.put("startTime", "16:00");
		form.put("endTime", "09:00");
		form.put("durationMinutes", "2");

		Checked checked = post(form);

		assertThat(checked.fields()).as("durationMinutes still has its own bounds").containsExactly("durationMinutes");
		form.put("durationMinutes", "");
		Checked fixed = post(form);
		assertThat(fixed.errors().hasErrors()).isFalse();
		assertThat(fixed.details().schedule().allDay()).isTrue();
		assertThat(fixed.details().schedule().startDate()).isEqualTo(LocalDate.of(2026, 12, 7));
		assertThat(fixed.details().schedule().endDate()).isEqualTo(LocalDate.of(2026, 12, 9));
	}

	@Test
	void anAllDayTaskNeedsNoTimeFieldsAtAll() {
		// With scripts the time fields are disabled, so the browser does not send them.
		Map<String, String> form = kickOff();
		form.put("allDay", "true");
		form.remove("startTime");
		form.remove("endTime");
		form.remove("durationMinutes");

		Checked checked = post(form);

		assertThat(checked.errors().hasErrors()).as(checked.errors().toString()).isFalse();
		assertThat(checked.details().schedule().startDate()).isEqualTo(LocalDate.of(2026, 12, 2));
		assertThat(checked.details().schedule().endDate()).isEqualTo(LocalDate.of(2026, 12, 2));
	}

	@Test
	void anAllDayTaskEndingBeforeItStartsIsRefusedOnItsEndDate() {
		Map<String, String> form = kickOff();
		form.put("allDay", "true");
		form.put("startDate", "2026-12-09");
		form.put("endDate", "2026-12-07");

		assertThat(post(form).messagesOf("endDate")).containsExactly("The end date is before the start date");
	}

	@Test
	void aGuestNamedTwiceIsInvitedOnce() {
		Map<String, String> form = kickOff();
		form.put("attendees", "ana.souza@acme.example\n\nAna Souza <ANA.SOUZA@acme.example>");

		assertThat(post(form).details().attendees()).extracting(Attendee::email)
			.containsExactly("ana.souza@acme.example");
	}

	@Test
	void theFormTokenIsReadOnlyWhenItIsOneOfOurs() {
		assertThat(FormTokens.parse("1b4e28ba-2fa1-11d2-883f-0016d3cca427")).isPresent();
		assertThat(FormTokens.parse("'; drop table task_form_tokens; --")).isEmpty();
		assertThat(FormTokens.parse("")).isEmpty();
		assertThat(FormTokens.parse(null)).isEmpty();
	}

}
