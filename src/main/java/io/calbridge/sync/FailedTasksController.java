package io.calbridge.sync;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;
import io.calbridge.tasks.TaskSyncStore;

/**
 * "Retry all failed" on the task list's banner. Safe in one click because a retry only sends the task's own
 * current version again, under the same 409/412 guards as any write; conflicts are not retried, they need a
 * person's choice on their own page.
 */
@Controller
class FailedTasksController {

	private final TaskSyncStore store;

	private final OutboundSync outbound;

	FailedTasksController(TaskSyncStore store, OutboundSync outbound) {
		this.store = store;
		this.outbound = outbound;
	}

	@PostMapping("/tasks/sync/retry-failed")
	String retryFailed(@AuthenticationPrincipal AccountUser user, RedirectAttributes redirect) {
		int retried = store.retryFailed(user.id());
		if (retried > 0) {
			outbound.nudge();
			redirect.addFlashAttribute("message",
					retried == 1 ? "Trying the failed task again now." : "Trying " + retried + " failed tasks again now.");
		}
		else {
			redirect.addFlashAttribute("message", "No task has a failed sync.");
		}
		return "redirect:/tasks";
	}

}
