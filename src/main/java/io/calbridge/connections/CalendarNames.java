package io.calbridge.connections;

import org.springframework.stereotype.Component;

import io.calbridge.google.GoogleAccountApi;
import io.calbridge.google.GoogleAccountApi.CalendarSummary;
import io.calbridge.google.GoogleFailure;

/**
 * A calendar of a connection by the name Google shows for it (its {@code summary}): ids such as
 * {@code c_86ac…@group.calendar.google.com} mean nothing to people. When Google cannot be asked, the id is all there
 * is, and it is shown rather than nothing.
 */
@Component
public class CalendarNames {

	private final TokenService tokens;

	private final GoogleAccountApi google;

	CalendarNames(TokenService tokens, GoogleAccountApi google) {
		this.tokens = tokens;
		this.google = google;
	}

	public String nameOf(long connectionId, String calendarId) {
		try {
			return google.calendars(tokens.accessToken(connectionId))
				.stream()
				.filter(calendar -> calendar.id().equals(calendarId))
				.map(CalendarSummary::summary)
				.filter(summary -> summary != null && !summary.isBlank())
				.findFirst()
				.orElse(calendarId);
		}
		catch (TokenService.ConnectionPausedException | TokenService.TokenRefreshFailedException
				| GoogleFailure ex) {
			return calendarId;
		}
	}

}
