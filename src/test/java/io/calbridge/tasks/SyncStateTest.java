package io.calbridge.tasks;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The words the pages use for where a task stands with its event. */
class SyncStateTest {

	@Test
	void everyStateHasItsOwnWordsAndNoneReadsLikeATasksStatus() {
		assertThat(Arrays.stream(SyncState.values()).map(SyncState::label))
			.containsExactly("Not synced", "Waiting to sync", "Synced", "Sync failed", "Conflict")
			.doesNotHaveDuplicates()
			.as("\"Pending\" is a task that has not started")
			.doesNotContainAnyElementsOf(Arrays.stream(TaskStatus.values()).map(TaskStatus::label).toList());
	}

	@Test
	void theApiNamesAStateInLowerCase() {
		assertThat(Arrays.stream(SyncState.values()).map(SyncState::json))
			.containsExactly("none", "pending", "synced", "failed", "conflict");
	}

}
