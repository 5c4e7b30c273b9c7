package io.calbridge.emulator.oauth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect id tokens when {@code openid} was asked: RS256-signed JWTs like Google's, with the emulator's
 * own key published at {@code {root}oauth2/v3/certs}. The issuer is Google's, so verifiers only need the
 * certificate URL pointed at the emulator.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class IdTokens {

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final String keyId;

	IdTokens() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		this.keys = generator.generateKeyPair();
		this.keyId = Long.toHexString(Instant.now().toEpochMilli());
	}

	String issue(GoogleAccount account, String clientId, Optional<String> nonce, long lifetimeSeconds) {
		long now = Instant.now().getEpochSecond();
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", "RS256");
		header.put("kid", keyId);
		header.put("typ", "JWT");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", "https://accounts.google.com");
		claims.put("azp", clientId);
		claims.put("aud", clientId);
		claims.put("sub", account.sub());
		claims.put("email", account.email());
		claims.put("email_verified", true);
		claims.put("name", account.name());
		claims.put("given_name", account.givenName());
		claims.put("family_name", account.familyName());
		nonce.ifPresent(n -> claims.put("nonce", n));
		claims.put("iat", now);
		claims.put("exp", now + lifetimeSeconds);
		String signingInput = part(header) + "." + part(claims);
		try {
			Signature rs256 = Signature.getInstance("SHA256withRSA");
			rs256.initSign(keys.getPrivate());
			rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + B64.encodeToString(rs256.sign());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	Map<String, Object> jwks() {
		RSAPublicKey key = (RSAPublicKey) keys.getPublic();
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "RSA");
		jwk.put("alg", "RS256");
		jwk.put("use", "sig");
		jwk.put("kid", keyId);
		jwk.put("n", B64.encodeToString(unsigned(key.getModulus())));
		jwk.put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
		return Map.of("keys", List.of(jwk));
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

	private static String part(Map<String, Object> json) {
		return B64.encodeToString(EventJson.write(json).getBytes(StandardCharsets.UTF_8));
	}

}
