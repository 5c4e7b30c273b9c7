package io.calbridge.tasks;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;

/** The task pages: list, create, view, edit, delete. */
@Controller
@RequestMapping("/tasks")
class TaskController {

	private static final String FORM_VIEW = "tasks/form";

	private static final int PAGE_SIZE = 20;

	private final TaskService tasks;

	private final CalendarChoices calendars;

	private final TaskListing listing;

	private final java.time.Clock clock;

	TaskController(TaskService tasks, CalendarChoices calendars, TaskListing listing, java.time.Clock clock) {
		this.tasks = tasks;
		this.calendars = calendars;
		this.listing = listing;
		this.clock = clock;
	}

	@InitBinder("form")
	void guardIds(WebDataBinder binder) {
		// Only the sync bookkeeping by name: a "sync*" pattern also refused the form's own "Show in Google Calendar".
		binder.setDisallowedFields("id", "userId", "google*", "syncState", "syncAttempts", "syncNextAttemptAt",
				"syncLastError", "syncRequested");
		// Bean Validation and the pages' text rules (web's TextInputRules) still run, all of them, at once.
		binder.replaceValidators(new SkipUnreadableFields(binder.getValidators()));
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("types", TaskType.values());
		model.addAttribute("priorities", TaskPriority.values());
		model.addAttribute("statuses", TaskStatus.values());
		model.addAttribute("zones", TimeZones.ALL);
	}

	/**
	 * The list, from today on unless the person asks for earlier tasks ({@code when=earlier}, latest first) or all
	 * ({@code when=all}; also what dates or sync states in the filter mean). Dates and "today" are the browser's: the page sends its
	 * zone with the filter, and keeps it in a cookie for the first look.
	 */
	@GetMapping
	String list(@AuthenticationPrincipal AccountUser user, @RequestParam(required = false) TaskStatus status,
			@RequestParam(required = false) TaskType type,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String zone, @RequestParam(required = false) Set<SyncState> syncState,
			@RequestParam(required = false) String when,
			@CookieValue(name = "zone", required = false) String browserZone,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
		ZoneId viewZone = TimeZones.parse(zone).or(() -> TimeZones.parse(browserZone)).orElse(ZoneId.of("UTC"));
		if (!SupportedDates.contains(from) || !SupportedDates.contains(to)) {
			// The filter is shown without the date that cannot be, and says why.
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("filterError", "Filter dates must be between 1900-01-01 and 2999-12-31.");
			from = SupportedDates.contains(from) ? from : null;
			to = SupportedDates.contains(to) ? to : null;
		}
		page = Math.max(0, Math.min(page, TaskApiController.MAX_PAGE));
		TaskFilter filter = new TaskFilter(status, type, from == null ? null : from.atStartOfDay(viewZone).toInstant(),
				to == null ? null : to.plusDays(1).atStartOfDay(viewZone).toInstant(), syncState);
		// Dates, or sync states (what needs a person is needed whenever it is), choose their own part of time.
		TaskListing.Period period = TaskListing.Period.parse(when,
				from != null || to != null || (syncState != null && !syncState.isEmpty()));
		java.time.Instant today = LocalDate.now(clock.withZone(viewZone)).atStartOfDay(viewZone).toInstant();
		Page<TaskListing.Row> rows = listing.rows(user.id(), filter, period, today, page, PAGE_SIZE);
		model.addAttribute("page", rows);
		model.addAttribute("waiting", rows.stream().anyMatch(TaskListing.Row::anyPending));
		model.addAttribute("period", period.name().toLowerCase(java.util.Locale.ROOT));
		model.addAttribute("periodWord", period.word());
		model.addAttribute("earlier", period == TaskListing.Period.UPCOMING
				? listing.earlierCount(user.id(), filter, today) : 0L);
		model.addAttribute("status", status);
		model.addAttribute("type", type);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("zone", viewZone.getId());
		model.addAttribute("syncState", syncState == null ? Set.of() : syncState);
		model.addAttribute("syncStates", SyncState.values());
		model.addAttribute("hasAnyTask", tasks.hasAny(user.id()));
		return "tasks/list";
	}

