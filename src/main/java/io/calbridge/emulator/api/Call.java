package io.calbridge.emulator.api;

import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarAccess;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;
import io.calbridge.emulator.calendar.GoogleError;
import io.calbridge.emulator.calendar.Writer;
import io.calbridge.emulator.oauth.Grants;
import io.calbridge.emulator.oauth.Grants.AccessToken;

/** An authenticated call: the request, the token that came with it and the account behind the token. */
record Call(ApiRequest request, AccessToken token, GoogleAccount account) {

	private static final String[] READ_SCOPES = { Grants.CALENDAR_SCOPE, Grants.CALENDAR_SCOPE + ".readonly",
			Grants.CALENDAR_SCOPE + ".events", Grants.CALENDAR_SCOPE + ".events.readonly" };

	/** Google: the calendar list needs a calendar-wide scope; the events scopes do not open it. */
	private static final String[] LIST_SCOPES = { Grants.CALENDAR_SCOPE, Grants.CALENDAR_SCOPE + ".readonly",
			Grants.CALENDAR_SCOPE + ".calendarlist", Grants.CALENDAR_SCOPE + ".calendarlist.readonly" };

	private static final String[] WRITE_SCOPES = { Grants.CALENDAR_SCOPE, Grants.CALENDAR_SCOPE + ".events" };

	/** The calendar as this account sees it; Google answers 404 for a calendar the account cannot see. */
	CalendarAccess calendar(GoogleAccounts accounts, String calendarId) {
		return accounts.resolve(account, calendarId).orElseThrow(GoogleError::notFound);
	}

	CalendarAccess writableCalendar(GoogleAccounts accounts, String calendarId) {
		CalendarAccess access = calendar(accounts, calendarId);
		if (!access.canWrite()) {
			throw GoogleError.readOnlyCalendar();
		}
		requireScope(true);
		return access;
	}

	void requireListScope() {
		require(LIST_SCOPES);
	}

	void requireScope(boolean write) {
		require(write ? WRITE_SCOPES : READ_SCOPES);
	}

	private void require(String[] scopes) {
		if (!token.hasAnyScope(scopes)) {
			throw new GoogleError(403, "global", "insufficientPermissions",
					"Request had insufficient authentication scopes.");
		}
	}

	Writer writer() {
		int version = request.param("conferenceDataVersion").map(Call::conferenceVersion).orElse(0);
		return new Writer(account.email(), account.name(), request.header("If-Match"), version,
				request.param("sendUpdates").orElse("none"));
	}

	private static int conferenceVersion(String value) {
		try {
			int v = Integer.parseInt(value);
			if (v < 0 || v > 1) {
				throw GoogleError.invalid("Invalid conferenceDataVersion value.", "conferenceDataVersion");
			}
			return v;
		}
		catch (NumberFormatException e) {
			throw GoogleError.invalid("Invalid conferenceDataVersion value.", "conferenceDataVersion");
		}
	}

}
