package io.calbridge.emulator;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Plays the person on Google's consent page with plain HTTP: open the page, pick an account, Allow or Deny. */
final class ConsentBrowser {

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).build();

	private final EmulatorClient emulator;

	ConsentBrowser(EmulatorClient emulator) {
		this.emulator = emulator;
	}

	HttpResponse<String> open(Map<String, String> params) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(emulator.root() + "o/oauth2/v2/auth?" + form(params))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Submits the consent form of {@code page}; returns the redirect target (the app's callback URL). */
	URI decide(HttpResponse<String> page, String account, String decision) throws Exception {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", field(page.body(), "_csrf"));
		fields.put("request", field(page.body(), "request"));
		fields.put("account", account);
		fields.put("decision", decision);
		Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(page.body());
		if (!action.find()) {
			throw new IllegalStateException("no consent form in " + page.body());
		}
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(emulator.base() + action.group(1)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 302) {
			throw new IllegalStateException("consent answered " + answer.statusCode() + ": " + answer.body());
		}
		return URI.create(answer.headers().firstValue("Location").orElseThrow());
	}

	static Map<String, String> query(URI uri) {
		Map<String, String> out = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			int eq = pair.indexOf('=');
			out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return out;
	}

	private static String field(String html, String name) {
		Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
		if (!m.find()) {
			m = Pattern.compile("value=\"([^\"]*)\" name=\"" + Pattern.quote(name) + "\"").matcher(html);
			if (!m.find()) {
				throw new IllegalStateException("no field " + name + " in " + html);
			}
		}
		return m.group(1);
	}

	private static String form(Map<String, String> params) {
		return params.entrySet().stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
