package io.calbridge.emulator.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.calendar.GoogleError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Google's batch endpoint: a {@code multipart/mixed} body of {@code application/http} parts, each one a call
 * with its own status in the answer, in order, with {@code Content-ID: response-<id>}. Parts inherit the outer
 * request's headers (Authorization) unless they carry their own. Every part counts against the quota.
 */
@Controller
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class BatchController {

	/** Calendar's long-standing batch limit; Google's page now says 1000 for some APIs, Calendar sends 50. */
	static final int MAX_PARTS = 50;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final CalendarApi api;

	private final ApiController single;

	private final String root;

	private final RequestLog log;

	BatchController(CalendarApi api, ApiController single, EmulatorProperties properties, RequestLog log) {
		this.api = api;
		this.single = single;
		this.root = properties.rootPath();
		this.log = log;
	}

	private record Part(String contentId, ApiRequest request) {
	}

	@PostMapping({ "${calbridge.emulator.root-path:/emulator/google/}batch/calendar/v3",
			"${calbridge.emulator.root-path:/emulator/google/}batch" })
	void batch(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String contentType = String.valueOf(request.getAttribute(BatchBodyFilter.CONTENT_TYPE));
		String boundary = boundary(contentType);
		if (!contentType.toLowerCase().startsWith("multipart/mixed") || boundary == null) {
			ApiController.write(ApiResponse.error(GoogleError.badRequest("Batch requests must be multipart/mixed.")), response);
			return;
		}
		String body = new String((byte[]) request.getAttribute(BatchBodyFilter.BODY), StandardCharsets.UTF_8);
		List<Part> parts;
		try {
			parts = parse(body, boundary, request.getHeader("Authorization"), single.baseUrl(request));
		}
		catch (RuntimeException e) {
			ApiController.write(ApiResponse.error(GoogleError.badRequest("Failed to parse batch request.")), response);
			return;
		}
		if (parts.size() > MAX_PARTS) {
			ApiController.write(ApiResponse.error(GoogleError.badRequest(
					"Too many requests in batch: " + parts.size() + " (the maximum is " + MAX_PARTS + ").")), response);
			return;
		}
		// The round trip itself, besides each part: what a client's batching saves is counted in these.
		log.record(new RequestLog.Entry(java.time.Instant.now(), "POST", request.getRequestURI(), "batch", "", 200,
				false, false));
		String outBoundary = "batch_" + Long.toHexString(RANDOM.nextLong());
		StringBuilder out = new StringBuilder();
		boolean lost = false;
		for (Part part : parts) {
			ApiResponse answer = api.handle(part.request(), true);
			lost |= answer.lost();
			out.append("--").append(outBoundary).append("\r\n")
				.append("Content-Type: application/http\r\n")
				.append("Content-ID: ").append(responseId(part.contentId())).append("\r\n\r\n")
				.append("HTTP/1.1 ").append(answer.status()).append(' ').append(reason(answer.status())).append("\r\n");
			answer.headers().forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			out.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(answer.body()).append("\r\n");
		}
		out.append("--").append(outBoundary).append("--\r\n");
		ApiResponse whole = new ApiResponse(200, Map.of("Content-Type", "multipart/mixed; boundary=" + outBoundary),
				out.toString(), false);
		ApiController.write(lost ? whole.asLost() : whole, response);
	}

	private List<Part> parse(String body, String boundary, String outerAuthorization, String baseUrl) {
		List<Part> parts = new ArrayList<>();
		String[] chunks = body.split("(\r\n|\n)?--" + java.util.regex.Pattern.quote(boundary));
		for (int i = 1; i < chunks.length; i++) {
			String chunk = chunks[i];
			if (chunk.startsWith("--")) {
				break;
			}
			parts.add(part(chunk.replaceFirst("^\r?\n", ""), outerAuthorization, baseUrl));
		}
		return parts;
	}

	private Part part(String chunk, String outerAuthorization, String baseUrl) {
		String[] outer = chunk.split("\r?\n\r?\n", 2);
		Map<String, String> partHeaders = headers(outer[0]);
		String[] inner = outer[1].split("\r?\n\r?\n", 2);
		String[] lines = inner[0].split("\r?\n");
		String[] requestLine = lines[0].trim().split(" ");
		Map<String, String> headers = headers(inner[0].substring(lines[0].length()));
		if (!headers.containsKey("authorization") && outerAuthorization != null) {
			headers.put("authorization", outerAuthorization);
		}
		URI uri = URI.create(requestLine[1]);
		String path = uri.getRawPath();
		int at = path.indexOf(root);
		String rawPath = at >= 0 ? path.substring(at + root.length()) : path.replaceFirst("^/", "");
		Map<String, List<String>> params = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
			}
		}
		String partBody = inner.length > 1 ? inner[1].strip() : "";
		String method = headers.getOrDefault("x-http-method-override", requestLine[0]).toUpperCase();
		return new Part(partHeaders.get("content-id"), new ApiRequest(method, ApiController.segments(rawPath),
				ApiController.decode(rawPath), params, headers, partBody, baseUrl, false));
	}

	private static Map<String, String> headers(String block) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line : block.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
			}
		}
		return headers;
	}

	/** Google answers {@code <id>} with {@code <response-id>}, and a bare id with {@code response-id}. */
	private static String responseId(String contentId) {
		if (contentId == null) {
			return "response-";
		}
		if (contentId.startsWith("<") && contentId.endsWith(">")) {
			return "<response-" + contentId.substring(1, contentId.length() - 1) + ">";
		}
		return "response-" + contentId;
	}

	private static String boundary(String contentType) {
		for (String p : contentType.split(";")) {
			String t = p.trim();
			if (t.toLowerCase().startsWith("boundary=")) {
				return t.substring(9).replace("\"", "");
			}
		}
		return null;
	}

	private static String reason(int status) {
		HttpStatus s = HttpStatus.resolve(status);
		return s == null ? "" : s.getReasonPhrase();
	}

}