	/**
	 * {@code form}: the token of a form opened before, which the page's script puts in the address, so Back after
	 * a save opens the same form again (the page is never cached), says it was sent, and cannot make a second task.
	 */
	@GetMapping("/new")
	String newTask(@AuthenticationPrincipal AccountUser user, @RequestParam(name = "form", required = false) String token,
			Model model) {
		TaskForm form = new TaskForm();
		form.setStartDate(LocalDate.now().plusDays(1));
		form.setStartTime(java.time.LocalTime.of(10, 0));
		java.util.UUID formToken = FormTokens.parse(token).orElseGet(java.util.UUID::randomUUID);
		form.setFormToken(formToken.toString());
		tasks.taskMadeBy(user.id(), formToken).ifPresent(id -> model.addAttribute("sentTaskId", id));
		CalendarChoices.Offer offer = calendars.offer(user.id());
		// The person's zone as their Google calendar has it; without one the page fills in the browser's zone.
		form.setTimeZone(TimeZones.parse(offer.zone()).map(ZoneId::getId).orElse(null));
		model.addAttribute("form", form);
		return formView(form, offer, model);
	}

	/**
	 * The form's token makes a second post of the same form (a double click, Back and Create again) lead to the task
	 * the first post made, not to another task and another event. A post without one (a script) is simply made.
	 */
	@PostMapping("/new")
	String create(@AuthenticationPrincipal AccountUser user, @Valid @ModelAttribute("form") TaskForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		TaskDetails details = form.toDetails(result);
		checkCalendar(user, details, null, result);
		if (result.hasErrors()) {
			return formView(user, form, model);
		}
		java.util.Optional<java.util.UUID> token = FormTokens.parse(form.getFormToken());
		TaskService.FormCreation creation = token.isPresent() ? tasks.createOnce(user.id(), token.get(), details)
				: new TaskService.FormCreation.Created(tasks.create(user.id(), details));
		if (creation instanceof TaskService.FormCreation.Created created) {
			redirect.addFlashAttribute("message", "Task created.");
			return "redirect:/tasks/" + created.task().getId();
		}
		java.util.Optional<Long> made = ((TaskService.FormCreation.AlreadySent) creation).taskId();
		redirect.addFlashAttribute("message", made.isPresent()
				? "This form was already sent, so no second task was made: here is the task it created."
				: "This form was already sent, and the task it made has since been deleted; no task was made again.");
		return made.map(id -> "redirect:/tasks/" + id).orElse("redirect:/tasks");
	}

	private String formView(AccountUser user, TaskForm form, Model model) {
		return formView(form, calendars.offer(user.id()), model);
	}

	/**
	 * The calendar dropdown. A task without a calendar of its own goes to the connection's default, so the default's
	 * option sends "" unless the task names it; a calendar the form names that Google no longer lists stays in the
	 * list, so nothing chosen is lost.
	 */
	private static String formView(TaskForm form, CalendarChoices.Offer offer, Model model) {
		String chosen = form.getCalendarId() == null ? "" : form.getCalendarId().strip();
		java.util.List<CalendarChoices.Choice> choices = new java.util.ArrayList<>(offer.calendars()
			.stream()
			.map(c -> c.isDefault() && !c.id().equals(chosen) ? new CalendarChoices.Choice("", c.name(), true) : c)
			.toList());
		if (!chosen.isEmpty() && choices.stream().noneMatch(c -> c.id().equals(chosen))) {
			choices.add(new CalendarChoices.Choice(chosen, chosen, false));
		}
		model.addAttribute("calendars", choices);
		model.addAttribute("calendarNote", offer.note());
		return FORM_VIEW;
	}

