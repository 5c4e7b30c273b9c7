package io.calbridge.tasks;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A new account lands on its task list with the three steps to a synced task, each ticked once it is done. */
@CalBridgeTest
class FirstRunChecklistTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void eachStepIsTickedWhenDoneAndTheChecklistLeavesWithTheFirstTask() {
		WebClient lena = WebClient.signedUp(port, "Lena Fischer");
		String list = lena.get("/tasks").body();
		assertThat(list).contains("Get started in three steps", "Add a Google integration", "Connect a calendar",
				"Create a task");
		assertThat(list).doesNotContain("class=\"done\"");

		ConsentFlow.addEmulatorIntegration(lena);
		assertThat(doneSteps(lena.get("/tasks").body())).isEqualTo(1);

		ConsentFlow.connect(lena, "ana.souza@example.com", jdbc);
		assertThat(doneSteps(lena.get("/tasks").body())).isEqualTo(2);

		lena.api("POST", "/api/tasks", Map.of("title", "Call Priya about the renewal", "startAt",
				"2026-12-10T15:00:00+01:00", "endAt", "2026-12-10T15:30:00+01:00", "timeZone", "Europe/Berlin"));
		assertThat(lena.get("/tasks").body()).doesNotContain("Get started in three steps");
	}

	@Test
	void someoneWithATaskButNoCalendarStillSeesWhatIsLeft() {
		WebClient omar = WebClient.signedUp(port, "Omar Haddad");
		omar.api("POST", "/api/tasks", Map.of("title", "Send Jonas the contract", "startAt",
				"2026-12-11T09:00:00+01:00", "endAt", "2026-12-11T09:15:00+01:00", "timeZone", "Europe/Berlin"));

		String list = omar.get("/tasks").body();
		assertThat(list).contains("Get started in three steps");
		assertThat(doneSteps(list)).isEqualTo(1);
	}

	private static long doneSteps(String html) {
		return html.split("class=\"done\"", -1).length - 1;
	}

}
