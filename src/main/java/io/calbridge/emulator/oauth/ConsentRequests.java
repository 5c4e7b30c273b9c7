package io.calbridge.emulator.oauth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Authorization requests that passed validation and wait for the user's Allow or Deny. Kept on the server so
 * the consent form carries only an id: nobody can alter the client, redirect URI or scopes in between.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class ConsentRequests {

	private static final Duration LIFETIME = Duration.ofMinutes(30);

	private static final SecureRandom RANDOM = new SecureRandom();

	record Pending(String clientId, String redirectUri, Set<String> scopes, Optional<String> state, boolean offline,
			boolean promptConsent, Optional<String> codeChallenge, String challengeMethod, Optional<String> nonce,
			Optional<String> loginHint, Instant expiresAt) {
	}

	private final Map<String, Pending> pending = new LinkedHashMap<>();

	synchronized String put(Pending request) {
		pending.values().removeIf(p -> p.expiresAt().isBefore(Instant.now()));
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		String key = HexFormat.of().formatHex(id);
		pending.put(key, request);
		return key;
	}

	synchronized Optional<Pending> take(String id) {
		Pending p = id == null ? null : pending.remove(id);
		return p == null || p.expiresAt().isBefore(Instant.now()) ? Optional.empty() : Optional.of(p);
	}

	static Instant expiry() {
		return Instant.now().plus(LIFETIME);
	}

	synchronized void reset() {
		pending.clear();
	}

}
