package io.calbridge.emulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may use the emulator's admin API and its pages (consent, calendar): a caller on this machine, or a signed-in
 * CalBridge admin. "On this machine" is the TCP peer being a loopback address and the request carrying no
 * forwarding header: behind a reverse proxy on the same host every request arrives from 127.0.0.1, and the
 * {@code Forwarded}/{@code X-Forwarded-For}/{@code X-Real-IP} header the proxy adds is what tells them apart. A
 * forwarding header can therefore only take access away, never grant it, so spoofing one gains nothing.
 * <p>
 * For the admin API, a browser's {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} refuses too:
 * a page of another site open in this machine's browser must not be able to reset the emulator or mint a token
 * through it. Tools and tests send no such header; the consent page, reached from other apps, keeps working.
 */
final class LocalOrAdmin implements AuthorizationManager<RequestAuthorizationContext> {

	private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

	private final boolean sameOriginOnly;

	private LocalOrAdmin(boolean sameOriginOnly) {
		this.sameOriginOnly = sameOriginOnly;
	}

	/** For the consent and calendar pages, which browsers reach from other apps' pages too. */
	static LocalOrAdmin pages() {
		return new LocalOrAdmin(false);
	}

	/** For the admin API, which no other site's page may call. */
	static LocalOrAdmin adminApi() {
		return new LocalOrAdmin(true);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		if (sameOriginOnly && !fromThisSiteOrNoBrowser(request)) {
			return new AuthorizationDecision(false);
		}
		return new AuthorizationDecision(fromThisMachine(request) || admin(authentication.get()));
	}

	private static boolean fromThisSiteOrNoBrowser(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		return site == null || site.equals("same-origin") || site.equals("none");
	}

	static boolean fromThisMachine(HttpServletRequest request) {
		if (FORWARDING_HEADERS.stream().anyMatch(header -> request.getHeader(header) != null)) {
			return false;
		}
		try {
			// getRemoteAddr is the socket peer, a literal address: no name lookup happens here.
			return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean admin(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

}
