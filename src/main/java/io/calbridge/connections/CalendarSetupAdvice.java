package io.calbridge.connections;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.calbridge.accounts.AccountUser;

/**
 * Gives every page the person's {@link CalendarSetup}, so the task list can show what is left to do after sign-up
 * (a new account lands on an empty list with no hint that a calendar must be connected first).
 */
@ControllerAdvice(annotations = Controller.class)
class CalendarSetupAdvice {

	private final GoogleIntegrationRepository integrations;

	private final CalendarConnectionRepository connections;

	CalendarSetupAdvice(GoogleIntegrationRepository integrations, CalendarConnectionRepository connections) {
		this.integrations = integrations;
		this.connections = connections;
	}

	@ModelAttribute("calendarSetup")
	CalendarSetup calendarSetup(@AuthenticationPrincipal AccountUser user) {
		if (user == null) {
			return null;
		}
		return new CalendarSetup(integrations.existsByUserId(user.id()),
				connections.existsByUserIdAndState(user.id(), CalendarConnection.State.ACTIVE));
	}

}
