package io.calbridge.sync;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.calbridge.tasks.Conflict;

import static org.assertj.core.api.Assertions.assertThat;

/** A conflict keeps the three versions the person chooses between, whichever worker found it. */
class ConflictsTest {

	static final SyncFields.When TEN_TO_ELEVEN = new SyncFields.When(false, Instant.parse("2026-12-10T10:00:00Z"),
			Instant.parse("2026-12-10T11:00:00Z"), null, null);

	static final SyncFields BASE = new SyncFields("Kick-off with Acme", "Agenda", null, TEN_TO_ELEVEN,
			List.of("ana.souza@acme.example"));

	@Test
	void aConflictKeepsBaseLocalAndRemoteAsTheyWere() {
		SyncFields local = new SyncFields("Kick-off with Acme (room 4)", "Agenda", null, TEN_TO_ELEVEN, BASE.guests());
		SyncFields remote = new SyncFields("Kick-off with Acme (online)", "Agenda", null, TEN_TO_ELEVEN, List.of());

		Conflict conflict = Conflicts.changedOnBothSides(ThreeWayMerge.merge(BASE, local, remote).conflicts(), BASE,
				local, remote);

		assertThat(conflict.fields()).containsExactly("title");
		assertThat(SyncFields.of(conflict.base())).isEqualTo(BASE);
		assertThat(SyncFields.of(conflict.local())).isEqualTo(local);
		assertThat(SyncFields.of(conflict.remote())).isEqualTo(remote);
		assertThat(conflict.deletedInGoogle()).isFalse();
	}

}
