package io.calbridge.emulator.oauth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.calbridge.emulator.EmulatorProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The OAuth clients Google knows, as a Cloud Console project would register them: a client id, a secret and the
 * exact redirect URIs allowed. Configured clients come back after every reset; the admin API adds more.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class OAuthClients {

	/** A registered client. */
	public record OAuthClient(String clientId, String clientSecret, List<String> redirectUris) {
	}

	/** Used by the admin "token without a browser" shortcut, never shown on a consent page. */
	static final String ADMIN_CLIENT_ID = "emulator-admin.apps.googleusercontent.com";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final EmulatorProperties properties;

	private final Map<String, OAuthClient> clients = new LinkedHashMap<>();

	public OAuthClients(EmulatorProperties properties) {
		this.properties = properties;
		reset();
	}

	public synchronized void reset() {
		clients.clear();
		for (EmulatorProperties.Client c : properties.clients()) {
			clients.put(c.clientId(), new OAuthClient(c.clientId(), c.clientSecret(), List.copyOf(c.redirectUris())));
		}
	}

	/** A new client with Google-looking credentials: {@code <digits>-<hex>.apps.googleusercontent.com}, {@code GOCSPX-…}. */
	public synchronized OAuthClient register(List<String> redirectUris) {
		String id = (100_000_000_000L + RANDOM.nextLong(899_999_999_999L)) + "-" + hex(16) + ".apps.googleusercontent.com";
		OAuthClient client = new OAuthClient(id, "GOCSPX-" + hex(14), List.copyOf(redirectUris));
		clients.put(id, client);
		return client;
	}

	public synchronized Optional<OAuthClient> find(String clientId) {
		return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
	}

	public synchronized List<OAuthClient> all() {
		return new ArrayList<>(clients.values());
	}

	private static String hex(int bytes) {
		byte[] b = new byte[bytes];
		RANDOM.nextBytes(b);
		return HexFormat.of().formatHex(b);
	}

}
