package io.calbridge.tasks;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.domain.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.validation.BindException;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.calbridge.accounts.AccountUser;

/** {@code /api/tasks}: the same tasks as the pages, as JSON, for the logged-in user only. */
@RestController
@RequestMapping("/api/tasks")
class TaskApiController {

	static final int MAX_PAGE_SIZE = 200;

	/** Far beyond any real list (20 million tasks at the largest size), and offsets stay within an int. */
	static final int MAX_PAGE = 100_000;

	/** A patch without a version meets a save made in between this many times at most before it answers 409. */
	private static final int PATCH_ATTEMPTS = 3;

	private final TaskService tasks;

	private final SpringValidatorAdapter validator;

	private final JsonMapper json;

	private final CalendarChoices calendars;

	TaskApiController(TaskService tasks, Validator validator, JsonMapper json, CalendarChoices calendars) {
		this.tasks = tasks;
		this.validator = new SpringValidatorAdapter(validator);
		this.json = json;
		this.calendars = calendars;
	}

	record TaskPage(List<TaskJson> items, int page, int size, long totalItems, int totalPages) {
		static TaskPage of(Page<CrmTask> page) {
			return new TaskPage(page.map(TaskJson::of).getContent(), page.getNumber(), page.getSize(),
					page.getTotalElements(), page.getTotalPages());
		}
	}

