package io.calbridge.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.calbridge.tasks.EventFields;
import io.calbridge.tasks.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields a task and its event share, as stored in the snapshot that is the merge's base. */
class SyncFieldsTest {

	static final SyncFields.When TIMED = new SyncFields.When(false, Instant.parse("2026-12-10T09:00:00Z"),
			Instant.parse("2026-12-10T10:00:00Z"), null, null);

	static final SyncFields AGREED = new SyncFields("Quarterly review with Acme", "Agenda", null, TIMED,
			List.of("ana.souza@acme.example"));

	@Test
	void aSnapshotReadsBackAsTheSameFields() {
		assertThat(SyncFields.of(AGREED.stored())).isEqualTo(AGREED);
		SyncFields allDay = new SyncFields("Trade fair", null, null,
				new SyncFields.When(true, null, null, LocalDate.parse("2027-03-02"), LocalDate.parse("2027-03-04")),
				List.of());
		assertThat(SyncFields.of(allDay.stored())).isEqualTo(allDay);
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

		assertThat(SyncFields.base(Snapshot.of(AGREED.stored()), remote)).isEqualTo(AGREED);
	}

	@Test
	void aFieldWhereGoogleHasAnUnconfirmedWriteIsAgreedOnThatWrite() {
		// CalBridge uninvited Ana; the answer was lost, but Google applied it.
		SyncFields sent = new SyncFields(AGREED.title(), "Agenda", null, TIMED, List.of());
		Snapshot snapshot = Snapshot.of(AGREED.stored()).withUnconfirmed(sent.stored());
		SyncFields remote = new SyncFields(AGREED.title(), "Agenda", null, TIMED, List.of());

		SyncFields base = SyncFields.base(snapshot, remote);

		assertThat(base.guests()).as("agreed on what CalBridge sent").isEmpty();
		assertThat(base.title()).isEqualTo(AGREED.title());
	}

	@Test
	void onlyTheLastThreeDistinctUnconfirmedWritesAreKeptAndARetryAddsNone() {
		Snapshot snapshot = Snapshot.of(AGREED.stored());
		for (String title : List.of("one", "two", "two", "three", "four")) {
			snapshot = snapshot.withUnconfirmed(new SyncFields(title, null, null, TIMED, List.of()).stored());
		}

		assertThat(snapshot.unconfirmed()).extracting(EventFields::title).containsExactly("two", "three", "four");
	}

}
