package io.calbridge.emulator.calendar;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Sync and page tokens are opaque to clients, as at Google. Inside: the store generation (a reset makes old
 * tokens expire with 410), the calendar, the change sequence the token stands for, and for pages the snapshot
 * and the last sort key, so pages stay stable while others write (keyset paging, nothing skipped).
 */
final class SyncTokens {

	record SyncCursor(long generation, String calendarId, long seq) {
	}

	record PageCursor(long generation, String calendarId, long fromSeq, long snapshotSeq, String lastKey) {

		boolean incremental() {
			return fromSeq >= 0;
		}

	}

	private SyncTokens() {
	}

	static String syncToken(long generation, String calendarId, long seq) {
		return encode("s1|" + generation + "|" + calendarId + "|" + seq);
	}

	static String pageToken(PageCursor c) {
		return encode("p1|" + c.generation() + "|" + c.calendarId() + "|" + c.fromSeq() + "|" + c.snapshotSeq() + "|"
				+ c.lastKey());
	}

	/** A token this emulator never issued is malformed: Google answers 400 "Invalid sync token value.". */
	static SyncCursor parseSync(String token) {
		String[] p = decode(token, "syncToken");
		if (p.length != 4 || !"s1".equals(p[0])) {
			throw invalidSyncToken();
		}
		try {
			return new SyncCursor(Long.parseLong(p[1]), p[2], Long.parseLong(p[3]));
		}
		catch (NumberFormatException e) {
			throw invalidSyncToken();
		}
	}

	static PageCursor parsePage(String token) {
		String[] p = decode(token, "pageToken");
		if (p.length != 6 || !"p1".equals(p[0])) {
			throw GoogleError.invalid("Invalid page token value.", "pageToken");
		}
		try {
			return new PageCursor(Long.parseLong(p[1]), p[2], Long.parseLong(p[3]), Long.parseLong(p[4]), p[5]);
		}
		catch (NumberFormatException e) {
			throw GoogleError.invalid("Invalid page token value.", "pageToken");
		}
	}

	static GoogleError invalidSyncToken() {
		return GoogleError.invalid("Invalid sync token value.", "syncToken");
	}

	private static String encode(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	private static String[] decode(String token, String parameter) {
		try {
			return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
		}
		catch (IllegalArgumentException e) {
			throw "syncToken".equals(parameter) ? invalidSyncToken()
					: GoogleError.invalid("Invalid page token value.", parameter);
		}
	}

}
