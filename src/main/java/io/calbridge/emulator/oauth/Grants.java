package io.calbridge.emulator.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.calbridge.emulator.EmulatorProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * What users have granted to which client: authorization codes, access tokens and refresh tokens. A grant is
 * one user's consent to one client; revoking any of its tokens revokes all of them, as Google does.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class Grants {

	public static final String CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

	/** Google drops the oldest refresh token beyond 100 live ones per account and client. */
	static final int MAX_REFRESH_TOKENS = 100;

	/** A live access token and what it opens. */
	public record AccessToken(String token, String email, String clientId, Set<String> scopes, Instant expiresAt,
			String grantId) {

		public boolean hasAnyScope(String... wanted) {
			for (String s : wanted) {
				if (scopes.contains(s)) {
					return true;
				}
			}
			return false;
		}

	}

	/** What the token endpoint answers. */
	public record Tokens(AccessToken access, Optional<String> refreshToken) {
	}

	/** A code from the consent page, exchangeable once. */
	record Code(String clientId, String redirectUri, String email, Set<String> scopes, boolean withRefreshToken,
			Optional<String> codeChallenge, String challengeMethod, Instant expiresAt, Optional<String> nonce) {
	}

	private record Refresh(String grantId, Instant issuedAt) {
	}

	private record Grant(String id, String email, String clientId, Set<String> scopes) {
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final EmulatorProperties properties;

	private final Map<String, Grant> grants = new HashMap<>();

	private final Map<String, Code> codes = new HashMap<>();

	private final Map<String, AccessToken> accessTokens = new HashMap<>();

	private final Map<String, Refresh> refreshTokens = new HashMap<>();

	/** email|clientId pairs that consented before: Google gives a refresh token again only with prompt=consent. */
	private final Set<String> consented = new HashSet<>();

	public Grants(EmulatorProperties properties) {
		this.properties = properties;
	}

	public synchronized void reset() {
		grants.clear();
		codes.clear();
		accessTokens.clear();
		refreshTokens.clear();
		consented.clear();
	}

	/** The user allowed the client on the consent page. */
	synchronized String issueCode(String clientId, String redirectUri, String email, Set<String> scopes,
			boolean offline, boolean promptConsent, Optional<String> codeChallenge, String challengeMethod,
			Optional<String> nonce) {
		boolean firstConsent = consented.add(email.toLowerCase() + "|" + clientId);
		String code = "4/0A" + random(40);
		codes.put(code, new Code(clientId, redirectUri, email, Set.copyOf(scopes), offline && (promptConsent || firstConsent),
				codeChallenge, challengeMethod, Instant.now().plus(properties.authorizationCodeLifetime()), nonce));
		return code;
	}

	synchronized Code redeemCode(String code, String clientId, String redirectUri, String codeVerifier) {
		Code c = codes.remove(code);
		if (c == null) {
			throw OAuthError.invalidGrant(code == null ? "Missing code." : "Bad Request");
		}
		if (c.expiresAt().isBefore(Instant.now()) || !c.clientId().equals(clientId)) {
			throw OAuthError.invalidGrant("Bad Request");
		}
		if (!c.redirectUri().equals(redirectUri)) {
			throw new OAuthError(400, "redirect_uri_mismatch", "Bad Request");
		}
		if (c.codeChallenge().isPresent()) {
			if (codeVerifier == null) {
				throw OAuthError.invalidGrant("Missing code verifier.");
			}
			String computed = "plain".equals(c.challengeMethod()) ? codeVerifier : s256(codeVerifier);
			if (!computed.equals(c.codeChallenge().get())) {
				throw OAuthError.invalidGrant("Invalid code verifier.");
			}
		}
		return c;
	}

	synchronized Tokens grant(Code code) {
		Grant g = new Grant(random(16), code.email(), code.clientId(), code.scopes());
		grants.put(g.id(), g);
		Optional<String> refresh = Optional.empty();
		if (code.withRefreshToken()) {
			refresh = Optional.of(newRefreshToken(g));
		}
		return new Tokens(newAccessToken(g, properties.accessTokenLifetime()), refresh);
	}

	synchronized AccessToken refresh(String refreshToken, String clientId) {
		Refresh r = refreshToken == null ? null : refreshTokens.get(refreshToken);
		Grant g = r == null ? null : grants.get(r.grantId());
		if (g == null) {
			throw OAuthError.invalidGrant("Token has been expired or revoked.");
		}
		if (!g.clientId().equals(clientId)) {
			throw new OAuthError(400, "unauthorized_client", "Unauthorized");
		}
		return newAccessToken(g, properties.accessTokenLifetime());
	}

	/** Revokes the whole grant behind an access or refresh token; false when the token is unknown. */
	public synchronized boolean revoke(String token) {
		String grantId = Optional.ofNullable(accessTokens.get(token)).map(AccessToken::grantId)
			.or(() -> Optional.ofNullable(refreshTokens.get(token)).map(Refresh::grantId)).orElse(null);
		Grant g = grantId == null ? null : grants.remove(grantId);
		if (g == null) {
			return false;
		}
		accessTokens.values().removeIf(a -> a.grantId().equals(grantId));
		refreshTokens.values().removeIf(r -> r.grantId().equals(grantId));
		consented.remove(g.email().toLowerCase() + "|" + g.clientId());
		return true;
	}

	/** An access token for {@code email} without the browser dance (admin API, tests, demos). */
	public synchronized AccessToken issueDirect(String email, Set<String> scopes, Duration lifetime) {
		Grant g = new Grant(random(16), email, OAuthClients.ADMIN_CLIENT_ID, Set.copyOf(scopes));
		grants.put(g.id(), g);
		return newAccessToken(g, lifetime);
	}

	/** The token if it exists, is not revoked and has not expired: Google's 401 otherwise. */
	public synchronized Optional<AccessToken> live(String token) {
		AccessToken a = token == null ? null : accessTokens.get(token);
		if (a == null || !a.expiresAt().isAfter(Instant.now()) || !grants.containsKey(a.grantId())) {
			return Optional.empty();
		}
		return Optional.of(a);
	}

	private AccessToken newAccessToken(Grant g, Duration lifetime) {
		accessTokens.values().removeIf(a -> a.expiresAt().isBefore(Instant.now().minus(Duration.ofHours(1))));
		AccessToken a = new AccessToken("ya29.a0" + random(60), g.email(), g.clientId(), g.scopes(),
				Instant.now().plus(lifetime), g.id());
		accessTokens.put(a.token(), a);
		return a;
	}

	private String newRefreshToken(Grant g) {
		List<Map.Entry<String, Refresh>> mine = new ArrayList<>(refreshTokens.entrySet().stream()
			.filter(e -> grants.containsKey(e.getValue().grantId()))
			.filter(e -> sameUserAndClient(grants.get(e.getValue().grantId()), g)).toList());
		if (mine.size() >= MAX_REFRESH_TOKENS) {
			mine.sort(Map.Entry.comparingByValue((a, b) -> a.issuedAt().compareTo(b.issuedAt())));
			refreshTokens.remove(mine.get(0).getKey());
		}
		String token = "1//0" + random(48);
		refreshTokens.put(token, new Refresh(g.id(), Instant.now()));
		return token;
	}

	private static boolean sameUserAndClient(Grant a, Grant b) {
		return a.email().equalsIgnoreCase(b.email()) && a.clientId().equals(b.clientId());
	}

	static String s256(String verifier) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static Set<String> scopes(String spaceSeparated) {
		Set<String> s = new LinkedHashSet<>();
		for (String part : spaceSeparated.trim().split("\\s+")) {
			if (!part.isBlank()) {
				s.add(part);
			}
		}
		return s;
	}

	private static String random(int bytes) {
		byte[] b = new byte[bytes];
		RANDOM.nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

}
