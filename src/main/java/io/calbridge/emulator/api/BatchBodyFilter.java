package io.calbridge.emulator.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import io.calbridge.emulator.EmulatorProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring's multipart support would swallow a {@code multipart/mixed} batch body as if it were a form upload;
 * this keeps the raw body for {@link BatchController} and hides the content type from the multipart resolver.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class BatchBodyFilter extends OncePerRequestFilter {

	static final String BODY = BatchBodyFilter.class.getName() + ".body";

	static final String CONTENT_TYPE = BatchBodyFilter.class.getName() + ".contentType";

	private final String batchPath;

	BatchBodyFilter(EmulatorProperties properties) {
		this.batchPath = properties.rootPath() + "batch";
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + batchPath);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(BODY, request.getInputStream().readAllBytes());
		request.setAttribute(CONTENT_TYPE, request.getContentType());
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public String getContentType() {
				return "application/octet-stream";
			}

			@Override
			public String getHeader(String name) {
				return "Content-Type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
			}

			@Override
			public Enumeration<String> getHeaders(String name) {
				return "Content-Type".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(getContentType()))
						: super.getHeaders(name);
			}
		}, response);
	}

}
