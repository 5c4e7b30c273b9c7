package io.calbridge.emulator.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The scopes the emulator grants, with the words Google's consent screen uses for them. */
final class Scopes {

	private static final String G = "https://www.googleapis.com/auth/";

	private static final Map<String, String> KNOWN = new LinkedHashMap<>();

	static {
		KNOWN.put(G + "calendar", "See, edit, share, and permanently delete all the calendars you can access using Google Calendar");
		KNOWN.put(G + "calendar.readonly", "See and download any calendar you can access using your Google Calendar");
		KNOWN.put(G + "calendar.events", "View and edit events on all your calendars");
		KNOWN.put(G + "calendar.events.readonly", "View events on all your calendars");
		KNOWN.put(G + "calendar.calendarlist.readonly", "See the list of Google calendars you're subscribed to");
		KNOWN.put(G + "userinfo.email", "See your primary Google Account email address");
		KNOWN.put(G + "userinfo.profile", "See your personal info, including any personal info you've made publicly available");
		KNOWN.put("email", "See your primary Google Account email address");
		KNOWN.put("profile", "See your personal info, including any personal info you've made publicly available");
		KNOWN.put("openid", "Associate you with your personal info on Google");
	}

	private Scopes() {
	}

	static Optional<String> describe(String scope) {
		return Optional.ofNullable(KNOWN.get(scope));
	}

}
