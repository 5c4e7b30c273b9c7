package io.calbridge.tasks;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.calbridge.accounts.AccountUser;

/**
 * Gives every page the signed-in person's {@link Attention}, for the nav's "needs attention" badge: a failed or
 * conflicting task is otherwise visible only on its own page.
 */
@ControllerAdvice(annotations = Controller.class)
class AttentionAdvice {

	private final TaskBacklog backlog;

	AttentionAdvice(TaskBacklog backlog) {
		this.backlog = backlog;
	}

	@ModelAttribute("attention")
	Attention attention(@AuthenticationPrincipal AccountUser user) {
		return user == null ? null : Attention.of(backlog.countsFor(user.id()));
	}

}
