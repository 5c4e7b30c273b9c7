package io.calbridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Absolute addresses the app builds from a request (the login redirect, OAuth callbacks, any {@code getRequestURL})
 * name CalBridge's own origin, never whatever a client put in its {@code Host} header: with
 * {@code CALBRIDGE_PUBLIC_URL} set, that address (scheme, host, port); without it, the host the client asked for
 * only if it is one of this machine's own names or addresses, otherwise {@code localhost}, and always the port
 * the request came in on. So {@code Host: evil.example} can never turn a redirect into a link to another site.
 * <p>
 * Redirects are written here too: Tomcat makes a relative {@code sendRedirect} absolute from its own view of the
 * request (the raw Host header) for HTTP/1.0 clients, whatever {@code use-relative-redirects} says.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublicOrigin extends OncePerRequestFilter {

	private final PublicAddress address;

	private volatile Set<String> ownNames;

	PublicOrigin(PublicAddress address) {
		this.address = address;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		URI origin = address.configured().map(URI::create).orElseGet(() -> localOrigin(request));
		chain.doFilter(new OnOrigin(request, origin), new RedirectsToOrigin(response, origin));
	}

	private URI localOrigin(HttpServletRequest request) {
		String host = request.getServerName().toLowerCase(Locale.ROOT);
		String name = ownNames().contains(host) ? host : "localhost";
		// The port the request came in on: the socket's own, not a header's, and known from the first request.
		return URI.create("http://" + name + ":" + request.getLocalPort());
	}

	private Set<String> ownNames() {
		Set<String> names = ownNames;
		if (names == null) {
			names = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]", "::1"));
			try {
				names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
				Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
				for (NetworkInterface network : interfaces == null ? Collections.<NetworkInterface>emptyList()
						: Collections.list(interfaces)) {
					for (InetAddress own : Collections.list(network.getInetAddresses())) {
						String literal = own.getHostAddress().replaceAll("%.*$", "");
						names.add(literal.contains(":") ? "[" + literal + "]" : literal);
					}
				}
			}
			catch (IOException ex) {
				// No interface list: only the loopback names are this machine's.
			}
			ownNames = names = Set.copyOf(names);
		}
		return names;
	}

	/** {@code Location} from {@code origin} for a path; a full URL the app chose stays as it is. */
	private static final class RedirectsToOrigin extends HttpServletResponseWrapper {

		private final URI origin;

		RedirectsToOrigin(HttpServletResponse response, URI origin) {
			super(response);
			this.origin = origin;
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			sendRedirect(location, SC_FOUND, true);
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			sendRedirect(location, SC_FOUND, clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int status) throws IOException {
			sendRedirect(location, status, true);
		}

		@Override
		public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
			if (location.startsWith("/") && !location.startsWith("//")) {
				if (isCommitted()) {
					throw new IllegalStateException("The response is already committed");
				}
				if (clearBuffer) {
					resetBuffer();
				}
				setStatus(status);
				setHeader("Location", origin.getScheme() + "://" + origin.getRawAuthority() + location);
				flushBuffer();
			}
			else {
				super.sendRedirect(location, status, clearBuffer);
			}
		}

	}

	/** The request as if it had been made to {@code origin}. */
	private static final class OnOrigin extends HttpServletRequestWrapper {

		private final URI origin;

		OnOrigin(HttpServletRequest request, URI origin) {
			super(request);
			this.origin = origin;
		}

		@Override
		public String getScheme() {
			return origin.getScheme();
		}

		@Override
		public boolean isSecure() {
			return "https".equals(origin.getScheme());
		}

		@Override
		public String getServerName() {
			return origin.getHost();
		}

		@Override
		public int getServerPort() {
			return origin.getPort() != -1 ? origin.getPort() : "https".equals(origin.getScheme()) ? 443 : 80;
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(origin.getScheme()).append("://")
				.append(origin.getRawAuthority())
				.append(getRequestURI());
		}

		@Override
		public String getHeader(String name) {
			return "host".equalsIgnoreCase(name) ? origin.getRawAuthority() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return "host".equalsIgnoreCase(name) ? Collections.enumeration(Set.of(origin.getRawAuthority()))
					: super.getHeaders(name);
		}

	}

}
