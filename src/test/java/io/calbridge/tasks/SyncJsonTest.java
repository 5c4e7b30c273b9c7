package io.calbridge.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agreed snapshot and the conflict as jsonb: rows written when they were maps (as PostgreSQL hands them back)
 * read into the records and are written back with the same keys and values, so no migration is needed.
 */
class SyncJsonTest {

	/** A snapshot as the outbound worker stored it: its write's signature and one write whose answer was lost. */
	static final String STORED_SNAPSHOT = """
			{"end": "2026-12-10T10:00:00Z", "sent": "5|false|calbridge-task-41|meeting|high|pending|Ana Souza|Acme renewal",
			 "notes": null, "start": "2026-12-10T09:00:00Z", "title": "Quarterly review with Acme", "allDay": false,
			 "guests": ["ana.souza@acme.example", "ben.keller@acme.example"], "endDate": null, "startDate": null,
			 "description": "Agenda: renewal terms",
			 "unconfirmed": [{"end": "2026-12-10T10:30:00Z", "notes": null, "start": "2026-12-10T09:30:00Z",
			                  "title": "Quarterly review with Acme", "allDay": false, "guests": ["ana.souza@acme.example"],
			                  "endDate": null, "startDate": null, "description": "Agenda: renewal terms"}]}""";

	/** A snapshot inbound sync stored for an all-day event read from Google: no signature, no unconfirmed writes. */
	static final String STORED_ALL_DAY = """
			{"end": null, "notes": null, "start": null, "title": "Trade fair Hannover", "allDay": true, "guests": [],
			 "endDate": "2027-03-04", "startDate": "2027-03-02", "description": null}""";

	static final String STORED_CONFLICT = """
			{"base": {"end": "2026-12-10T10:00:00Z", "notes": null, "start": "2026-12-10T09:00:00Z", "title": "Kick-off",
			          "allDay": false, "guests": [], "endDate": null, "startDate": null, "description": null},
			 "local": {"end": "2026-12-10T10:00:00Z", "notes": null, "start": "2026-12-10T09:00:00Z",
			           "title": "Kick-off (CalBridge)", "allDay": false, "guests": [], "endDate": null, "startDate": null,
			           "description": null},
			 "remote": {"end": "2026-12-10T10:00:00Z", "notes": null, "start": "2026-12-10T09:00:00Z",
			            "title": "Kick-off (Google)", "allDay": false, "guests": [], "endDate": null, "startDate": null,
			            "description": null},
			 "fields": ["title"]}""";

	static final String STORED_DELETION_CONFLICT = """
			{"base": {"end": "2026-12-10T10:00:00Z", "notes": null, "start": "2026-12-10T09:00:00Z", "title": "Kick-off",
			          "allDay": false, "guests": [], "endDate": null, "startDate": null, "description": null},
			 "local": {"end": "2026-12-10T11:00:00Z", "notes": "moved", "start": "2026-12-10T10:00:00Z",
			           "title": "Kick-off", "allDay": false, "guests": [], "endDate": null, "startDate": null,
			           "description": null},
			 "remote": {"end": "2026-12-10T10:00:00Z", "notes": null, "start": "2026-12-10T09:00:00Z", "title": "Kick-off",
			            "allDay": false, "guests": [], "endDate": null, "startDate": null, "description": null},
			 "fields": ["deleted"], "deletedInGoogle": true}""";

	final SyncJson<Snapshot> snapshots = new SyncJson.OfSnapshot();

	final SyncJson<Conflict> conflicts = new SyncJson.OfConflict();

