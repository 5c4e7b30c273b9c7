package io.calbridge.accounts;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
class SignupController {

	private static final String SIGNUP_VIEW = "accounts/signup";

	private static final String LOGIN_VIEW = "accounts/login";

	private final AccountService accounts;

	private final PasswordRules passwords;

	private final LoginThrottle throttle;

	SignupController(AccountService accounts, PasswordRules passwords, LoginThrottle throttle) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@GetMapping("/login")
	String login() {
		return LOGIN_VIEW;
	}

	/** Where {@link LoginThrottle} forwards a refused login: the login page, with 429 and how long to wait. */
	@RequestMapping(LoginThrottle.REFUSED_LOGIN_PATH)
	String loginRefused(HttpServletRequest request, HttpServletResponse response, Model model) {
		Object seconds = request.getAttribute(LoginThrottle.RETRY_AFTER_ATTRIBUTE);
		if (seconds == null) {
			return "redirect:/login";
		}
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, seconds.toString());
		model.addAttribute("retryAfterSeconds", seconds);
		return LOGIN_VIEW;
	}

	@GetMapping("/signup")
	String signupForm(@ModelAttribute("form") SignupForm form) {
		return SIGNUP_VIEW;
	}

	/**
	 * A new account, or none when the email already has one: both answer the same redirect to the login page with
	 * the same neutral message, so sign-up reveals no one's account. Without mail delivery nobody can be told
	 * privately; the owner of an existing account simply logs in with the password they already have.
	 */
	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("form") SignupForm form, BindingResult result, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<Duration> wait = throttle.signUp(orEmpty(form.getEmail()), request.getRemoteAddr());
		if (wait.isPresent()) {
			long seconds = LoginThrottle.seconds(wait.get());
			response.setStatus(429);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			result.reject("throttled", "Too many attempts from here: try again in " + seconds + " seconds.");
			return SIGNUP_VIEW;
		}
		if (!result.hasFieldErrors("password")) {
			passwords.problem(form.getPassword()).ifPresent(why -> result.rejectValue("password", "weak", why));
		}
		if (result.hasErrors()) {
			return SIGNUP_VIEW;
		}
		accounts.signUp(form);
		return "redirect:/login?signedUp";
	}

	private static String orEmpty(String text) {
		return text == null ? "" : text;
	}

}
