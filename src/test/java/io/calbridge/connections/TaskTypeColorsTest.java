package io.calbridge.connections;

import org.junit.jupiter.api.Test;

import io.calbridge.google.GoogleColors;

import static org.assertj.core.api.Assertions.assertThat;

class TaskTypeColorsTest {

	@Test
	void eachTypesDefaultColourIsNearestADifferentGoogleColour() {
		assertThat(TaskTypeColors.DEFAULTS.values().stream().map(hex -> GoogleColors.nearest(hex).name()))
			.containsExactly("Blueberry", "Grape", "Basil", "Banana", "Tomato");
	}

}
