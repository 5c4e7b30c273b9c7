package io.calbridge.security;

import java.util.Map;

import io.calbridge.WebClient;
import io.calbridge.ConsentFlow;

import static org.assertj.core.api.Assertions.assertThat;

/** A person with one of everything that has an id: a task, a Google integration and a connected calendar. */
record SecurityFixture(WebClient person, long task, long integration, long connection) {

	static SecurityFixture anaWithEverything(int port) {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		WebClient.Response created = ana.postForm("/tasks/new", ana.get("/tasks/new").csrf(),
				Map.of("title", "Call Ana about the renewal", "type", "CALL", "priority", "HIGH", "status", "PENDING",
						"startDate", "2026-12-01", "startTime", "10:00", "durationMinutes", "30", "timeZone",
						"Europe/Berlin", "attendees", "ben.keller@example.com", "syncToCalendar", "true"));
		assertThat(created.status()).as(created.body()).isEqualTo(302);
		String location = created.header("Location");
		long task = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com");
		long connection = ana.get("/settings/calendar/status").json().get(0).get("id").asLong();
		return new SecurityFixture(ana, task, integration, connection);
	}

	static Map<String, String> taskForm(String title, long version) {
		return Map.of("title", title, "type", "CALL", "priority", "HIGH", "status", "PENDING", "startDate",
				"2026-12-01", "startTime", "10:00", "durationMinutes", "30", "timeZone", "Europe/Berlin", "version",
				Long.toString(version));
	}

	static Map<String, String> settingsForm() {
		return Map.of("defaultCalendarId", "ana.souza@example.com", "autoSync", "false", "importExternalEvents",
				"true", "deletionRule", "DELETE_TASK");
	}

}
