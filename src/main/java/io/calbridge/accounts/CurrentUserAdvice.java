package io.calbridge.accounts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the logged-in person, for the layout's account menu. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class CurrentUserAdvice {

	@ModelAttribute("currentUser")
	AccountUser currentUser(@AuthenticationPrincipal AccountUser user) {
		return user;
	}

}
