package io.calbridge;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP into the app, as a browser (cookies, CSRF tokens read from the pages) or as an API client (HTTP
 * Basic). Redirects are not followed, so tests see exactly what the app answered.
 */
public class WebClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final HttpClient http;

	private String basicAuth;

	private Credentials credentials;

	public WebClient(int port) {
		// localhost, as a person opens it: the OAuth redirect URI is built on it, and cookies are per host.
		this("http://localhost:" + port);
	}

	/** The app as reached at another address, such as one of this machine's network addresses. */
	public WebClient(String base) {
		this(base, HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
	}

	private WebClient(String base, HttpClient http) {
		this.base = base;
		this.http = http;
	}

	/**
	 * The same browser, cookies and all, opening another instance on this machine (cookies belong to the host,
	 * whatever the port): as a load balancer would send the person's next request elsewhere. Pages only; the API
	 * credentials stay behind.
	 */
	public WebClient at(int otherPort) {
		return new WebClient("http://localhost:" + otherPort, http);
	}

	/** A fresh, realistic-looking address, so tests sharing one database never collide. */
	public static String uniqueEmail(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/** Signs a new person up through the page, logs in and stays logged in as them (also for the API). */
	public static WebClient signedUp(int port, String displayName) {
		WebClient client = new WebClient(port);
		String email = uniqueEmail(displayName.toLowerCase().replace(' ', '.'));
		String password = "correct horse battery";
		Response page = client.get("/signup");
		Response done = client.postForm("/signup", page.csrf(),
				Map.of("displayName", displayName, "email", email, "password", password));
		if (done.status() != 302) {
			throw new IllegalStateException("Sign-up failed: " + done.status() + " " + done.body());
		}
		// Sign-up answers the same for a new and a taken email, so it logs nobody in: the person logs in next.
		Response login = client.postForm("/login", client.get("/login").csrf(),
				Map.of("username", email, "password", password));
		if (login.status() != 302 || !login.header("Location").endsWith("/tasks")) {
			throw new IllegalStateException("Login after sign-up failed: " + login.status() + " " + login.body());
		}
		client.basicAuth = "Basic " + Base64.getEncoder()
			.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
		client.credentials = new Credentials(email, password);
		return client;
	}

	/** What a person signed up with, to log a real browser in as the same person. */
	public record Credentials(String email, String password) {
	}

	public Credentials credentials() {
		return credentials;
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** Follows a redirect the app answered with (a path, or a full URL on this host). */
	public Response follow(Response redirect) {
		String location = redirect.header("Location");
		if (location == null) {
			throw new IllegalStateException("Not a redirect: " + redirect.status() + " " + redirect.body());
		}
		return get(location.startsWith(base) ? location.substring(base.length()) : location);
	}

	public String base() {
		return base;
	}

	/** A form post as the browser sends it, with the page's CSRF token (null: none, as a forged post would). */
	public Response postForm(String path, String csrf, Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		if (csrf != null) {
			all.put("_csrf", csrf);
		}
		String body = all.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A JSON API call with this account's HTTP Basic credentials (none when not signed up). */
	public Response api(String method, String path, Object json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
		if (basicAuth != null) {
			request.header("Authorization", basicAuth);
		}
		if (json == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			String body = json instanceof String s ? s : JSON.writeValueAsString(json);
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return sendStateless(request);
	}

	private Response send(HttpRequest.Builder request) {
		return execute(http, request);
	}

	/** API calls carry no cookie: Basic auth alone must do. */
	private Response sendStateless(HttpRequest.Builder request) {
		return execute(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), request);
	}

	private static Response execute(HttpClient client, HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

		public String csrf() {
			Matcher m = CSRF.matcher(body);
			if (!m.find()) {
				throw new IllegalStateException("No CSRF token on the page");
			}
			return m.group(1);
		}

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
