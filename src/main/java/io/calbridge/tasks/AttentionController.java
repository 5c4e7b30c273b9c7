package io.calbridge.tasks;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.calbridge.accounts.AccountUser;

/**
 * {@code GET /api/sync/summary}: the signed-in person's pending, failed and conflicting tasks, so a script or a
 * dashboard sees what needs attention without paging through every task.
 */
@RestController
class AttentionController {

	private final TaskBacklog backlog;

	AttentionController(TaskBacklog backlog) {
		this.backlog = backlog;
	}

	@GetMapping("/api/sync/summary")
	Attention summary(@AuthenticationPrincipal AccountUser user) {
		return Attention.of(backlog.countsFor(user.id()));
	}

}
