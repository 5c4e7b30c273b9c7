package io.calbridge.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Invitations between the emulator's own accounts travel like Google's: one event id, two copies. */
@CalBridgeTest
class InvitationsTest {

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

	private Event kickOff() throws IOException {
		Event event = new Event().setSummary("Kick-off Costa Têxteis × Keller Bau")
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-10T10:00:00-03:00")).setTimeZone("America/Sao_Paulo"))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-10T11:00:00-03:00")).setTimeZone("America/Sao_Paulo"))
			.setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("crmTaskId", "T-2001")))
			.setAttendees(new ArrayList<>(List.of(new EventAttendee().setEmail(BEN).setDisplayName("Ben Keller"),
					new EventAttendee().setEmail("marina.costa@example.net").setDisplayName("Marina Costa"))));
		return ana.events().insert("primary", event).execute();
	}

	private static String responseOf(Event event, String email) {
		return event.getAttendees().stream().filter(a -> email.equals(a.getEmail())).findFirst().orElseThrow()
			.getResponseStatus();
	}

	@Test
	void aGuestInTheEmulatorGetsACopyWithTheSameIdAndTheirAnswerReachesTheOrganizer() throws IOException {
		Event organizers = kickOff();
		Event guests = ben.events().get("primary", organizers.getId()).execute();

		assertThat(guests.getICalUID()).isEqualTo(organizers.getICalUID());
		assertThat(guests.getOrganizer().getEmail()).isEqualTo(ANA);
		assertThat(guests.getOrganizer().getSelf()).isNull();
		assertThat(guests.getAttendees()).filteredOn(a -> BEN.equals(a.getEmail())).singleElement()
			.satisfies(a -> assertThat(a.getSelf()).isTrue());
		assertThat(guests.getExtendedProperties().getPrivate()).as("private properties stay with their copy").isNull();

		List<EventAttendee> answered = new ArrayList<>(guests.getAttendees());
		answered.replaceAll(a -> BEN.equals(a.getEmail()) ? a.clone().setResponseStatus("accepted") : a);
		ben.events().patch("primary", guests.getId(), new Event().setAttendees(answered)).execute();

		assertThat(responseOf(ana.events().get("primary", organizers.getId()).execute(), BEN)).isEqualTo("accepted");
	}

	@Test
	void theOrganizersChangesAndCancellationReachTheGuestsCopy() throws IOException {
		Event organizers = kickOff();
		ana.events().patch("primary", organizers.getId(), new Event().setLocation("Av. Paulista 1578")).execute();
		assertThat(ben.events().get("primary", organizers.getId()).execute().getLocation()).isEqualTo("Av. Paulista 1578");

		String token = ben.events().list("primary").execute().getNextSyncToken();
		ana.events().delete("primary", organizers.getId()).execute();

		assertThat(ben.events().get("primary", organizers.getId()).execute().getStatus()).isEqualTo("cancelled");
		assertThat(ben.events().list("primary").setSyncToken(token).execute().getItems()).extracting(Event::getId)
			.containsExactly(organizers.getId());
	}

	@Test
	void removingAGuestCancelsTheirCopyAndAGuestDeletingTheirCopyDeclines() throws IOException {
		Event organizers = kickOff();
		ben.events().delete("primary", organizers.getId()).execute();
		assertThat(responseOf(ana.events().get("primary", organizers.getId()).execute(), BEN)).isEqualTo("declined");

		Event second = kickOff();
		ana.events().patch("primary", second.getId(), new Event().setAttendees(new ArrayList<>(List.of(
				new EventAttendee().setEmail("marina.costa@example.net"))))).execute();
		assertThat(ben.events().get("primary", second.getId()).execute().getStatus()).isEqualTo("cancelled");
	}

}
