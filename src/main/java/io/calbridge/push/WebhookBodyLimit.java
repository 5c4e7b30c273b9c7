package io.calbridge.push;

import java.io.IOException;
import java.io.InputStream;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Google's push notifications carry no body, so a webhook call with a body over {@link #MAX_BODY} is refused with
 * 413 before anything else can read it (a multipart parser, a security filter) and before any lookup or write. A
 * declared {@code Content-Length} over the limit is refused without reading a byte; Tomcat stops after
 * {@code server.tomcat.max-swallow-size} and closes the connection. A chunked body, which declares no length, is
 * read into a small scratch buffer and dropped, stopping one byte past the limit: nothing is kept either way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class WebhookBodyLimit extends OncePerRequestFilter {

	/** Far above anything Google sends (nothing), far below what could tie up a request thread. */
	static final int MAX_BODY = 64 * 1024;

	private final MeterRegistry meters;

	WebhookBodyLimit(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// The decoded path, as Spring MVC matches it: "/%77ebhooks/…" reaches the same controller.
		return !request.getServletPath().startsWith("/webhooks/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (tooLarge(request)) {
			WebhookController.count(meters, "too_large");
			response.setHeader(HttpHeaders.CONNECTION, "close");
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean tooLarge(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() >= 0) {
			return request.getContentLengthLong() > MAX_BODY;
		}
		if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			return false;
		}
		InputStream body = request.getInputStream();
		byte[] scratch = new byte[8192];
		long seen = 0;
		for (int read; seen <= MAX_BODY && (read = body.read(scratch)) != -1;) {
			seen += read;
		}
		return seen > MAX_BODY;
	}

}
