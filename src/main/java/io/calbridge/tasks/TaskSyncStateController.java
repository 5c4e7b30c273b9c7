package io.calbridge.tasks;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.calbridge.accounts.AccountUser;

/**
 * The calendar part of a task's page on its own, for the page to swap in as the sync moves on (a task stayed
 * "pending" until the person reloaded).
 */
@Controller
class TaskSyncStateController {

	private final TaskService tasks;

	TaskSyncStateController(TaskService tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/tasks/{id}/sync-state")
	String syncState(@AuthenticationPrincipal AccountUser user, @PathVariable long id, Model model) {
		model.addAttribute("task", tasks.get(user.id(), id));
		return "tasks/view :: syncState";
	}

}
