package io.calbridge.connections;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How a connection's calendars are followed for changes made in Google (push channel or polling), for the settings
 * page. Implemented by the push module, which knows the channels; this module only shows it, so it does not
 * depend on push (push depends on connections).
 */
public interface CalendarFollowStatus {

	/**
	 * One followed calendar. {@code push}: "live", "polled" (Google refuses to watch it) or "failing" (the watch or
	 * its renewal failed; polled meanwhile), with {@code liveUntil} or {@code problem}; {@code connecting} while
	 * the first watch is still under way (no channel and no error yet); {@code pollEvery} how often a calendar
	 * without a live channel is read.
	 */
	record FollowedCalendar(long id, String calendarId, String push, Instant liveUntil, String problem,
			Instant lastInboundSync, long linkedTasks, String pausedBecause, boolean connecting,
			java.time.Duration pollEvery) {

		public long pollEveryMinutes() {
			return Math.max(1, pollEvery.toMinutes());
		}

		private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC);

		public String liveUntilText() {
			return liveUntil == null ? "" : UTC.format(liveUntil);
		}

		public String lastInboundSyncText() {
			return lastInboundSync == null ? "not yet" : UTC.format(lastInboundSync);
		}

	}

	List<FollowedCalendar> calendarsOf(long connectionId);

}
