package io.calbridge.accounts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new password must be, as a plain spec: no Spring, the dictionaries nbvcxz ships. */
class PasswordRulesTest {

	private final PasswordRules rules = new PasswordRules();

	@Test
	void twelveCharactersAreTheMinimumCountedAsCharactersNotUtf16Units() {
		assertThat(rules.problem("Kestrel-42x")).hasValue("Use at least 12 characters");
		// 11 emoji are 22 UTF-16 units but 11 characters.
		assertThat(rules.problem("🚀".repeat(11))).hasValue("Use at least 12 characters");
	}

	@Test
	void seventyTwoBytesAreTheMaximumWhateverTheCharacters() {
		assertThat(rules.problem("Renewal harbor quiet " + "x".repeat(51))).as("72 ASCII bytes").isEmpty();
		assertThat(rules.problem("é".repeat(37))).as("37 characters, 74 bytes").get().asString()
			.startsWith("At most 72 bytes");
	}

	@Test
	void commonAndPatternedPasswordsAreRefusedWithAHint() {
		for (String guessable : new String[] { "password1234", "111111111111", "qwertyuiop12", "iloveyou1234",
				"correcthorsebatterystaple", "abcdefghijkl" }) {
			assertThat(rules.problem(guessable)).as(guessable).get().asString().startsWith("Too easy to guess.");
		}
		assertThat(rules.problem("password1234")).get().asString().contains("common password");
	}

	@Test
	void longUnusualPassphrasesAreTaken() {
		assertThat(rules.problem("Renewal-Quiet-Harbor-42")).isEmpty();
		assertThat(rules.problem("correct horse battery")).isEmpty();
	}

}