	@GetMapping
	TaskPage list(@AuthenticationPrincipal AccountUser user, @RequestParam(required = false) TaskStatus status,
			@RequestParam(required = false) TaskType type, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@RequestParam(required = false) Set<SyncState> syncState, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) throws BindException {
		MapBindingResult errors = new MapBindingResult(new java.util.HashMap<>(), "query");
		if (!SupportedDates.contains(from)) {
			errors.rejectValue("from", "range", SupportedDates.MESSAGE);
		}
		if (!SupportedDates.contains(to)) {
			errors.rejectValue("to", "range", SupportedDates.MESSAGE);
		}
		if (page < 0 || page > MAX_PAGE) {
			errors.rejectValue("page", "range", "must be between 0 and " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			errors.rejectValue("size", "range", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (errors.hasErrors()) {
			throw new BindException(errors);
		}
		TaskFilter filter = new TaskFilter(status, type, from == null ? null : from.toInstant(),
				to == null ? null : to.toInstant(), syncState);
		return TaskPage.of(tasks.list(user.id(), filter, page, size));
	}

	@GetMapping("/{id}")
	TaskJson get(@AuthenticationPrincipal AccountUser user, @PathVariable long id) {
		return TaskJson.of(tasks.get(user.id(), id));
	}

	@PostMapping
	ResponseEntity<TaskJson> create(@AuthenticationPrincipal AccountUser user, @RequestBody JsonNode body)
			throws BindException {
		CrmTask task = tasks.create(user.id(), validated(user.id(), object(body), null, null).details());
		return ResponseEntity.created(URI.create("/api/tasks/" + task.getId())).body(TaskJson.of(task));
	}

	@PutMapping("/{id}")
	TaskJson replace(@AuthenticationPrincipal AccountUser user, @PathVariable long id, @RequestBody JsonNode body)
			throws BindException {
		ObjectNode request = object(body);
		CrmTask current = tasks.get(user.id(), id);
		Validated valid = validated(user.id(), request, current.getSelectedCalendarId(),
				"is required: send the version you read, so no edit is lost");
		return TaskJson.of(tasks.update(user.id(), id, valid.version(), valid.details()));
	}

	/** JSON merge patch (RFC 7396): the fields sent replace the task's; {@code version} is checked when sent. */
	@PatchMapping(path = "/{id}", consumes = { "application/json", "application/merge-patch+json" })
	TaskJson patch(@AuthenticationPrincipal AccountUser user, @PathVariable long id, @RequestBody JsonNode patch)
			throws BindException {
		ObjectNode sent = object(patch);
		// Without a version a patch means "these fields, on the task as it is now": a save made since it was read
		// here (inbound sync taking Google's title, another tab) is no reason to refuse it, so it is laid over the
		// fresh task again. With a version, an edit of an older version is refused, as on PUT.
		for (int attempt = 1;; attempt++) {
			CrmTask current = tasks.get(user.id(), id);
			ObjectNode merged = json.valueToTree(TaskRequest.of(current));
			merged.setAll(sent);
			// Sent as null or "": without this check, a NullPointerException and a 500.
			Validated valid = validated(user.id(), merged, current.getSelectedCalendarId(),
					"must be the version you read, or left out");
			try {
				return TaskJson.of(tasks.update(user.id(), id, valid.version(), valid.details()));
			}
			catch (TaskService.StaleTaskException changedMeanwhile) {
				if (sent.has("version") || attempt == PATCH_ATTEMPTS) {
					throw changedMeanwhile;
				}
			}
		}
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal AccountUser user, @PathVariable long id,
			@RequestParam(required = false) Long version, @RequestParam(required = false) String event) {
		EventChoice choice = event == null ? null
				: EventChoice.parse(event).orElseThrow(() -> new BadEventChoiceException(event));
		tasks.delete(user.id(), id, version, choice);
	}

	@ResponseStatus(HttpStatus.BAD_REQUEST)
	static class BadEventChoiceException extends RuntimeException {

		BadEventChoiceException(String value) {
			super("event must be keep, delete or decline, not '"
					+ (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'");
		}

	}

	/**
	 * 422 naming each field Google takes only from the organizer, so a client can tell what to leave alone; the
	 * task is unchanged. The other fields of such a task can be sent as they are, or changed.
	 */
	@ExceptionHandler(TaskService.ReadOnlyInGoogleException.class)
	ResponseEntity<ProblemDetail> readOnlyInGoogle(TaskService.ReadOnlyInGoogleException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Only the organizer can change these fields");
		problem.setProperty("organizer", ex.organizer());
		problem.setProperty("errors", ex.fields().stream()
			.map(field -> Map.of("field", field, "message", "only " + ex.organizer() + " (the organizer) can change it"))
			.toList());
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
	}

	record Validated(Long version, TaskDetails details) {
	}

	/**
	 * Every mistake of the request in one 400: the fields that cannot be read (an unknown {@code type}, a malformed
	 * date) and the rules of those that can. A field that could not be read gets no second error for the empty value
	 * it leaves. {@code currentCalendarId}: the task's calendar before this edit, which may stay without asking
	 * Google; {@code versionRequired}: the message when a version is required and missing (null: not required).
	 */
	private Validated validated(long userId, ObjectNode body, String currentCalendarId, String versionRequired)
			throws BindException {
		MapBindingResult errors = new MapBindingResult(new java.util.HashMap<>(), "task");
		TaskRequest request = TaskRequest.read(json, body, errors);
		Set<String> unreadable = errors.getFieldErrors().stream().map(e -> topField(e.getField())).collect(
				java.util.stream.Collectors.toSet());
		DirectFieldBindingResult checks = new DirectFieldBindingResult(request, "task");
		validator.validate(request, checks);
		request.checkSchedule(checks);
		request.checkText(checks);
		if (versionRequired != null && request.version() == null && !unreadable.contains("version")) {
			checks.rejectValue("version", "required", versionRequired);
		}
		checks.getFieldErrors()
			.stream()
			.filter(e -> !unreadable.contains(topField(e.getField())))
			.forEach(errors::addError);
		if (!errors.hasErrors() && !java.util.Objects.equals(blankToNull(request.calendarId()), currentCalendarId)) {
			calendars.problem(userId, request.calendarId())
				.ifPresent(why -> errors.rejectValue("calendarId", "calendar", why));
		}
		if (errors.hasErrors()) {
			throw new BindException(errors);
		}
		return new Validated(request.version(), request.toDetails());
	}

	private static String topField(String field) {
		return field.split("[.\\[]", 2)[0];
	}

	private static ObjectNode object(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new NotAnObjectException();
		}
		return (ObjectNode) body;
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	@ResponseStatus(value = HttpStatus.BAD_REQUEST, reason = "The body must be a JSON object")
	static class NotAnObjectException extends RuntimeException {

		NotAnObjectException() {
			super("The body must be a JSON object");
		}

	}

}
