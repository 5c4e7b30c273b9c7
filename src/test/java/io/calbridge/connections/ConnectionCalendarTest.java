package io.calbridge.connections;

import java.util.ArrayList;
import java.util.List;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a caller of {@link ConnectionCalendars#open} gets: each case reaches only its own handler. */
class ConnectionCalendarTest {

	private final Calendar client = new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
			null)
		.setApplicationName("CalBridge")
		.build();

	@Test
	void aReadyCalendarIsAnsweredWithItsClientAndAccount() {
		ConnectionCalendar ready = new ConnectionCalendar.Ready(client, "ana.souza@example.com");

		String answer = ready.map(found -> found.account() + (found.client() == client ? " with its client" : ""),
				paused -> "paused", failed -> "refresh failed");

		assertThat(answer).isEqualTo("ana.souza@example.com with its client");
	}

	@Test
	void aPausedConnectionRunsOnlyThePausedStepWithItsReason() {
		List<String> ran = new ArrayList<>();

		new ConnectionCalendar.Paused("Connection 7 is paused: reconnect").handle(ready -> ran.add("ready"),
				paused -> ran.add("paused: " + paused.reason()), failed -> ran.add("refresh failed"));

		assertThat(ran).containsExactly("paused: Connection 7 is paused: reconnect");
	}

	@Test
	void aFailedRefreshRunsOnlyTheRefreshFailedStep() {
		List<String> ran = new ArrayList<>();

		new ConnectionCalendar.RefreshFailed("token endpoint unreachable").handle(ready -> ran.add("ready"),
				paused -> ran.add("paused"), failed -> ran.add("refresh failed: " + failed.reason()));

		assertThat(ran).containsExactly("refresh failed: token endpoint unreachable");
	}

	@Test
	void aCheckedExceptionOfAStepReachesTheCallerAsItIs() {
		ConnectionCalendar ready = new ConnectionCalendar.Ready(client, "ana.souza@example.com");

		assertThatExceptionOfType(InterruptedException.class).isThrownBy(() -> ready.handle(found -> {
			throw new InterruptedException("shutting down");
		}, paused -> {
		}, failed -> {
		})).withMessage("shutting down");
	}

}
