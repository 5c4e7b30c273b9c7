package io.calbridge.emulator.calendar;

import java.util.Optional;

/**
 * Who writes and how: the account behind the token (Google's {@code creator}), the {@code If-Match} etag if
 * sent, {@code conferenceDataVersion} (0: conference data in the body is ignored, as at Google) and
 * {@code sendUpdates} (whom Google mails: all, externalOnly or none, the default).
 */
public record Writer(String email, String name, Optional<String> ifMatch, int conferenceDataVersion,
		String sendUpdates) {

	public Writer {
		sendUpdates = sendUpdates == null ? "none" : sendUpdates;
	}

	public static Writer of(String email, String name) {
		return new Writer(email, name, Optional.empty(), 0, "none");
	}

}
