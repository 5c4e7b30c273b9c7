package io.calbridge;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where CalBridge can be reached. Browsers and Google use {@link #publicUrl()} (configured, or this
 * machine's {@code localhost} on the port actually bound); calls the app makes to itself, such as to the
 * built-in emulator, use {@link #localUrl()}, which never leaves the machine.
 */
@Component
public class PublicAddress {

	private final String configured;

	private volatile int port = -1;

	PublicAddress(CalBridgeProperties properties) {
		this.configured = properties.publicUrl();
	}

	@EventListener
	void bound(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			port = event.getWebServer().getPort();
		}
	}

	/** No trailing slash. */
	public String publicUrl() {
		return configured != null ? configured : "http://localhost:" + requirePort();
	}

	/** No trailing slash. */
	public String localUrl() {
		return "http://127.0.0.1:" + requirePort();
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
