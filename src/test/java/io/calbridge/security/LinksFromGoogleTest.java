package io.calbridge.security;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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

/**
 * Finding 7: a Meet link from Google of {@code javascript:alert(1)} became a clickable link on the task page. An
 * event's links are Google's data, so whoever can write an event into the calendar (any guest's organizer) chooses
 * them: only a {@code https://meet.google.com/} address is rendered as a link.
 */
@CalBridgeTest
class LinksFromGoogleTest {

	static final String ACCOUNT = "ana.souza@example.com";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aMeetLinkThatIsNotAGoogleMeetAddressIsShownAsTextNeverAsALink() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long connection = ConsentFlow.connect(ana, ACCOUNT, jdbc);
		long user = jdbc.queryForObject("select user_id from calendar_connections where id = ?", Long.class, connection);
		assertThat(ana.postForm("/settings/calendar/settings/" + connection, ana.get("/settings/calendar").csrf(),
				Map.of("defaultCalendarId", ACCOUNT, "autoSync", "true", "importExternalEvents", "true", "deletionRule",
						"CANCEL_TASK"))
			.status()).isEqualTo(302);

		EmulatorAccess emulator = new EmulatorAccess(port);
		LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3);
		String hostile = meeting(emulator, "Offer review with Kestrel Freight", "javascript:alert(1)", day);
		String genuine = meeting(emulator, "Offer review with Nordwind GmbH", "https://meet.google.com/abc-defg-hij", day);

		long hostileTask = importedTask(user, hostile);
		long genuineTask = importedTask(user, genuine);

		String page = ana.get("/tasks/" + hostileTask).body();
		assertThat(page).as("no link to it").doesNotContainIgnoringCase("href=\"javascript:");
		assertThat(page).as("shown as text, with why").contains("javascript:alert(1)",
				"not a Google Meet address, so not a link");
		assertThat(ana.get("/tasks/" + genuineTask).body()).as("a real Meet address stays a link")
			.contains("href=\"https://meet.google.com/abc-defg-hij\"");
	}

	/** An event another Google user put in the calendar, with its conference as Google returns one. */
	private static String meeting(EmulatorAccess emulator, String title, String link, LocalDate day) {
		String id = "offer" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 32);
		emulator.addEventAsOtherUser(ACCOUNT, """
				{"id":"%s","summary":"%s",
				 "organizer":{"email":"lukas.weber@nordwind.example","displayName":"Lukas Weber"},
				 "attendees":[{"email":"lukas.weber@nordwind.example","organizer":true,"responseStatus":"accepted"},
				              {"email":"ana.souza@example.com","responseStatus":"accepted"}],
				 "start":{"dateTime":"%sT11:00:00","timeZone":"Europe/Berlin"},
				 "end":{"dateTime":"%sT11:30:00","timeZone":"Europe/Berlin"},
				 "hangoutLink":"%s",
				 "conferenceData":{"conferenceId":"abc-defg-hij",
				   "conferenceSolution":{"key":{"type":"hangoutsMeet"},"name":"Google Meet"},
				   "entryPoints":[{"entryPointType":"video","uri":"%s","label":"meet"}]}}"""
			.formatted(id, title, day, day, link, link));
		return id;
	}

	private long importedTask(long user, String eventId) {
		Eventually.until("event " + eventId + " imported", Duration.ofSeconds(20), () -> jdbc.queryForObject(
				"select count(*) from crm_tasks where user_id = ? and google_event_id = ?", Long.class, user,
				eventId) == 1);
		return jdbc.queryForObject("select id from crm_tasks where user_id = ? and google_event_id = ?", Long.class,
				user, eventId);
	}

}
