package io.calbridge.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class SignupController {

	private static final String SIGNUP_VIEW = "accounts/signup";

	private final AccountService accounts;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SignupController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/login")
	String login() {
		return "accounts/login";
	}

	@GetMapping("/signup")
	String signupForm(@ModelAttribute("form") SignupForm form) {
		return SIGNUP_VIEW;
	}

	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("form") SignupForm form, BindingResult result, HttpServletRequest request,
			HttpServletResponse response) {
		if (result.hasErrors()) {
			return SIGNUP_VIEW;
		}
		AccountUser user;
		try {
			user = accounts.signUp(form);
		}
		catch (AccountService.EmailTakenException ex) {
			result.rejectValue("email", "taken", ex.getMessage());
			return SIGNUP_VIEW;
		}
		logIn(user, request, response);
		return "redirect:/tasks";
	}

	/** Logs the new account in at once, on a fresh session id (no session fixation). */
	private void logIn(AccountUser user, HttpServletRequest request, HttpServletResponse response) {
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

}
