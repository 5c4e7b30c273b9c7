package io.calbridge.emulator.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.GzipRequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.UriUtils;

/** Puts single Calendar API calls ({@code {root}calendar/v3/**}) through {@link CalendarApi}. */
@Controller
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class ApiController {

	static final String API_PREFIX = "calendar/v3/";

	private final CalendarApi api;

	private final String root;

	ApiController(CalendarApi api, EmulatorProperties properties) {
		this.api = api;
		this.root = properties.rootPath();
	}

	@RequestMapping("${calbridge.emulator.root-path:/emulator/google/}calendar/v3/**")
	void call(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String rawPath = request.getRequestURI().substring(request.getContextPath().length() + root.length());
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name.toLowerCase(), request.getHeader(name));
		}
		String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		// HttpURLConnection cannot send PATCH; Google honours X-HTTP-Method-Override on a POST.
		String method = headers.getOrDefault("x-http-method-override", request.getMethod()).toUpperCase();
		ApiRequest call = new ApiRequest(method, segments(rawPath), decode(rawPath), params, headers, body,
				baseUrl(request), request.getAttribute(GzipRequestBodies.GZIPPED) != null);
		write(api.handle(call, false), response);
	}

	String baseUrl(HttpServletRequest request) {
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath() + root;
	}

	/** Path segments after {@code calendar/v3/}, each percent-decoded ("%40" in calendar ids, "%23" in holidays). */
	static List<String> segments(String rawPath) {
		String rest = rawPath.startsWith(API_PREFIX) ? rawPath.substring(API_PREFIX.length()) : rawPath;
		List<String> out = new ArrayList<>();
		for (String s : rest.split("/")) {
			if (!s.isEmpty()) {
				out.add(UriUtils.decode(s, StandardCharsets.UTF_8));
			}
		}
		return out;
	}

	static String decode(String rawPath) {
		return UriUtils.decode(rawPath, StandardCharsets.UTF_8);
	}

	static void write(ApiResponse answer, HttpServletResponse response) throws IOException {
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		response.setStatus(answer.status());
		answer.headers().forEach(response::setHeader);
		if (answer.lost()) {
			// The change is done; the client sees a connection that dies mid-answer, as after a network cut.
			response.setHeader("Connection", "close");
			response.setContentLength(bytes.length + 512);
			OutputStream out = response.getOutputStream();
			out.write(bytes, 0, Math.min(bytes.length, 10));
			out.flush();
			// Fewer bytes than announced, then the connection closes: the client sees a cut answer.
			return;
		}
		if (answer.status() != 204 && answer.status() != 304) {
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
		}
	}

}
