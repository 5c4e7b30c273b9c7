package io.calbridge.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * CalBridge set up as the security docs say for a reverse proxy: {@code SERVER_FORWARD_HEADERS_STRATEGY=native}.
 * Tomcat then takes the client address from {@code X-Forwarded-For} sent by any address it counts as an internal
 * proxy (by default every private and loopback one, so every host on a private LAN) and removes the header. A LAN
 * host saying {@code X-Forwarded-For: 127.0.0.1} looked like this machine and had the emulator's admin API; and a
 * guesser behind a proxy that passes on any address got ten guesses per account for every address it named.
 * <p>
 * This machine's network address stands in for the LAN host; it may lie outside the private ranges, so the test
 * names it as an internal proxy, as Tomcat's default does for a LAN of private addresses.
 */
@CalBridgeTest
@TestPropertySource(properties = { "server.address=0.0.0.0", "server.forward-headers-strategy=native",
		"calbridge.login-throttle.per-account=10", "calbridge.login-throttle.per-account-everywhere=20",
		"calbridge.login-throttle.per-address=100" })
class BehindAProxyTest {

	private static final String PASSWORD = "Tq7-lantern-orbit-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	String network;

	@DynamicPropertySource
	static void theLanHostIsAnInternalProxy(DynamicPropertyRegistry registry) throws SocketException {
		Optional<InetAddress> lan = EmulatorReachTest.networkAddress();
		registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"
				+ lan.map(address -> "|" + Pattern.quote(address.getHostAddress())).orElse(""));
	}

	@BeforeEach
	void aLanHost() throws SocketException {
		Optional<InetAddress> address = EmulatorReachTest.networkAddress();
		assumeThat(address).as("this machine has a non-loopback address to call itself at").isPresent();
		network = "http://" + address.get().getHostAddress() + ":" + port;
	}

	@Test
	void aLanHostNamingLoopbackInXForwardedForGetsNoEmulatorAdminApi() throws Exception {
		String[][] attempts = { { "GET", "/emulator/admin/clients", null }, { "POST", "/emulator/admin/tokens",
				"{\"email\":\"ana.souza@example.com\"}" }, { "POST", "/emulator/admin/reset", "{}" },
				{ "GET", "/emulator/calendar", null } };
		for (String[] attempt : attempts) {
			HttpResponse<String> answer = send(attempt[0], network + attempt[1], attempt[2],
					Map.of("X-Forwarded-For", "127.0.0.1"));
			assertThat(answer.statusCode()).as("%s %s from the LAN, saying it is loopback", attempt[0], attempt[1])
				.isEqualTo(403);
			assertThat(answer.body()).doesNotContain("client_secret", "access_token");
		}
	}

	@Test
	void withForwardedHeadersHonouredOnlyASignedInAdminMayUseTheEmulatorsAdminApiAndPages() throws Exception {
		assertThat(send("GET", "http://127.0.0.1:" + port + "/emulator/admin/clients", null, Map.of()).statusCode())
			.as("loopback itself: it may be the proxy relaying anyone").isEqualTo(403);
		assertThat(send("GET", "http://127.0.0.1:" + port + "/emulator/calendar", null, Map.of()).statusCode())
			.isEqualTo(403);

		WebClient admin = loggedInAdmin();
		assertThat(admin.get("/emulator/admin/clients").status()).isEqualTo(200);
		assertThat(admin.get("/emulator/calendar").status()).isEqualTo(200);
	}

	@Test
	void guessesForOneAccountFromEverChangingAddressesAreBoundedAcrossAddresses() throws Exception {
		String email = signUp("Ivo Petrov");
		for (int guess = 1; guess <= 20; guess++) {
			assertThat(basic(email, "wrong password " + guess, "203.0.113." + guess).statusCode())
				.as("guess %d, from an address of its own", guess).isEqualTo(401);
		}

		HttpResponse<String> refused = basic(email, PASSWORD, "198.51.100.7");
		assertThat(refused.statusCode()).as("the right password from yet another address").isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
	}

	// --- helpers ---

	private String signUp(String name) {
		String email = WebClient.uniqueEmail(name.toLowerCase().replace(' ', '.'));
		WebClient browser = new WebClient(port);
		WebClient.Response done = browser.postForm("/signup", browser.get("/signup").csrf(),
				Map.of("displayName", name, "email", email, "password", PASSWORD));
		assertThat(done.status()).as(done.body()).isEqualTo(302);
		return email;
	}

	private WebClient loggedInAdmin() {
		String email = signUp("Ada Admin");
		jdbc.update("update users set role = 'ADMIN' where email = ?", email);
		WebClient admin = new WebClient(network);
		WebClient.Response loggedIn = admin.postForm("/login", admin.get("/login").csrf(),
				Map.of("username", email, "password", PASSWORD));
		assertThat(loggedIn.header("Location")).as(loggedIn.body()).endsWith("/tasks");
		return admin;
	}

	private HttpResponse<String> basic(String email, String password, String forwardedFor) throws Exception {
		return send("GET", "http://127.0.0.1:" + port + "/api/tasks", null, Map.of("X-Forwarded-For", forwardedFor,
				"Accept", "application/json", "Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8))));
	}

	private HttpResponse<String> send(String method, String url, String body, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
