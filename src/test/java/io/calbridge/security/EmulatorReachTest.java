package io.calbridge.security;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Finding 1: the emulator's admin API (client secrets, token minting, event deletion, reset) and its Google pages
 * were open to anyone on the network. A plain start now listens on loopback only; bound to every interface, those
 * paths answer 403 to another machine (simulated by calling this machine's own network address, so the TCP peer
 * is not loopback) and to a request relayed by a proxy, unless a CalBridge admin is signed in. Google's own API
 * surface, which authenticates like Google, keeps answering.
 */
@CalBridgeTest
class EmulatorReachTest {

	static final String ANA = "ana.souza@example.com";

	@Autowired
	WebServerApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void aPlainStartListensOnLoopbackOnly() throws IOException {
		Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
		InetAddress bound = ((AbstractProtocol<?>) connector.getProtocolHandler()).getAddress();

		assertThat(bound).as("the address Tomcat listens on").isNotNull();
		assertThat(bound.isLoopbackAddress()).as("%s is loopback", bound).isTrue();
		Optional<InetAddress> network = networkAddress();
		if (network.isPresent()) {
			try (Socket socket = new Socket()) {
				assertThatThrownBy(() -> socket.connect(new InetSocketAddress(network.get(), port), 2000))
					.as("a connection to %s:%d, from the network's side", network.get(), port)
					.isInstanceOf(ConnectException.class);
			}
		}
	}

