package io.calbridge.sync;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.TaskService;
import io.calbridge.tasks.TaskSyncStore;

/** A task's calendar side: its sync log, Retry for a failed sync, and the conflict page. */
@Controller
@RequestMapping("/tasks/{taskId}")
class TaskSyncController {

	private final TaskService tasks;

	private final TaskSyncStore store;

	private final SyncLog log;

	private final ConflictResolution conflicts;

	private final OutboundSync outbound;

	TaskSyncController(TaskService tasks, TaskSyncStore store, SyncLog log, ConflictResolution conflicts,
			OutboundSync outbound) {
		this.tasks = tasks;
		this.store = store;
		this.log = log;
		this.conflicts = conflicts;
		this.outbound = outbound;
	}

	@GetMapping("/sync")
	String syncPage(@AuthenticationPrincipal AccountUser user, @PathVariable long taskId, Model model) {
		model.addAttribute("task", tasks.get(user.id(), taskId));
		model.addAttribute("entries", log.forTask(user.id(), taskId));
		return "sync/task-sync";
	}

	@PostMapping("/sync/retry")
	String retry(@AuthenticationPrincipal AccountUser user, @PathVariable long taskId, RedirectAttributes redirect) {
		tasks.get(user.id(), taskId);
		if (store.retry(user.id(), taskId)) {
			outbound.nudge();
			redirect.addFlashAttribute("message", "Trying again now.");
		}
		else {
			redirect.addFlashAttribute("error", "Only a failed sync can be retried.");
		}
		return "redirect:/tasks/" + taskId;
	}

	@PostMapping("/sync/new-meet-link")
	String newMeetLink(@AuthenticationPrincipal AccountUser user, @PathVariable long taskId,
			RedirectAttributes redirect) {
		tasks.get(user.id(), taskId);
		if (store.newMeetLink(user.id(), taskId)) {
			outbound.nudge();
			redirect.addFlashAttribute("message", "A new Google Meet link is on its way; the old one stops being the task's.");
		}
		else {
			redirect.addFlashAttribute("error", "This task has no Google Meet to replace.");
		}
		return "redirect:/tasks/" + taskId;
	}

	@GetMapping("/conflict")
	String conflictPage(@AuthenticationPrincipal AccountUser user, @PathVariable long taskId, Model model) {
		CrmTask task = conflicts.conflicted(user.id(), taskId);
		model.addAttribute("task", task);
		model.addAttribute("rows", conflicts.choices(task));
		return "sync/conflict";
	}

	/** {@code keep}: "mine", "google", or "fields" with {@code pick_<field>=google|mine} for each field. */
	@PostMapping("/conflict")
	String resolve(@AuthenticationPrincipal AccountUser user, @PathVariable long taskId,
			@RequestParam(defaultValue = "fields") String keep, @RequestParam Map<String, String> params,
			RedirectAttributes redirect) {
		List<String> fields = new java.util.ArrayList<>(SyncFields.NAMES);
		fields.add(ConflictResolution.DELETED);
		List<String> takeGoogle = switch (keep) {
			case "mine" -> List.of();
			case "google" -> fields;
			default -> fields.stream().filter(f -> "google".equals(params.get("pick_" + f))).toList();
		};
		conflicts.resolve(user.id(), taskId, takeGoogle);
		redirect.addFlashAttribute("message", "Conflict resolved. The result goes to Google Calendar now.");
		return "redirect:/tasks/" + taskId;
	}

}
