package io.calbridge.google;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** Google out of reach is reported, and never as DOWN: CalBridge keeps the changes and waits. */
class GoogleReachabilityTest {

	@Test
	void aGoogleThatDoesNotAnswerIsReportedAsUnreachableWhileHealthStaysUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String nobodyListens = "http://127.0.0.1:" + closedPort + "/";
		GoogleReachability reachability = new GoogleReachability(() -> nobodyListens, Clock.systemUTC());

		Health health = reachability.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("reachable", false)
			.containsEntry("calendarApi", nobodyListens)
			.containsKey("error");
	}

}
