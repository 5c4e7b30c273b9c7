package io.calbridge.emulator.oauth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;
import io.calbridge.emulator.oauth.ConsentRequests.Pending;
import io.calbridge.emulator.oauth.OAuthClients.OAuthClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Google's authorization endpoint: a consent screen where the user picks an account and allows or denies.
 * As at Google, an unknown client or an unregistered redirect URI is shown on the page (never redirected, so
 * a forged request cannot bounce the user anywhere); later errors go back to the client's redirect URI.
 */
@Controller
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class AuthorizationController {

	private static final String CONSENT = "emulator/consent";

	private static final String ERROR = "emulator/consent-error";

	private final OAuthClients clients;

	private final GoogleAccounts accounts;

	private final ConsentRequests requests;

	private final Grants grants;

	private final String root;

	AuthorizationController(OAuthClients clients, GoogleAccounts accounts, ConsentRequests requests, Grants grants,
			EmulatorProperties properties) {
		this.clients = clients;
		this.accounts = accounts;
		this.requests = requests;
		this.grants = grants;
		this.root = properties.rootPath();
	}

	@GetMapping({ "${calbridge.emulator.root-path:/emulator/google/}o/oauth2/v2/auth",
			"${calbridge.emulator.root-path:/emulator/google/}o/oauth2/auth" })
	String authorize(@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "redirect_uri", required = false) String redirectUri,
			@RequestParam(name = "response_type", required = false) String responseType,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String state,
			@RequestParam(name = "access_type", required = false) String accessType,
			@RequestParam(required = false) String prompt,
			@RequestParam(name = "login_hint", required = false) String loginHint,
			@RequestParam(name = "code_challenge", required = false) String codeChallenge,
			@RequestParam(name = "code_challenge_method", required = false) String challengeMethod,
			@RequestParam(required = false) String nonce, Model model, jakarta.servlet.http.HttpServletResponse response) {
		Optional<OAuthClient> client = clients.find(clientId);
		if (client.isEmpty()) {
			return error(model, response, HttpStatus.UNAUTHORIZED, "invalid_client", "The OAuth client was not found.");
		}
		if (redirectUri == null || !client.get().redirectUris().contains(redirectUri)) {
			return error(model, response, HttpStatus.BAD_REQUEST, "redirect_uri_mismatch",
					"You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. "
							+ "Register the redirect URI " + (redirectUri == null ? "(none given)" : redirectUri)
							+ " for this client.");
		}
		if (!"code".equals(responseType)) {
			return "redirect:" + UriComponentsBuilder.fromUriString(redirectUri)
				.queryParam("error", "unsupported_response_type").queryParamIfPresent("state", Optional.ofNullable(state))
				.encode().build().toUriString();
		}
		if (scope == null || scope.isBlank()) {
			return error(model, response, HttpStatus.BAD_REQUEST, "invalid_request", "Missing required parameter: scope");
		}
		Set<String> scopes = Grants.scopes(scope);
		List<String> unknown = scopes.stream().filter(s -> Scopes.describe(s).isEmpty()).toList();
		if (!unknown.isEmpty()) {
			return error(model, response, HttpStatus.BAD_REQUEST, "invalid_scope",
					"Some requested scopes were invalid: " + String.join(", ", unknown));
		}
		if (accessType != null && !accessType.equals("online") && !accessType.equals("offline")) {
			return error(model, response, HttpStatus.BAD_REQUEST, "invalid_request", "Invalid access_type: " + accessType);
		}
		String method = challengeMethod == null ? "plain" : challengeMethod;
		if (codeChallenge != null && !method.equals("S256") && !method.equals("plain")) {
			return error(model, response, HttpStatus.BAD_REQUEST, "invalid_request",
					"Invalid code_challenge_method: " + challengeMethod);
		}
		boolean promptConsent = prompt != null && List.of(prompt.split(" ")).contains("consent");
		String requestId = requests.put(new Pending(clientId, redirectUri, scopes, Optional.ofNullable(state),
				"offline".equals(accessType), promptConsent, Optional.ofNullable(codeChallenge), method,
				Optional.ofNullable(nonce), Optional.ofNullable(loginHint), ConsentRequests.expiry()));
		model.addAttribute("requestId", requestId);
		model.addAttribute("action", root + "o/oauth2/v2/auth/consent");
		model.addAttribute("clientId", clientId);
		model.addAttribute("redirectHost", UriComponentsBuilder.fromUriString(redirectUri).build().getHost());
		model.addAttribute("scopes", scopes.stream().map(s -> Scopes.describe(s).orElse(s)).distinct().toList());
		model.addAttribute("accounts", accounts.all());
		model.addAttribute("selected", accounts.find(loginHint).map(GoogleAccount::email)
			.orElse(accounts.all().isEmpty() ? "" : accounts.all().get(0).email()));
		model.addAttribute("offline", "offline".equals(accessType));
		return CONSENT;
	}

	@PostMapping("${calbridge.emulator.root-path:/emulator/google/}o/oauth2/v2/auth/consent")
	String decide(@RequestParam("request") String requestId, @RequestParam(required = false) String account,
			@RequestParam String decision, Model model, jakarta.servlet.http.HttpServletResponse response) {
		Optional<Pending> pending = requests.take(requestId);
		if (pending.isEmpty()) {
			return error(model, response, HttpStatus.BAD_REQUEST, "invalid_request",
					"This sign-in request has expired or was already answered. Start again from the app.");
		}
		Pending p = pending.get();
		UriComponentsBuilder target = UriComponentsBuilder.fromUriString(p.redirectUri());
		if (!"allow".equals(decision)) {
			target.queryParam("error", "access_denied");
		}
		else {
			GoogleAccount who = accounts.find(account).orElse(null);
			if (who == null) {
				return error(model, response, HttpStatus.BAD_REQUEST, "invalid_request", "Choose an account.");
			}
			String code = grants.issueCode(p.clientId(), p.redirectUri(), who.email(), p.scopes(), p.offline(),
					p.promptConsent(), p.codeChallenge(), p.challengeMethod(), p.nonce());
			target.queryParam("code", code).queryParam("scope", String.join(" ", p.scopes()))
				.queryParam("authuser", "0").queryParam("prompt", "consent");
		}
		p.state().ifPresent(s -> target.queryParam("state", s));
		return "redirect:" + target.encode().build().toUriString();
	}

	private static String error(Model model, jakarta.servlet.http.HttpServletResponse response, HttpStatus status,
			String error, String description) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("error", error);
		model.addAttribute("description", description);
		return ERROR;
	}

}
