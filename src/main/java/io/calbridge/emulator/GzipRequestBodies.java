package io.calbridge.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Google's Java client sends POST/PUT/PATCH bodies with {@code Content-Encoding: gzip} unless told not to, and
 * Google accepts that; so does the emulator, for every path under its root (form bodies included).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class GzipRequestBodies extends OncePerRequestFilter {

	/** Request attribute set when the body arrived gzip-encoded (the request log shows it). */
	public static final String GZIPPED = GzipRequestBodies.class.getName() + ".gzipped";

	private final String root;

	GzipRequestBodies(EmulatorProperties properties) {
		this.root = properties.rootPath();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + root)
				|| !"gzip".equalsIgnoreCase(String.valueOf(request.getHeader("Content-Encoding")).trim());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body;
		try (InputStream in = new GZIPInputStream(request.getInputStream())) {
			body = in.readAllBytes();
		}
		catch (IOException notGzip) {
			response.setStatus(400);
			response.setContentType("application/json; charset=UTF-8");
			response.getWriter().write("{\"error\":{\"code\":400,\"message\":\"Parse Error\",\"errors\":"
					+ "[{\"domain\":\"global\",\"reason\":\"parseError\",\"message\":\"Parse Error\"}]}}");
			return;
		}
		request.setAttribute(GZIPPED, Boolean.TRUE);
		chain.doFilter(new Gunzipped(request, body), response);
	}

	private static final class Gunzipped extends HttpServletRequestWrapper {

		private final byte[] body;

		private final Map<String, String[]> parameters;

		Gunzipped(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			this.parameters = parameters(request, body);
		}

		private static Map<String, String[]> parameters(HttpServletRequest request, byte[] body) {
			Map<String, List<String>> all = new LinkedHashMap<>();
			addPairs(all, request.getQueryString());
			String type = String.valueOf(request.getContentType());
			if (type.startsWith("application/x-www-form-urlencoded")) {
				addPairs(all, new String(body, StandardCharsets.UTF_8));
			}
			Map<String, String[]> result = new LinkedHashMap<>();
			all.forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
			return Collections.unmodifiableMap(result);
		}

		private static void addPairs(Map<String, List<String>> into, String encoded) {
			if (encoded == null || encoded.isBlank()) {
				return;
			}
			for (String pair : encoded.split("&")) {
				int eq = pair.indexOf('=');
				String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
			}
		}

		@Override
		public String getHeader(String name) {
			return "Content-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return "Content-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public String getParameter(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return parameters.get(name);
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

	}

}
