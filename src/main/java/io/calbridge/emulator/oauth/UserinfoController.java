package io.calbridge.emulator.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who the token belongs to: the older {@code oauth2/v2/userinfo} shape and the OpenID Connect one. */
@RestController
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class UserinfoController {

	private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=UTF-8");

	private final Grants grants;

	private final GoogleAccounts accounts;

	UserinfoController(Grants grants, GoogleAccounts accounts) {
		this.grants = grants;
		this.accounts = accounts;
	}

	@GetMapping("${calbridge.emulator.root-path:/emulator/google/}oauth2/v2/userinfo")
	ResponseEntity<String> v2(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "access_token", required = false) String token) {
		Optional<GoogleAccount> account = account(authorization, token);
		if (account.isEmpty()) {
			return unauthorized();
		}
		GoogleAccount a = account.get();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", a.sub());
		body.put("email", a.email());
		body.put("verified_email", true);
		body.put("name", a.name());
		body.put("given_name", a.givenName());
		body.put("family_name", a.familyName());
		body.put("picture", "https://lh3.googleusercontent.com/a/default-user=s96-c");
		return ResponseEntity.ok().contentType(JSON).body(EventJson.write(body));
	}

	@GetMapping({ "${calbridge.emulator.root-path:/emulator/google/}v1/userinfo",
			"${calbridge.emulator.root-path:/emulator/google/}oauth2/v3/userinfo" })
	ResponseEntity<String> openIdConnect(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "access_token", required = false) String token) {
		Optional<GoogleAccount> account = account(authorization, token);
		if (account.isEmpty()) {
			return unauthorized();
		}
		GoogleAccount a = account.get();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", a.sub());
		body.put("name", a.name());
		body.put("given_name", a.givenName());
		body.put("family_name", a.familyName());
		body.put("picture", "https://lh3.googleusercontent.com/a/default-user=s96-c");
		body.put("email", a.email());
		body.put("email_verified", true);
		return ResponseEntity.ok().contentType(JSON).body(EventJson.write(body));
	}

	private Optional<GoogleAccount> account(String authorization, String token) {
		String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? authorization.substring(7).trim() : token;
		return grants.live(bearer).flatMap(t -> accounts.find(t.email()));
	}

	private static ResponseEntity<String> unauthorized() {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", 401);
		error.put("message", "Request is missing required authentication credential. Expected OAuth 2 access token, "
				+ "login cookie or other valid authentication credential.");
		error.put("status", "UNAUTHENTICATED");
		return ResponseEntity.status(401).contentType(JSON)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"https://accounts.google.com/\"")
			.body(EventJson.write(Map.of("error", error)));
	}

}
