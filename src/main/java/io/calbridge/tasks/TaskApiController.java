package io.calbridge.tasks;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.domain.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.BindException;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.DeleteMapping;
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

	private final TaskService tasks;

	private final SpringValidatorAdapter validator;

	private final JsonMapper json;

	TaskApiController(TaskService tasks, Validator validator, JsonMapper json) {
		this.tasks = tasks;
		this.validator = new SpringValidatorAdapter(validator);
		this.json = json;
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
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		TaskFilter filter = new TaskFilter(status, type, from == null ? null : from.toInstant(),
				to == null ? null : to.toInstant());
		return TaskPage.of(tasks.list(user.id(), filter, Math.max(page, 0), Math.max(1, Math.min(size, MAX_PAGE_SIZE))));
	}

	@GetMapping("/{id}")
	TaskJson get(@AuthenticationPrincipal AccountUser user, @PathVariable long id) {
		return TaskJson.of(tasks.get(user.id(), id));
	}

	@PostMapping
	ResponseEntity<TaskJson> create(@AuthenticationPrincipal AccountUser user, @RequestBody TaskRequest request)
			throws BindException {
		CrmTask task = tasks.create(user.id(), validated(request));
		return ResponseEntity.created(URI.create("/api/tasks/" + task.getId())).body(TaskJson.of(task));
	}

	@PutMapping("/{id}")
	TaskJson replace(@AuthenticationPrincipal AccountUser user, @PathVariable long id,
			@RequestBody TaskRequest request) throws BindException {
		if (request.version() == null) {
			DirectFieldBindingResult errors = new DirectFieldBindingResult(request, "task");
			errors.rejectValue("version", "required", "is required: send the version you read, so no edit is lost");
			throw new BindException(errors);
		}
		TaskDetails details = validated(request);
		return TaskJson.of(tasks.update(user.id(), id, request.version(), details));
	}

	/** JSON merge patch (RFC 7396): the fields sent replace the task's; {@code version} is checked when sent. */
	@PatchMapping(path = "/{id}", consumes = { "application/json", "application/merge-patch+json" })
	TaskJson patch(@AuthenticationPrincipal AccountUser user, @PathVariable long id, @RequestBody JsonNode patch)
			throws BindException {
		if (!patch.isObject()) {
			throw new NotAnObjectException();
		}
		CrmTask current = tasks.get(user.id(), id);
		ObjectNode merged = json.valueToTree(TaskRequest.of(current));
		merged.setAll((ObjectNode) patch);
		TaskRequest request = json.treeToValue(merged, TaskRequest.class);
		if (request.version() == null) {
			// Sent as null or "": without this, a NullPointerException and a 500.
			DirectFieldBindingResult errors = new DirectFieldBindingResult(request, "task");
			errors.rejectValue("version", "required", "must be the version you read, or left out");
			throw new BindException(errors);
		}
		return TaskJson.of(tasks.update(user.id(), id, request.version(), validated(request)));
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

	private TaskDetails validated(TaskRequest request) throws BindException {
		DirectFieldBindingResult errors = new DirectFieldBindingResult(request, "task");
		validator.validate(request, errors);
		request.checkSchedule(errors);
		request.checkText(errors);
		if (errors.hasErrors()) {
			throw new BindException(errors);
		}
		return request.toDetails();
	}

	@ResponseStatus(value = HttpStatus.BAD_REQUEST, reason = "The patch must be a JSON object")
	static class NotAnObjectException extends RuntimeException {

		NotAnObjectException() {
			super("The patch must be a JSON object");
		}

	}

}
