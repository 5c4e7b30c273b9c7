package io.calbridge.google;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GoogleColorsTest {

	@ParameterizedTest(name = "{0} is nearest to Google event colour {1}")
	@CsvSource({ "#a4bdfc, 1", "#dc2127, 11", "#d50000, 11", "#33b679, 10", "#0b8043, 10", "#4285f4, 9",
			"#f6bf26, 5", "#ffffff, 8", "#f4511e, 11", "#ff887c, 4", "#7ae7bf, 2" })
	void aColourMapsToTheNearestOfTheApiPalette(String hex, String googleId) {
		assertThat(GoogleColors.nearest(hex).id()).isEqualTo(googleId);
	}

	@Test
	void somethingThatIsNotAColourIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoogleColors.nearest("red"));
		assertThat(GoogleColors.isHexColor("#12345g")).isFalse();
	}

}
