package io.calbridge.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event description CalBridge writes, and what it reads back: never more than the person wrote. */
class EventDescriptionTest {

	static final EventDescription.Footer FOOTER = new EventDescription.Footer("Meeting", "High", "Pending",
			"Ana Souza", "Acme renewal 2027");

	@Test
	void aRoundTripGivesBackTheDescriptionAndTheNotesOnly() {
		String text = EventDescription.format("Agenda: goals, timeline, owners.", "https://meet.google.com/abc-defg-hij",
				"Bring the signed NDA.", FOOTER);

		EventDescription.Parsed parsed = EventDescription.parse(text);

		assertThat(parsed.description()).isEqualTo("Agenda: goals, timeline, owners.");
		assertThat(parsed.notes()).isEqualTo("Bring the signed NDA.");
	}

	@Test
	void theFooterAndTheMeetLineNeverGrowOverRoundTrips() {
		String first = EventDescription.format("Agenda", "https://meet.google.com/abc-defg-hij", "Notes here", FOOTER);
		EventDescription.Parsed once = EventDescription.parse(first);
		String second = EventDescription.format(once.description(), "https://meet.google.com/abc-defg-hij",
				once.notes(), FOOTER);

		assertThat(second).isEqualTo(first);
	}

	@Test
	void theFooterCarriesTheCrmFactsAndSaysWhoManagesTheEvent() {
		String text = EventDescription.format(null, null, null, FOOTER);

		assertThat(text).contains("Type: Meeting", "Priority: High", "Status: Pending", "Contact: Ana Souza",
				"Deal: Acme renewal 2027", "Managed by CalBridge");
		assertThat(EventDescription.parse(text)).isEqualTo(new EventDescription.Parsed(null, null));
	}

	@Test
	void aDescriptionWrittenInGoogleWithWindowsLineEndsReadsAsThePersonWroteIt() {
		EventDescription.Parsed parsed = EventDescription.parse("Call about pricing\r\nsecond line\r\n");

		assertThat(parsed.description()).isEqualTo("Call about pricing\nsecond line");
		assertThat(parsed.notes()).isNull();
	}

	@Test
	void anEmptyDescriptionHasNeitherDescriptionNorNotes() {
		assertThat(EventDescription.parse("  ")).isEqualTo(new EventDescription.Parsed(null, null));
		assertThat(EventDescription.parse(null)).isEqualTo(new EventDescription.Parsed(null, null));
	}

}
