package io.calbridge.connections;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@CalBridgeTest
class CalendarSettingsTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebClient ana;

	long connection;

	@BeforeEach
	void connect() {
		ana = WebClient.signedUp(port, "Ana Souza");
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration),
				"ana.souza@example.com");
		connection = jdbc.queryForObject("select max(id) from calendar_connections", Long.class);
	}

	@Test
	void theSyncSettingsAreSavedAndShown() {
		String secondary = jdbc.queryForObject("select default_calendar_id from calendar_connections where id = ?",
				String.class, connection);
		WebClient.Response saved = ana.postForm("/settings/calendar/settings/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", secondary, "autoSync", "true",
						"importExternalEvents", "true", "deletionRule", "UNLINK"));

		assertThat(ana.follow(saved).body()).contains("Calendar settings saved.");
		assertThat(jdbc.queryForMap("select auto_sync, import_external_events, deletion_rule from calendar_connections "
				+ "where id = ?", connection)).containsEntry("auto_sync", true)
			.containsEntry("import_external_events", true)
			.containsEntry("deletion_rule", "UNLINK");

		ana.postForm("/settings/calendar/settings/" + connection, ana.get("/settings/calendar").csrf(),
				Map.of("defaultCalendarId", secondary, "deletionRule", "DELETE_TASK"));
		assertThat(jdbc.queryForObject("select auto_sync from calendar_connections where id = ?", Boolean.class,
				connection)).as("an unticked box turns the setting off").isFalse();
	}

	@Test
	void aDefaultCalendarThatIsNotOneOfTheAccountsWritableCalendarsIsRefused() {
		String before = jdbc.queryForObject("select default_calendar_id from calendar_connections where id = ?",
				String.class, connection);
		for (String calendarId : java.util.List.of("../../x", "en.usa#holiday@group.v.calendar.google.com",
				"ben.keller@example.com")) {
			WebClient.Response refused = ana.postForm("/settings/calendar/settings/" + connection,
					ana.get("/settings/calendar").csrf(), Map.of("defaultCalendarId", calendarId, "autoSync", "true",
							"importExternalEvents", "true", "deletionRule", "CANCEL_TASK"));

			assertThat(ana.follow(refused).body()).as(calendarId)
				.contains("Not saved: choose one of the calendars of ana.souza@example.com that you can add events to.");
		}
		assertThat(jdbc.queryForMap("select default_calendar_id, import_external_events from calendar_connections "
				+ "where id = ?", connection)).containsEntry("default_calendar_id", before)
			.containsEntry("import_external_events", false);
	}

	@Test
	void taskColoursAreSavedWithTheNearestGoogleColourShown() {
		WebClient.Response saved = ana.postForm("/settings/calendar/task-colors/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of("color_call", "#d50000", "color_meeting", "#0b8043"));

		String page = ana.follow(saved).body();
		assertThat(page).contains("Task colours saved.", "value=\"#d50000\"", "Tomato", "value=\"#0b8043\"", "Basil");
		assertThat(page).doesNotContain("colour 11");
		String stylesheet = ana.get("/settings/calendar/type-colors.css").body();
		assertThat(stylesheet).as("the CRM's own type dots take the chosen colours")
			.contains(".type-dot.type-call { background: #d50000; }", ".type-dot.type-meeting { background: #0b8043; }",
					".type-dot.type-email { background: #d6a2e8; }");
		assertThat(jdbc.queryForObject("select task_type_colors ->> 'call' from calendar_connections where id = ?",
				String.class, connection)).isEqualTo("#d50000");
	}

	@Test
	void aColourThatIsNotAColourIsRefused() {
		WebClient.Response refused = ana.postForm("/settings/calendar/task-colors/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of("color_call", "red; background:url(x)"));

		assertThat(ana.follow(refused).body()).contains("Colours must look like #33b679.");
		assertThat(jdbc.queryForObject("select task_type_colors::text from calendar_connections where id = ?",
				String.class, connection)).isEqualTo("{}");
	}

	@Test
	void theStatusEndpointReportsEachConnection() {
		String status = ana.get("/settings/calendar/status").body();

		assertThat(status).contains("\"googleAccountEmail\":\"ana.souza@example.com\"", "\"state\":\"ACTIVE\"");
	}

}
