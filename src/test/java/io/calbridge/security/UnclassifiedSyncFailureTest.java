package io.calbridge.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 6: an all-day task in the year 99999 was accepted, then threw {@code NumberFormatException} in the sync
 * worker and stayed "pending" with no word, and the other tasks of that sweep waited with it. The API now refuses such
 * a date; a row stored before that (made here as the old code stored it) shows what the worker does with a failure it
 * cannot classify: that task is FAILED with the reason, on its page, and the others sync.
 */
@CalBridgeTest
class UnclassifiedSyncFailureTest {

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aTaskTheWorkerCannotMapIsFailedWithItsReasonAndTheOthersSync() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		// No calendar connected yet: the tasks wait, pending.
		long call = created(ana, "Call Ana about the renewal", false);
		long broken = created(ana, "Contract ends", true);
		long demo = created(ana, "Product demo for Nair Logistics", false);
		// What the old code stored for an all-day task "in 99999" (the API refuses that date now).
		assertThat(jdbc.update("update crm_tasks set start_date = '99999-03-01', end_date = '99999-03-01' where id = ?",
				broken)).isOne();

		ConsentFlow.connect(ana, ACCOUNT, jdbc);

		Eventually.until("the other tasks synced and the broken one settled", Duration.ofSeconds(20),
				() -> states(List.of(call, broken, demo)).equals(List.of("SYNCED", "FAILED", "SYNCED")));
		String reason = jdbc.queryForObject("select sync_last_error from crm_tasks where id = ?", String.class, broken);
		assertThat(reason).contains("CalBridge could not prepare this task's event", "NumberFormatException",
				"Nothing was sent to Google");
		assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(ana.get("/tasks/" + broken).body()))
			.as("the reason on the task's page").contains("CalBridge could not prepare this task's event");
		assertThat(jdbc.queryForObject("select google_event_id from crm_tasks where id = ?", String.class, broken))
			.isNull();
	}

	private long created(WebClient person, String title, boolean allDay) {
		Map<String, Object> task = new LinkedHashMap<>(InputFuzzTest.validTask());
		task.put("title", title);
		if (allDay) {
			task.put("allDay", true);
			task.put("startDate", "2026-12-03");
		}
		WebClient.Response answer = person.api("POST", "/api/tasks", task);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json().get("id").asLong();
	}

	private List<String> states(List<Long> ids) {
		return ids.stream()
			.map(id -> jdbc.queryForObject("select sync_state from crm_tasks where id = ?", String.class, id))
			.toList();
	}

}
