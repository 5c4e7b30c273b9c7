package io.calbridge.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;

import org.springframework.stereotype.Component;

/**
 * What a new password must be: at least 12 characters, at most 72 bytes in UTF-8 (BCrypt reads no further, and
 * Spring's encoder refuses more), and not guessable. Guessable is nbvcxz's estimate against the dictionaries it ships
 * (the most common and breached passwords, English words, names) plus keyboard walks, repeats, sequences and dates:
 * below its minimum entropy (35 bits) a password is refused with its own hint, so "password12" and "1111111111" go.
 */
@Component
class PasswordRules {

	static final int MIN_CHARACTERS = 12;

	static final int MAX_BYTES = 72;

	/** Loads the dictionaries once (about 2 MB, a tenth of a second). */
	private final Nbvcxz estimator = new Nbvcxz();

	/** Why this password may not be used, if it may not. One estimate at a time: sign-ups are rare. */
	synchronized Optional<String> problem(String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
			return Optional.of("Use at least " + MIN_CHARACTERS + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("At most " + MAX_BYTES
					+ " bytes: accented letters take 2 and emoji 4, so use fewer characters");
		}
		Result estimate = estimator.estimate(password);
		if (!estimate.isMinimumEntropyMet()) {
			String warning = estimate.getFeedback().getWarning();
			return Optional.of("Too easy to guess." + (warning == null ? "" : " " + warning)
					+ " Add words or characters that are not a common pattern.");
		}
		return Optional.empty();
	}

}
