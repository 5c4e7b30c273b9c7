package io.calbridge.tasks;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What needs a person is visible without opening each task: a summary for scripts, a badge in the nav, a list
 * filtered by sync state, and one button that retries every failed task.
 */
@CalBridgeTest
class AttentionTest {

	static final Duration SYNC = Duration.ofSeconds(20);

	static final String ACCOUNT = "ben.keller@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebClient ben;

	EmulatorAccess emulator;

	@BeforeEach
	void connect() {
		ben = WebClient.signedUp(port, "Ben Keller");
		ConsentFlow.connect(ben, ACCOUNT, jdbc);
		emulator = new EmulatorAccess(port);
	}

	long task(String title) {
		return ben.api("POST", "/api/tasks", Map.of("title", title, "startAt", "2026-12-10T15:00:00+01:00", "endAt",
				"2026-12-10T16:00:00+01:00", "timeZone", "Europe/Berlin")).json().get("id").asLong();
	}

	/** Google refuses the insert for good (not a retryable answer), so the task is FAILED at once. */
	long failedTask(String title) {
		emulator.fault("{\"method\":\"POST\",\"path\":\"calendar/v3/calendars/*/events\",\"status\":403,"
				+ "\"reason\":\"forbiddenForNonOrganizer\",\"count\":1}");
		long id = task(title);
		state(id, "failed");
		return id;
	}

	JsonNode state(long id, String state) {
		return Eventually.await("task " + id + " " + state, SYNC, () -> ben.api("GET", "/api/tasks/" + id, null).json(),
				t -> state.equals(t.get("sync").get("state").asString()));
	}

	@Test
	void theSummaryCountsTheSignedInPersonsFailedTasksOnly() {
		long synced = task("Quarterly review with Acme");
		state(synced, "synced");
		failedTask("Call Priya about the renewal");
		failedTask("Send Jonas the contract");

		JsonNode summary = ben.api("GET", "/api/sync/summary", null).json();
		assertThat(summary.get("failed").asLong()).isEqualTo(2);
		assertThat(summary.get("conflict").asLong()).isZero();
		assertThat(summary.get("pending").asLong()).isZero();

		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		JsonNode anasSummary = ana.api("GET", "/api/sync/summary", null).json();
		assertThat(anasSummary.get("failed").asLong()).isZero();
	}

	@Test
	void theNavBadgeLinksToTheListOfTasksThatNeedAttention() {
		long synced = task("Quarterly review with Acme");
		state(synced, "synced");
		assertThat(ben.get("/tasks").body()).doesNotContain("need attention", "needs attention");

		failedTask("Call Priya about the renewal");

		String list = ben.get("/tasks").body();
		assertThat(list).contains("1 needs attention", "/tasks?syncState=FAILED&amp;syncState=CONFLICT",
				"1 task could not be synced.", "Retry all failed");
		String needing = ben.get("/tasks?syncState=FAILED&syncState=CONFLICT").body();
		assertThat(needing).contains("Call Priya about the renewal").doesNotContain("Quarterly review with Acme");
		assertThat(ben.get("/tasks?syncState=FAILED,CONFLICT").body()).contains("Call Priya about the renewal")
			.doesNotContain("Quarterly review with Acme");
	}

	@Test
	void theApiFiltersBySyncStateAndNamesTheAllowedValuesOfABadOne() {
		long synced = task("Quarterly review with Acme");
		state(synced, "synced");
		long failed = failedTask("Call Priya about the renewal");

		JsonNode items = ben.api("GET", "/api/tasks?syncState=failed", null).json().get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("id").asLong()).isEqualTo(failed);
		assertThat(ben.api("GET", "/api/tasks?syncState=synced&syncState=failed", null).json().get("items")).hasSize(2);

		WebClient.Response bad = ben.api("GET", "/api/tasks?syncState=lost", null);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("syncState");
	}

	@Test
	void retryAllFailedSendsEveryFailedTaskOfThePersonAgain() {
		long first = failedTask("Call Priya about the renewal");
		long second = failedTask("Send Jonas the contract");

		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		ana.postForm("/tasks/sync/retry-failed", ana.get("/tasks").csrf(), Map.of());
		assertThat(ben.api("GET", "/api/tasks/" + first, null).json().get("sync").get("state").asString())
			.as("another person's retry touches nothing of Ben's")
			.isEqualTo("failed");

		WebClient.Response done = ben.follow(ben.postForm("/tasks/sync/retry-failed", ben.get("/tasks").csrf(), Map.of()));

		assertThat(done.body()).contains("Trying 2 failed tasks again now.");
		state(first, "synced");
		state(second, "synced");
		assertThat(ben.api("GET", "/api/sync/summary", null).json().get("failed").asLong()).isZero();
	}

}
