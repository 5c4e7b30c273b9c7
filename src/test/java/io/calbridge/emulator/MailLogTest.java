package io.calbridge.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator records the mail Google would send for a write, by {@code sendUpdates}: {@code all} mails every
 * guest, {@code externalOnly} only guests who are not Google Calendar users (here: addresses with no emulator
 * account), {@code none} or no value nobody; the organizer is never mailed.
 */
@CalBridgeTest
class MailLogTest {

	static final String CARLA = "carla.mendes@client.example";

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	Calendar ana;

	Calendar ben;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
		ana = emulator.calendarOf(ANA);
		ben = emulator.calendarOf(BEN);
	}

	private static Event meeting(String... guests) {
		List<EventAttendee> attendees = new ArrayList<>();
		for (String guest : guests) {
			attendees.add(new EventAttendee().setEmail(guest));
		}
		return new Event().setSummary("Renewal talk")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-10T10:00:00-03:00")))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-10T11:00:00-03:00")))
			.setAttendees(attendees);
	}

	/** The mail log as "to kind" lines, in order. */
	private List<String> mail() {
		List<String> lines = new ArrayList<>();
		for (JsonElement m : emulator.admin("GET", "mail", null).getAsJsonArray()) {
			JsonObject o = m.getAsJsonObject();
			lines.add(o.get("to").getAsString() + " " + o.get("kind").getAsString());
		}
		return lines;
	}

	@Test
	void sendUpdatesAllMailsEveryGuestButNeverTheOrganizer() throws IOException {
		Event made = ana.events().insert("primary", meeting(BEN, CARLA, ANA)).setSendUpdates("all").execute();
		assertThat(mail()).containsExactly(BEN + " invitation", CARLA + " invitation");

		emulator.admin("DELETE", "mail", null);
		ana.events().patch("primary", made.getId(), new Event().setSummary("Renewal talk — new prices"))
			.setSendUpdates("all").execute();
		assertThat(mail()).containsExactly(BEN + " update", CARLA + " update");

		emulator.admin("DELETE", "mail", null);
		ana.events().patch("primary", made.getId(), new Event().setAttendees(new ArrayList<>(List.of(
				new EventAttendee().setEmail(BEN))))).setSendUpdates("all").execute();
		assertThat(mail()).as("a removed guest hears of it; a change nobody sees mails nobody else")
			.containsExactly(CARLA + " cancellation");

		emulator.admin("DELETE", "mail", null);
		ana.events().delete("primary", made.getId()).setSendUpdates("all").execute();
		assertThat(mail()).containsExactly(BEN + " cancellation");
		JsonObject entry = emulator.admin("GET", "mail", null).getAsJsonArray().get(0).getAsJsonObject();
		assertThat(entry.get("eventId").getAsString()).isEqualTo(made.getId());
		assertThat(entry.get("calendarId").getAsString()).isEqualTo(ANA);
		assertThat(entry.get("at").getAsString()).isNotBlank();
	}

	@Test
	void noneOrNoSendUpdatesMailsNobody() throws IOException {
		Event quiet = ana.events().insert("primary", meeting(BEN, CARLA)).setSendUpdates("none").execute();
		Event unsaid = ana.events().insert("primary", meeting(BEN, CARLA)).execute();
		ana.events().patch("primary", quiet.getId(), new Event().setSummary("Moved")).execute();
		ana.events().delete("primary", quiet.getId()).setSendUpdates("none").execute();
		ana.events().delete("primary", unsaid.getId()).execute();

		assertThat(mail()).isEmpty();
	}

	@Test
	void externalOnlyMailsOnlyGuestsWhoAreNotGoogleCalendarUsers() throws IOException {
		Event made = ana.events().insert("primary", meeting(BEN, CARLA)).setSendUpdates("externalOnly").execute();
		ana.events().delete("primary", made.getId()).setSendUpdates("externalOnly").execute();

		assertThat(mail()).containsExactly(CARLA + " invitation", CARLA + " cancellation");
	}

	@Test
	void aGuestsDeclineReachesTheOrganizerByMailOnlyWhenAskedFor() throws IOException {
		Event made = ana.events().insert("primary", meeting(BEN, CARLA)).setSendUpdates("none").execute();
		Event copy = ben.events().get("primary", made.getId()).execute();
		copy.getAttendees().stream().filter(a -> BEN.equals(a.getEmail())).findFirst().orElseThrow()
			.setResponseStatus("tentative");
		ben.events().patch("primary", made.getId(), new Event().setAttendees(copy.getAttendees()))
			.setSendUpdates("none").execute();
		assertThat(mail()).isEmpty();

		copy.getAttendees().stream().filter(a -> BEN.equals(a.getEmail())).findFirst().orElseThrow()
			.setResponseStatus("declined");
		ben.events().patch("primary", made.getId(), new Event().setAttendees(copy.getAttendees()))
			.setSendUpdates("all").execute();
		assertThat(mail()).containsExactly(ANA + " update");
	}

	@Test
	void clearingOrResettingEmptiesTheLog() throws IOException {
		ana.events().insert("primary", meeting(CARLA)).setSendUpdates("all").execute();
		assertThat(mail()).hasSize(1);
		emulator.admin("DELETE", "mail", null);
		assertThat(mail()).isEmpty();

		ana.events().insert("primary", meeting(CARLA)).setSendUpdates("all").execute();
		emulator.reset();
		assertThat(mail()).isEmpty();
	}

	@Test
	void theCalendarPageShowsTheMailGoogleSent() throws IOException {
		ana.events().insert("primary", meeting(CARLA)).setSendUpdates("all").execute();

		String page = emulator.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.base()
				+ "/emulator/calendar?account=" + ANA)).GET().build()).body();

		assertThat(page).contains("Mail Google sent (1)", CARLA, "invitation");
	}

}
