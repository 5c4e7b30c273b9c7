package io.calbridge.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@CalBridgeTest
class DisconnectRemovalTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void disconnectingWithRemovalDeletesCalBridgesEventsAndKeepsTheTasks() throws IOException {
		WebClient dana = WebClient.signedUp(port, "Dana Ito");
		long connection = ConsentFlow.connect(dana, "ben.keller@example.com", jdbc);
		Calendar google = new EmulatorAccess(port).calendarOf("ben.keller@example.com");
		Event personal = google.events().insert("ben.keller@example.com", new Event().setSummary("Dentist")
			.setStart(new com.google.api.services.calendar.model.EventDateTime().setDate(new com.google.api.client.util.DateTime("2026-12-21")))
			.setEnd(new com.google.api.services.calendar.model.EventDateTime().setDate(new com.google.api.client.util.DateTime("2026-12-22"))))
			.execute();
		for (String title : List.of("Call Acme", "Demo for Globex", "Send the Initech offer")) {
			dana.api("POST", "/api/tasks", Map.of("title", title, "startAt", "2026-12-14T10:00:00Z"));
		}
		Eventually.until("three events", Duration.ofSeconds(20), () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where google_connection_id = ? and sync_state = 'SYNCED'", Long.class,
				connection) == 3);

		WebClient.Response done = dana.postForm("/settings/calendar/disconnect/" + connection,
				dana.get("/settings/calendar").csrf(), Map.of("events", "remove"));

		assertThat(dana.follow(done).body()).contains("Disconnected ben.keller@example.com.", "3 events removed");
		List<Event> left = new EmulatorAccess(port).calendarOf("ben.keller@example.com")
			.events()
			.list("ben.keller@example.com")
			.setPrivateExtendedProperty(List.of("calbridgeTaskType=task"))
			.execute()
			.getItems();
		assertThat(left == null ? List.of() : left).filteredOn(e -> e.getSummary().matches("Call Acme|Demo for Globex|Send the Initech offer"))
			.isEmpty();
		assertThat(new EmulatorAccess(port).calendarOf("ben.keller@example.com").events()
			.get("ben.keller@example.com", personal.getId()).execute().getStatus()).isEqualTo("confirmed");
		assertThat(jdbc.queryForObject("select count(*) from crm_tasks t join users u on u.id = t.user_id "
				+ "where u.display_name = 'Dana Ito' and t.google_event_id is null", Long.class)).isEqualTo(3);
	}

}
