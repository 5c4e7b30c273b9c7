package io.calbridge.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser runs only CalBridge's own script files: no inline script, no handler attributes, no plugins, no
 * framing. Stored text is escaped by Thymeleaf already; this is the second wall if an escape is ever missed.
 * Styles come only from CalBridge's stylesheets too (task type colours are a stylesheet of their own): an
 * injected style attribute or element could still restyle a page to mislead, or read attributes out through CSS.
 * <p>
 * Set on every answer, before any security chain can answer, so an error page is covered too. {@code form-action}
 * is left out on purpose: connecting a calendar posts a form that redirects to Google's consent page, whose origin
 * depends on the configuration.
 * <p>
 * With it go two more: {@code Referrer-Policy}, so a link to another site never carries a page's path and query
 * (task ids, OAuth state), and a {@code Permissions-Policy} that turns off the device and payment features the app
 * never uses, so an injected frame or script could not ask for them either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ContentSecurityPolicy extends OncePerRequestFilter {

	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

	static final String REFERRER_POLICY = "strict-origin-when-cross-origin";

	static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), bluetooth=(), camera=(), "
			+ "display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), "
			+ "payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", POLICY);
		response.setHeader("Referrer-Policy", REFERRER_POLICY);
		response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		chain.doFilter(request, response);
	}

}
