package io.calbridge.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS rebinding: a page on evil.example whose name is then rebound to 127.0.0.1 makes same-origin requests to this
 * machine's CalBridge from loopback, without a forwarding header, so it looked like a local tool and could reset the
 * emulator, mint tokens and read client secrets. The browser still sends {@code Host: evil.example}; a request
 * naming another host than this machine is not local. Sent over a raw socket, so the Host header is the attacker's.
 */
@CalBridgeTest
class DnsRebindingTest {

	static final String ANA = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Test
	void aRebindingPageReachingLoopbackUnderAnotherNameGets403AndChangesNothing() throws IOException {
		EmulatorAccess emulator = new EmulatorAccess(port);
		Event kept = emulator.calendarOf(ANA).events().insert("primary", EmulatorReachTest.anEvent("Budget review"))
			.execute();

		for (String host : new String[] { "evil.example", "evil.example:" + port }) {
			String clients = send("GET /emulator/admin/clients", host, null);
			assertThat(status(clients)).as("list clients, Host: %s", host).isEqualTo(403);
			assertThat(clients).doesNotContain("client_secret");
			String token = send("POST /emulator/admin/tokens", host, "{\"email\":\"" + ANA + "\"}");
			assertThat(status(token)).as("mint a token, Host: %s", host).isEqualTo(403);
			assertThat(token).doesNotContain("access_token");
			assertThat(status(send("POST /emulator/admin/reset", host, "{}"))).as("reset, Host: %s", host)
				.isEqualTo(403);
			assertThat(status(send("GET /emulator/calendar", host, null))).as("calendar page, Host: %s", host)
				.isEqualTo(403);
		}

		assertThat(emulator.calendarOf(ANA).events().get("primary", kept.getId()).execute().getStatus())
			.as("not reset").isEqualTo("confirmed");
	}

	@Test
	void aToolOnThisMachineNamingItStillGetsIn() throws IOException {
		for (String host : new String[] { "localhost:" + port, "LOCALHOST", "127.0.0.1:" + port, "[::1]:" + port }) {
			String clients = send("GET /emulator/admin/clients", host, null);
			assertThat(status(clients)).as("Host: %s", host).isEqualTo(200);
			assertThat(clients).contains("client_secret");
		}
	}

	@Nested
	@TestPropertySource(properties = "calbridge.public-url=http://calbridge.office.test")
	class WithAPublicUrl {

		@LocalServerPort
		int port;

		@Test
		void itsHostNamesThisMachineTooAndAnotherStillDoesNot() throws IOException {
			assertThat(status(send(port, "GET /emulator/admin/clients", "calbridge.office.test", null))).isEqualTo(200);
			assertThat(status(send(port, "GET /emulator/admin/clients", "CalBridge.Office.Test:" + port, null)))
				.isEqualTo(200);
			assertThat(status(send(port, "GET /emulator/admin/clients", "evil.example", null))).isEqualTo(403);
		}

	}

	private String send(String requestLine, String host, String json) throws IOException {
		return send(port, requestLine, host, json);
	}

	/** HTTP/1.0 over a plain socket from loopback, with exactly the Host header given; the whole answer. */
	private static String send(int port, String requestLine, String host, String json) throws IOException {
		byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
		String head = requestLine + " HTTP/1.0\r\nHost: " + host + "\r\n"
				+ (json == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + body.length
				+ "\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static int status(String answer) {
		return Integer.parseInt(answer.substring(0, answer.indexOf("\r\n")).split(" ")[1]);
	}

}
