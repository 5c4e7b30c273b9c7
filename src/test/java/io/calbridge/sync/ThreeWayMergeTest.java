package io.calbridge.sync;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge of CalBridge's and Google's versions against the one both last agreed on, field by field. */
class ThreeWayMergeTest {

	static final SyncFields.When TEN_TO_ELEVEN = new SyncFields.When(false, Instant.parse("2026-12-10T09:00:00Z"),
			Instant.parse("2026-12-10T10:00:00Z"), null, null);

	static final SyncFields.When TWO_TO_THREE = new SyncFields.When(false, Instant.parse("2026-12-10T13:00:00Z"),
			Instant.parse("2026-12-10T14:00:00Z"), null, null);

	static final SyncFields BASE = new SyncFields("Quarterly review with Acme", "Agenda: numbers, renewal.",
			"Bring the signed NDA.", TEN_TO_ELEVEN, List.of("ana.souza@acme.example"));

	static SyncFields with(String title, String notes, SyncFields.When when, List<String> guests) {
		return new SyncFields(title, BASE.description(), notes, when, guests);
	}

	@Test
	void aFieldChangedOnlyInGoogleIsTakenFromGoogle() {
		SyncFields remote = with(BASE.title(), BASE.notes(), TWO_TO_THREE, BASE.guests());

		ThreeWayMerge.Result result = ThreeWayMerge.merge(BASE, BASE, remote);

		assertThat(result.fromGoogle()).containsExactly("when");
		assertThat(result.fromCalBridge()).isEmpty();
		assertThat(result.clean()).isTrue();
	}

	@Test
	void editsOfDifferentFieldsOnBothSidesAreBothKept() {
		SyncFields local = with("Quarterly review with Acme (room 2)", BASE.notes(), BASE.when(), BASE.guests());
		SyncFields remote = with(BASE.title(), BASE.notes(), TWO_TO_THREE, BASE.guests());

		ThreeWayMerge.Result result = ThreeWayMerge.merge(BASE, local, remote);

		assertThat(result.fromCalBridge()).containsExactly("title");
		assertThat(result.fromGoogle()).containsExactly("when");
		assertThat(result.clean()).isTrue();
	}

	@Test
	void theSameFieldChangedToDifferentValuesIsAConflictAndNothingIsTaken() {
		SyncFields local = with("Quarterly review (CalBridge)", BASE.notes(), BASE.when(), BASE.guests());
		SyncFields remote = with("Quarterly review (Google)", BASE.notes(), BASE.when(), BASE.guests());

		ThreeWayMerge.Result result = ThreeWayMerge.merge(BASE, local, remote);

		assertThat(result.conflicts()).containsExactly("title");
		assertThat(result.fromGoogle()).doesNotContain("title");
		assertThat(result.fromCalBridge()).doesNotContain("title");
		assertThat(result.clean()).isFalse();
	}

	@Test
	void theSameChangeOnBothSidesIsNoConflict() {
		SyncFields both = with(BASE.title(), "Bring the signed NDA and the price list.", BASE.when(), BASE.guests());

		ThreeWayMerge.Result result = ThreeWayMerge.merge(BASE, both, both);

		assertThat(result.clean()).isTrue();
		assertThat(result.fromGoogle()).isEmpty();
		assertThat(result.fromCalBridge()).isEmpty();
	}

	@Test
	void guestsCompareAsASetOfAddressesWhateverTheirCaseOrOrder() {
		SyncFields base = with(BASE.title(), BASE.notes(), BASE.when(),
				List.of("ana.souza@acme.example", "ben.keller@acme.example"));
		SyncFields remote = with(BASE.title(), BASE.notes(), BASE.when(),
				List.of("Ben.Keller@acme.example", "ana.souza@acme.example"));

		assertThat(ThreeWayMerge.merge(base, base, remote).fromGoogle()).isEmpty();
	}

	@Test
	void anUnknownBaseMakesEveryDifferenceAConflictForThePersonToSettle() {
		SyncFields local = with("Quarterly review (CalBridge)", BASE.notes(), BASE.when(), BASE.guests());
		SyncFields remote = with("Quarterly review (Google)", BASE.notes(), TWO_TO_THREE, BASE.guests());

		ThreeWayMerge.Result result = ThreeWayMerge.merge(SyncFields.unknownWhereDiffering(local, remote), local,
				remote);

		assertThat(result.conflicts()).containsExactly("title", "when");
		assertThat(result.fromGoogle()).isEmpty();
		assertThat(result.fromCalBridge()).isEmpty();
	}

}
