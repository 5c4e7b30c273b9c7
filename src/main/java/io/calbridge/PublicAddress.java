package io.calbridge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where CalBridge can be reached. Browsers and Google use {@link #publicUrl()} (configured, or this
 * machine's {@code localhost} on the port actually bound); calls the app makes to itself, such as to the
 * built-in emulator, use {@link #localUrl()}, which never leaves the machine: {@code 127.0.0.1}, or the one address
 * the server was told to listen on ({@code SERVER_ADDRESS}).
 */
@Component
public class PublicAddress {

	private final String configured;

	private final String localHost;

	private volatile int port = -1;

	PublicAddress(CalBridgeProperties properties, @Value("${server.address:}") String serverAddress)
			throws UnknownHostException {
		this.configured = properties.publicUrl();
		this.localHost = localHost(serverAddress);
	}

	private static String localHost(String serverAddress) throws UnknownHostException {
		if (serverAddress.isBlank() || InetAddress.getByName(serverAddress).isAnyLocalAddress()) {
			return "127.0.0.1";
		}
		String literal = InetAddress.getByName(serverAddress).getHostAddress();
		return literal.contains(":") ? "[" + literal + "]" : literal;
	}

	@EventListener
	void bound(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			port = event.getWebServer().getPort();
		}
	}

	/** The address set with {@code CALBRIDGE_PUBLIC_URL}, if any; no trailing slash. */
	Optional<String> configured() {
		return Optional.ofNullable(configured);
	}

	/** No trailing slash. */
	public String publicUrl() {
		return configured != null ? configured : "http://localhost:" + requirePort();
	}

	/** No trailing slash. */
	public String localUrl() {
		return "http://" + localHost + ":" + requirePort();
	}

	/** A relative address ("/emulator/google/token") is taken as one of this app's own; an absolute one as it is. */
	public String resolveLocal(String uri) {
		return uri.startsWith("/") ? localUrl() + uri : uri;
	}

	public String resolvePublic(String uri) {
		return uri.startsWith("/") ? publicUrl() + uri : uri;
	}

	private int requirePort() {
		if (port < 0) {
			throw new IllegalStateException("The web server has not started yet");
		}
		return port;
	}

}
