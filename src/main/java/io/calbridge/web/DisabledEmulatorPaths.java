package io.calbridge.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With the emulator off (production), {@code /emulator/**} does not exist: 404 to everyone, before the login page
 * could answer, so the paths do not even suggest that something is there behind a login. (The emulator module has
 * no beans at all when off, so this lives here.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "false", matchIfMissing = true)
class DisabledEmulatorPaths extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// The decoded, normalised path, so /%65mulator/ or /x/../emulator/ is no way around it.
		String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		return !(path.equals("/emulator") || path.startsWith("/emulator/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

}