	@Test
	void aStoredSnapshotReadsWithItsSignatureAndUnconfirmedWrites() {
		Snapshot snapshot = snapshots.convertToEntityAttribute(STORED_SNAPSHOT);

		assertThat(snapshot.agreed()).isEqualTo(new EventFields("Quarterly review with Acme", "Agenda: renewal terms",
				null, false, Instant.parse("2026-12-10T09:00:00Z"), Instant.parse("2026-12-10T10:00:00Z"), null, null,
				List.of("ana.souza@acme.example", "ben.keller@acme.example")));
		assertThat(snapshot.sent()).isEqualTo("5|false|calbridge-task-41|meeting|high|pending|Ana Souza|Acme renewal");
		assertThat(snapshot.unconfirmed()).singleElement()
			.satisfies(write -> assertThat(write.guests()).containsExactly("ana.souza@acme.example"))
			.satisfies(write -> assertThat(write.start()).isEqualTo(Instant.parse("2026-12-10T09:30:00Z")));
	}

	@Test
	void aStoredSnapshotIsWrittenBackWithTheSameKeysAndValues() {
		assertSameJson(snapshots.convertToDatabaseColumn(snapshots.convertToEntityAttribute(STORED_SNAPSHOT)),
				STORED_SNAPSHOT);
		assertSameJson(snapshots.convertToDatabaseColumn(snapshots.convertToEntityAttribute(STORED_ALL_DAY)),
				STORED_ALL_DAY);
	}

	@Test
	void anAllDaySnapshotKeepsItsDates() {
		Snapshot snapshot = snapshots.convertToEntityAttribute(STORED_ALL_DAY);

		assertThat(snapshot.agreed().allDay()).isTrue();
		assertThat(snapshot.agreed().startDate()).isEqualTo(LocalDate.parse("2027-03-02"));
		assertThat(snapshot.agreed().endDate()).isEqualTo(LocalDate.parse("2027-03-04"));
		assertThat(snapshot.sent()).isNull();
		assertThat(snapshot.unconfirmed()).isEmpty();
	}

	@Test
	void aStoredConflictReadsAndIsWrittenBackWithTheSameKeys() {
		Conflict conflict = conflicts.convertToEntityAttribute(STORED_CONFLICT);

		assertThat(conflict.fields()).containsExactly("title");
		assertThat(conflict.local().title()).isEqualTo("Kick-off (CalBridge)");
		assertThat(conflict.remote().title()).isEqualTo("Kick-off (Google)");
		assertThat(conflict.deletedInGoogle()).isFalse();
		assertSameJson(conflicts.convertToDatabaseColumn(conflict), STORED_CONFLICT);
	}

	@Test
	void aConflictAboutADeletionInGoogleKeepsItsMark() {
		Conflict conflict = conflicts.convertToEntityAttribute(STORED_DELETION_CONFLICT);

		assertThat(conflict.deletedInGoogle()).isTrue();
		assertThat(conflict.fields()).containsExactly("deleted");
		assertSameJson(conflicts.convertToDatabaseColumn(conflict), STORED_DELETION_CONFLICT);
	}

	@Test
	void aSnapshotWithoutGuestsFromAnOlderRowReadsAsNone() {
		Snapshot snapshot = snapshots.convertToEntityAttribute("""
				{"title": "Call with Ben", "allDay": false, "start": "2026-12-11T14:00:00Z", "end": "2026-12-11T14:30:00Z"}""");

		assertThat(snapshot.agreed().guests()).isEmpty();
		assertThat(snapshot.agreed().notes()).isNull();
	}

	@Test
	void nothingStoredIsNull() {
		assertThat(snapshots.convertToEntityAttribute(null)).isNull();
		assertThat(snapshots.convertToDatabaseColumn(null)).isNull();
		assertThat(conflicts.convertToDatabaseColumn(null)).isNull();
	}

	private static void assertSameJson(String written, String stored) {
		JsonMapper json = JsonMapper.builder().build();
		JsonNode actual = json.readTree(written);
		JsonNode expected = json.readTree(stored);
		assertThat(actual.propertyNames()).as("the same keys").containsExactlyInAnyOrderElementsOf(expected.propertyNames());
		assertThat(actual).as("the same values").isEqualTo(expected);
	}

}
