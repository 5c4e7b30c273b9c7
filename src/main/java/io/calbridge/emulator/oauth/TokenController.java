package io.calbridge.emulator.oauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.calbridge.emulator.api.RequestLog;
import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;
import io.calbridge.emulator.oauth.Grants.AccessToken;
import io.calbridge.emulator.oauth.OAuthClients.OAuthClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Google's token, revoke and tokeninfo endpoints (oauth2.googleapis.com). Client credentials are accepted in
 * the form body or as HTTP Basic, as Google does; errors use the OAuth JSON shape.
 */
@RestController
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class TokenController {

	private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=UTF-8");

	private final OAuthClients clients;

	private final Grants grants;

	private final GoogleAccounts accounts;

	private final IdTokens idTokens;

	private final RequestLog requests;

	/** Whose token was just issued, for the request log line of this call. */
	private final ThreadLocal<String> lastAccount = ThreadLocal.withInitial(() -> "");

	TokenController(OAuthClients clients, Grants grants, GoogleAccounts accounts, IdTokens idTokens,
			RequestLog requests) {
		this.clients = clients;
		this.grants = grants;
		this.accounts = accounts;
		this.idTokens = idTokens;
		this.requests = requests;
	}

	@PostMapping("${calbridge.emulator.root-path:/emulator/google/}token")
	ResponseEntity<String> token(@RequestParam Map<String, String> form,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		String endpoint = "oauth2.token." + form.getOrDefault("grant_type", "none");
		try {
			ResponseEntity<String> answer = exchange(form, authorization);
			requests.recordOAuth("token", endpoint, lastAccount.get(), answer.getStatusCode().value());
			return answer;
		}
		catch (OAuthError e) {
			requests.recordOAuth("token", endpoint, "", e.status());
			throw e;
		}
		finally {
			lastAccount.remove();
		}
	}

	private ResponseEntity<String> exchange(Map<String, String> form, String authorization) {
		OAuthClient client = authenticate(form, authorization);
		String grantType = form.get("grant_type");
		if (grantType == null) {
			throw OAuthError.invalidRequest("Missing required parameter: grant_type");
		}
		return switch (grantType) {
			case "authorization_code" -> {
				Grants.Code code = grants.redeemCode(form.get("code"), client.clientId(), form.get("redirect_uri"),
						form.get("code_verifier"));
				Grants.Tokens tokens = grants.grant(code);
				yield answer(tokens.access(), tokens.refreshToken(), code.nonce());
			}
			case "refresh_token" -> answer(grants.refresh(form.get("refresh_token"), client.clientId()), Optional.empty(),
					Optional.empty());
			default -> throw new OAuthError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
		};
	}

	@PostMapping("${calbridge.emulator.root-path:/emulator/google/}revoke")
	ResponseEntity<String> revoke(@RequestParam(required = false) String token) {
		if (token == null || !grants.revoke(token)) {
			requests.recordOAuth("revoke", "oauth2.revoke", "", 400);
			throw new OAuthError(400, "invalid_token", "Token expired or revoked");
		}
		requests.recordOAuth("revoke", "oauth2.revoke", "", 200);
		return json(Map.of());
	}

	@GetMapping("${calbridge.emulator.root-path:/emulator/google/}tokeninfo")
	ResponseEntity<String> tokenInfo(@RequestParam(name = "access_token", required = false) String token) {
		AccessToken a = grants.live(token).orElseThrow(() -> new OAuthError(400, "invalid_token", "Invalid Value"));
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("azp", a.clientId());
		info.put("aud", a.clientId());
		info.put("scope", String.join(" ", a.scopes()));
		info.put("exp", String.valueOf(a.expiresAt().getEpochSecond()));
		info.put("expires_in", String.valueOf(Duration.between(Instant.now(), a.expiresAt()).toSeconds()));
		info.put("email", a.email());
		info.put("email_verified", "true");
		return json(info);
	}

	@GetMapping("${calbridge.emulator.root-path:/emulator/google/}oauth2/v3/certs")
	ResponseEntity<String> certs() {
		return json(idTokens.jwks());
	}

	@ExceptionHandler(OAuthError.class)
	ResponseEntity<String> oauthError(OAuthError e) {
		return ResponseEntity.status(e.status()).contentType(JSON).cacheControl(CacheControl.noStore())
			.body(EventJson.write(Map.of("error", e.error(), "error_description", e.getMessage())));
	}

	private OAuthClient authenticate(Map<String, String> form, String authorization) {
		String clientId = form.get("client_id");
		String secret = form.get("client_secret");
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			clientId = java.net.URLDecoder.decode(decoded.substring(0, Math.max(colon, 0)), StandardCharsets.UTF_8);
			secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
		}
		OAuthClient client = clients.find(clientId)
			.orElseThrow(() -> OAuthError.invalidClient("The OAuth client was not found."));
		if (!client.clientSecret().equals(secret)) {
			throw OAuthError.invalidClient("Unauthorized");
		}
		return client;
	}

	private ResponseEntity<String> answer(AccessToken access, Optional<String> refreshToken, Optional<String> nonce) {
		lastAccount.set(access.email());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", access.token());
		body.put("expires_in", Duration.between(Instant.now(), access.expiresAt()).toSeconds());
		refreshToken.ifPresent(r -> body.put("refresh_token", r));
		body.put("scope", String.join(" ", access.scopes()));
		body.put("token_type", "Bearer");
		if (access.scopes().contains("openid")) {
			GoogleAccount account = accounts.find(access.email()).orElseThrow();
			body.put("id_token", idTokens.issue(account, access.clientId(), nonce, 3600));
		}
		return json(body);
	}

	private static ResponseEntity<String> json(Map<String, ?> body) {
		return ResponseEntity.ok().contentType(JSON).cacheControl(CacheControl.noStore()).body(EventJson.write(body));
	}

}
