package io.calbridge.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields a task and its event share, as stored in the snapshot that is the merge's base. */
class SyncFieldsTest {

	static final SyncFields.When TIMED = new SyncFields.When(false, Instant.parse("2026-12-10T09:00:00Z"),
			Instant.parse("2026-12-10T10:00:00Z"), null, null);

	static final SyncFields AGREED = new SyncFields("Quarterly review with Acme", "Agenda", null, TIMED,
			List.of("ana.souza@acme.example"));

	@Test
	void aSnapshotReadsBackAsTheSameFields() {
		assertThat(SyncFields.fromMap(AGREED.toMap())).isEqualTo(AGREED);
		SyncFields allDay = new SyncFields("Trade fair", null, null,
				new SyncFields.When(true, null, null, LocalDate.parse("2027-03-02"), LocalDate.parse("2027-03-04")),
				List.of());
		assertThat(SyncFields.fromMap(allDay.toMap())).isEqualTo(allDay);
	}

	@Test
	void guestsAreKeptInLowerCaseAndInOrder() {
		SyncFields fields = new SyncFields("t", null, null, TIMED,
				List.of("Ben.Keller@acme.example", "ana.souza@acme.example"));

		assertThat(fields.guests()).containsExactly("ana.souza@acme.example", "ben.keller@acme.example");
	}

	@Test
	void withoutUnconfirmedWritesTheBaseIsTheAgreedSnapshot() {
		SyncFields remote = new SyncFields("Quarterly review (Google)", "Agenda", null, TIMED, AGREED.guests());

		assertThat(SyncFields.base(AGREED.toMap(), remote)).isEqualTo(AGREED);
	}

	@Test
	void aFieldWhereGoogleHasAnUnconfirmedWriteIsAgreedOnThatWrite() {
		// CalBridge uninvited Ana; the answer was lost, but Google applied it.
		SyncFields sent = new SyncFields(AGREED.title(), "Agenda", null, TIMED, List.of());
		Map<String, Object> snapshot = SyncFields.withUnconfirmed(AGREED.toMap(), sent.toMap());
		SyncFields remote = new SyncFields(AGREED.title(), "Agenda", null, TIMED, List.of());

		SyncFields base = SyncFields.base(snapshot, remote);

		assertThat(base.guests()).as("agreed on what CalBridge sent").isEmpty();
		assertThat(base.title()).isEqualTo(AGREED.title());
	}

	@Test
	void onlyTheLastThreeDistinctUnconfirmedWritesAreKeptAndARetryAddsNone() {
		Map<String, Object> snapshot = AGREED.toMap();
		for (String title : List.of("one", "two", "two", "three", "four")) {
			snapshot = SyncFields.withUnconfirmed(snapshot,
					new SyncFields(title, null, null, TIMED, List.of()).toMap());
		}

		List<Object> titles = ((List<?>) snapshot.get(SyncFields.UNCONFIRMED)).stream()
			.map(write -> ((Map<?, ?>) write).get("title"))
			.map(Object.class::cast)
			.toList();
		assertThat(titles).containsExactly("two", "three", "four");
	}

}