	/** This machine's first non-loopback IPv4 address: calls to it arrive with a non-loopback TCP peer. */
	static Optional<InetAddress> networkAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
						return Optional.of(address);
					}
				}
			}
		}
		return Optional.empty();
	}

	@Nested
	@TestPropertySource(properties = "server.address=0.0.0.0")
	class BoundToEveryInterface {

		static WebClient admin;

		static String adminPassword = "Tq7-lantern-orbit-" + UUID.randomUUID();

		@LocalServerPort
		int port;

		@Autowired
		JdbcTemplate jdbc;

		final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

		String network;

		EmulatorAccess emulator;

		@BeforeEach
		void theFirstAccountIsTheAdmin() throws SocketException {
			Optional<InetAddress> address = networkAddress();
			assumeThat(address).as("this machine has a non-loopback address to call itself at").isPresent();
			network = "http://" + address.get().getHostAddress() + ":" + port;
			emulator = new EmulatorAccess(port);
			if (admin == null) {
				admin = signUp(new WebClient(network), "Ada Admin");
				assertThat(jdbc.queryForObject("select count(*) from users where role = 'ADMIN'", Long.class))
					.isEqualTo(1);
			}
		}

		@Test
		void fromTheNetworkTheAdminApiAndTheEmulatedGooglePagesAnswer403AndChangeNothing() throws Exception {
			Event kept = emulator.calendarOf(ANA).events().insert("primary", anEvent("Quarterly review")).execute();
			long clients = clientCount();

			Map<String, HttpResponse<String>> attempts = Map.of(
					"list clients with secrets", send("GET", network + "/emulator/admin/clients", null, Map.of()),
					"mint a token", send("POST", network + "/emulator/admin/tokens", "{\"email\":\"" + ANA + "\"}",
							Map.of()),
					"register a client", send("POST", network + "/emulator/admin/clients",
							"{\"redirectUris\":[\"https://evil.example/cb\"]}", Map.of()),
					"reset", send("POST", network + "/emulator/admin/reset", "{}", Map.of()),
					"consent page", send("GET", network + "/emulator/google/o/oauth2/v2/auth?client_id="
							+ "calbridge-local.apps.googleusercontent.com&response_type=code&scope=openid", null, Map.of()),
					"calendar page", send("GET", network + "/emulator/calendar", null, Map.of()),
					"delete an event on the calendar page", send("POST", network + "/emulator/calendar/events/delete",
							"calendarId=primary&eventId=" + kept.getId(), Map.of("Content-Type",
									"application/x-www-form-urlencoded")));

			attempts.forEach((attempt, answer) -> {
				assertThat(answer.statusCode()).as(attempt).isEqualTo(403);
				assertThat(answer.body()).as(attempt).doesNotContain("secret", "access_token");
			});
			assertThat(clientCount()).as("no client registered").isEqualTo(clients);
			assertThat(emulator.calendarOf(ANA).events().get("primary", kept.getId()).execute().getStatus())
				.as("the event is still there: no reset, no deletion").isEqualTo("confirmed");
		}

		@Test
		void aRequestRelayedByAProxyOnThisMachineIsNotLocalWhateverItsHeaderSays() throws Exception {
			String local = "http://127.0.0.1:" + port + "/emulator/admin/clients";

			assertThat(send("GET", local, null, Map.of()).statusCode()).as("this machine itself").isEqualTo(200);
			for (String header : new String[] { "X-Forwarded-For", "Forwarded", "X-Real-IP" }) {
				String value = header.equals("Forwarded") ? "for=127.0.0.1" : "127.0.0.1";
				assertThat(send("GET", local, null, Map.of(header, value)).statusCode())
					.as("relayed with %s, even one naming loopback", header)
					.isEqualTo(403);
			}
			assertThat(send("GET", network + "/emulator/admin/clients", null, Map.of("X-Forwarded-For", "127.0.0.1"))
				.statusCode()).as("a spoofed header grants nothing").isEqualTo(403);
		}

		@Test
		void anotherSitesPageInThisMachinesBrowserCannotCallTheAdminApi() throws Exception {
			Event kept = emulator.calendarOf(ANA).events().insert("primary", anEvent("Board meeting")).execute();
			String reset = "http://127.0.0.1:" + port + "/emulator/admin/reset";

			for (String site : new String[] { "cross-site", "same-site" }) {
				assertThat(send("POST", reset, "{}", Map.of("Sec-Fetch-Site", site)).statusCode()).as(site)
					.isEqualTo(403);
			}
			assertThat(emulator.calendarOf(ANA).events().get("primary", kept.getId()).execute().getStatus())
				.as("not reset").isEqualTo("confirmed");
			assertThat(send("GET", "http://127.0.0.1:" + port + "/emulator/admin/clients", null,
					Map.of("Sec-Fetch-Site", "same-origin")).statusCode()).as("its own pages may").isEqualTo(200);
		}

		@Test
		void aSignedInAdminMayUseThemFromTheNetworkAndAnyOtherAccountMayNot() {
			WebClient someone = signUp(new WebClient(network), "Sam User");

			assertThat(someone.get("/emulator/admin/clients").status()).isEqualTo(403);
			assertThat(someone.get("/emulator/calendar").status()).isEqualTo(403);
			assertThat(admin.get("/emulator/admin/clients").status()).isEqualTo(200);
			assertThat(admin.get("/emulator/calendar").status()).isEqualTo(200);
		}

		@Test
		void theAppsOwnGoogleCallsAndGooglesApiSurfaceKeepWorking() throws Exception {
			WebClient ben = WebClient.signedUp(port, "Ben Keller");
			long connection = ConsentFlow.connect(ben, "ben.keller@example.com", jdbc);
			assertThat(ben.get("/settings/calendar/status").json().get(0).get("id").asLong()).isEqualTo(connection);

			String token = emulator.post("/emulator/admin/tokens", "{\"email\":\"" + ANA + "\"}")
				.get("access_token")
				.asString();
			assertThat(send("GET", network + "/emulator/google/calendar/v3/users/me/calendarList", null,
					Map.of("Authorization", "Bearer " + token)).statusCode())
				.as("the Calendar API from the network, with a token, as Google answers it").isEqualTo(200);
			assertThat(send("GET", network + "/emulator/google/calendar/v3/users/me/calendarList", null, Map.of())
				.statusCode()).as("and without one").isEqualTo(401);
		}

		/** Signs up, then logs in: sign-up answers a taken and a new email alike, so it logs nobody in. */
		private WebClient signUp(WebClient client, String name) {
			String email = WebClient.uniqueEmail(name.toLowerCase().replace(' ', '.'));
			WebClient.Response done = client.postForm("/signup", client.get("/signup").csrf(),
					Map.of("displayName", name, "email", email, "password", adminPassword));
			assertThat(done.status()).as(done.body()).isEqualTo(302);
			WebClient.Response loggedIn = client.postForm("/login", client.get("/login").csrf(),
					Map.of("username", email, "password", adminPassword));
			assertThat(loggedIn.header("Location")).as(loggedIn.body()).endsWith("/tasks");
			return client;
		}

		private HttpResponse<String> send(String method, String url, String body, Map<String, String> headers)
				throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body));
			if (body != null && !headers.containsKey("Content-Type")) {
				request.header("Content-Type", "application/json");
			}
			headers.forEach(request::header);
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		private long clientCount() throws Exception {
			HttpResponse<String> clients = send("GET", "http://127.0.0.1:" + port + "/emulator/admin/clients", null,
					Map.of());
			assertThat(clients.statusCode()).isEqualTo(200);
			return clients.body().split("client_secret", -1).length - 1;
		}

	}

	static Event anEvent(String summary) {
		return new Event().setSummary(summary)
			.setStart(new EventDateTime().setDateTime(new com.google.api.client.util.DateTime("2026-12-10T10:00:00Z")))
			.setEnd(new EventDateTime().setDateTime(new com.google.api.client.util.DateTime("2026-12-10T11:00:00Z")));
	}

}