	@GetMapping("/{id}")
	String view(@AuthenticationPrincipal AccountUser user, @PathVariable long id, Model model) {
		model.addAttribute("task", tasks.get(user.id(), id));
		return "tasks/view";
	}

	@GetMapping("/{id}/edit")
	String edit(@AuthenticationPrincipal AccountUser user, @PathVariable long id, Model model) {
		CrmTask task = tasks.get(user.id(), id);
		model.addAttribute("task", task);
		TaskForm form = TaskForm.of(task);
		model.addAttribute("form", form);
		return formView(user, form, model);
	}

	/**
	 * A stale edit (the task changed since the form was opened, by someone else or by Google) is refused and the
	 * person's input is shown again with a message, so nothing is overwritten and nothing typed is lost.
	 */
	@PostMapping("/{id}/edit")
	String update(@AuthenticationPrincipal AccountUser user, @PathVariable long id,
			@Valid @ModelAttribute("form") TaskForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		CrmTask current = tasks.get(user.id(), id);
		model.addAttribute("task", current);
		TaskDetails details = form.toDetails(result);
		checkCalendar(user, details, current.getSelectedCalendarId(), result);
		if (form.getVersion() == null) {
			result.reject("version", "The form is missing its version; open the task again.");
		}
		if (result.hasErrors()) {
			return formView(user, form, model);
		}
		try {
			tasks.update(user.id(), id, form.getVersion(), details);
		}
		catch (TaskService.ReadOnlyInGoogleException ex) {
			// Shown again with Google's values in the locked fields, and what was typed in the others.
			form.keepEventFieldsOf(current);
			result.reject("readOnlyInGoogle", ex.getMessage());
			return formView(user, form, model);
		}
		catch (TaskService.StaleTaskException | ObjectOptimisticLockingFailureException ex) {
			result.reject("stale", "This task was changed while you were editing it, so your changes were not saved. "
					+ "Your input is kept below: open the task again to see the latest version, then reapply it.");
			return formView(user, form, model);
		}
		redirect.addFlashAttribute("message", "Task saved.");
		return "redirect:/tasks/" + id;
	}

	/** A calendar other than the task's current one must be one of the connected account's (asked of Google). */
	private void checkCalendar(AccountUser user, TaskDetails details, String current, BindingResult result) {
		if (details != null && !java.util.Objects.equals(details.calendarId(), current)) {
			calendars.problem(user.id(), details.calendarId())
				.ifPresent(why -> result.rejectValue("calendarId", "calendar", why));
		}
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@AuthenticationPrincipal AccountUser user, @PathVariable long id, Model model) {
		model.addAttribute("task", tasks.get(user.id(), id));
		return "tasks/delete";
	}

	/**
	 * {@code event}: the box "also delete/decline it in Google" sends the offered choice; unticked, nothing comes
	 * and the event of someone else's meeting stays. CalBridge's own events go with their task, as the page says.
	 */
	@PostMapping("/{id}/delete")
	String delete(@AuthenticationPrincipal AccountUser user, @PathVariable long id,
			@RequestParam(required = false) String event, RedirectAttributes redirect) {
		CrmTask task = tasks.get(user.id(), id);
		EventChoice choice = task.getEventOrigin() == EventOrigin.GOOGLE
				? EventChoice.parse(event).filter(task.eventChoices()::contains).orElse(EventChoice.KEEP) : null;
		tasks.delete(user.id(), id, null, choice);
		redirect.addFlashAttribute("message", "Task \"" + task.getTitle() + "\" deleted" + switch (choice == null
				? EventChoice.DELETE : choice) {
			case KEEP -> task.hasEvent() ? "; its event stays in Google Calendar." : ".";
			case DELETE -> task.hasEvent() ? "; its event is being removed from Google Calendar." : ".";
			case DECLINE -> "; the invitation is being declined in Google Calendar.";
		});
		return "redirect:/tasks";
	}

}
