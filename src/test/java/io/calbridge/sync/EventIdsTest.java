package io.calbridge.sync;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CalBridge's own event ids: valid for Google, one per task and database, and readable back to their task. */
class EventIdsTest {

	static final Instant CREATED = Instant.parse("2026-11-21T09:14:03.123456Z");

	@Test
	void anIdUsesOnlyBase32hexCharactersAsGoogleRequires() {
		String id = EventIds.forTask(585, CREATED);

		assertThat(id).matches("[a-v0-9]{5,1024}");
		assertThat(EventIds.isCalBridgeId(id)).isTrue();
	}

	@Test
	void theSameTaskAlwaysGetsTheSameIdSoARetryMeets409InsteadOfADuplicate() {
		assertThat(EventIds.forTask(585, CREATED)).isEqualTo(EventIds.forTask(585, CREATED));
	}

	@Test
	void aTaskOfTheSameNumberInAnotherDatabaseGetsAnotherId() {
		assertThat(EventIds.forTask(585, CREATED)).isNotEqualTo(EventIds.forTask(585, CREATED.plusMillis(1)));
	}

	@Test
	void theTaskIsAmongTheCandidatesAnIdNames() {
		String id = EventIds.forTask(585, CREATED);

		assertThat(EventIds.taskIdCandidates(id)).contains(585L);
	}

	@Test
	void aTaskIdWhoseBase32DigitsContainTStillReadsBack() {
		long taskId = Long.parseLong("1t", 32); // 61: "t" is both a digit and the separator
		String id = EventIds.forTask(taskId, CREATED);

		assertThat(EventIds.taskIdCandidates(id)).contains(taskId);
	}

	@Test
	void idsGoogleOrAPersonChoseAreNotCalBridgesOwn() {
		assertThat(EventIds.isCalBridgeId("7kq2c9hl0sd3mbgv1f2u5a8e4c")).isFalse();
		assertThat(EventIds.isCalBridgeId("supplier4ab2_20261207T080000Z")).isFalse();
		assertThat(EventIds.isCalBridgeId(null)).isFalse();
		assertThat(EventIds.taskIdCandidates("7kq2c9hl0sd3mbgv1f2u5a8e4c")).isEmpty();
	}

}
