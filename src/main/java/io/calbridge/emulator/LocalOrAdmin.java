package io.calbridge.emulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may use the emulator's admin API and its pages (consent, calendar): a caller on this machine, or a signed-in
 * CalBridge admin. "On this machine" is the TCP peer being a loopback address, the request carrying no forwarding
 * header, and the request naming this machine as its host. Behind a reverse proxy on the same host every request
 * arrives from 127.0.0.1, and the {@code Forwarded}/{@code X-Forwarded-For}/{@code X-Real-IP} header the proxy adds
 * is what tells them apart, so such a header can only take access away, never grant it.
 * <p>
 * When the server honours forwarded headers ({@code server.forward-headers-strategy} native or framework), nobody is
 * on this machine: Tomcat then takes the client address from {@code X-Forwarded-For} sent by any private address and
 * removes the header, so a host on the LAN saying {@code 127.0.0.1} would look local. Only an admin gets in then.
 * <p>
 * The host must be {@code localhost}, a loopback address or the host of {@code CALBRIDGE_PUBLIC_URL}: a page of
 * another site whose name was rebound to 127.0.0.1 (DNS rebinding) reaches this machine from loopback and counts as
 * same-origin, but its requests still name that site.
 * <p>
 * For the admin API, a browser's {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} refuses too:
 * a page of another site open in this machine's browser must not be able to reset the emulator or mint a token
 * through it. Tools and tests send no such header; the consent page, reached from other apps, keeps working.
 */
final class LocalOrAdmin implements AuthorizationManager<RequestAuthorizationContext> {

	private final boolean sameOriginOnly;

	private final ThisMachine thisMachine;

	private LocalOrAdmin(boolean sameOriginOnly, ThisMachine thisMachine) {
		this.sameOriginOnly = sameOriginOnly;
		this.thisMachine = thisMachine;
	}

	/** For the consent and calendar pages, which browsers reach from other apps' pages too. */
	static LocalOrAdmin pages(ThisMachine thisMachine) {
		return new LocalOrAdmin(false, thisMachine);
	}

	/** For the admin API, which no other site's page may call. */
	static LocalOrAdmin adminApi(ThisMachine thisMachine) {
		return new LocalOrAdmin(true, thisMachine);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		if (sameOriginOnly && !fromThisSiteOrNoBrowser(request)) {
			return new AuthorizationDecision(false);
		}
		return new AuthorizationDecision(thisMachine.isCaller(request) || admin(authentication.get()));
	}

	private static boolean fromThisSiteOrNoBrowser(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		return site == null || site.equals("same-origin") || site.equals("none");
	}

	private static boolean admin(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

	/**
	 * How a request from this machine is told apart from one that only looks like it.
	 *
	 * @param forwardedHeadersHonoured the server rewrites the client address from forwarding headers, so no
	 *                                 address it reports can be trusted to be the socket's
	 * @param publicHost               the host of {@code CALBRIDGE_PUBLIC_URL}, lower case, if set
	 */
	record ThisMachine(boolean forwardedHeadersHonoured, Optional<String> publicHost) {

		private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

		private static final Pattern LOOPBACK_LITERAL = Pattern
			.compile("127(\\.\\d{1,3}){3}|::1|0:0:0:0:0:0:0:1|localhost");

		static ThisMachine of(Environment environment, String publicUrl) {
			String strategy = Binder.get(environment)
				.bind("server.forward-headers-strategy", String.class)
				.map(value -> value.strip().toLowerCase(Locale.ROOT))
				.orElse("");
			// Unset, Spring Boot honours them on a cloud platform that says it uses them.
			CloudPlatform platform = CloudPlatform.getActive(environment);
			boolean honoured = strategy.equals("native") || strategy.equals("framework")
					|| strategy.isEmpty() && platform != null && platform.isUsingForwardHeaders();
			return new ThisMachine(honoured, Optional.ofNullable(publicUrl)
				.map(url -> URI.create(url).getHost())
				.map(host -> unbracketed(host.toLowerCase(Locale.ROOT))));
		}

		boolean isCaller(HttpServletRequest request) {
			return !forwardedHeadersHonoured
					&& FORWARDING_HEADERS.stream().noneMatch(header -> request.getHeader(header) != null)
					&& loopbackPeer(request) && namesThisMachine(asSent(request).getServerName());
		}

		private static boolean loopbackPeer(HttpServletRequest request) {
			try {
				// getRemoteAddr is the socket peer, a literal address: no name lookup happens here.
				return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}

		/**
		 * The request as the connector parsed it: the app's own wrapper answers every request with its public
		 * origin's host (so no redirect names a foreign one), which hides the name the client asked for.
		 */
		private static ServletRequest asSent(ServletRequest request) {
			ServletRequest sent = request;
			while (sent instanceof ServletRequestWrapper wrapper) {
				sent = wrapper.getRequest();
			}
			return sent;
		}

		/** Compared as text, never resolved: resolving the name is exactly what the rebinding attacker controls. */
		private boolean namesThisMachine(String serverName) {
			if (serverName == null) {
				return false;
			}
			String host = unbracketed(serverName.strip().toLowerCase(Locale.ROOT));
			return LOOPBACK_LITERAL.matcher(host).matches() || publicHost.filter(host::equals).isPresent();
		}

		private static String unbracketed(String host) {
			return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		}

	}

}
