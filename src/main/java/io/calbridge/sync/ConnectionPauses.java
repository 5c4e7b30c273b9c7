package io.calbridge.sync;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Connections an admin paused ({@code connection_pauses}, V10): the inbound worker claims none of their calendars
 * ({@link CalendarSyncs}) and the outbound worker sends none of their tasks ({@link OutboundSync}) until resumed.
 * Apart from the mass-deletion pause of one calendar, which its owner lifts from Settings → Calendar.
 */
@Component
class ConnectionPauses {

	static final String REASON = "Paused by an administrator";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ConnectionPauses(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** True when this call paused it (false: it already was). */
	boolean pause(long connectionId, long adminId) {
		return jdbc.update("insert into connection_pauses (connection_id, paused_at, paused_by) values (?, ?, ?) "
				+ "on conflict (connection_id) do nothing", connectionId, Timestamp.from(clock.instant()), adminId) == 1;
	}

	/** True when this call resumed it (false: it was not paused). */
	boolean resume(long connectionId) {
		return jdbc.update("delete from connection_pauses where connection_id = ?", connectionId) == 1;
	}

	boolean isPaused(long connectionId) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from connection_pauses where connection_id = ?)", Boolean.class, connectionId));
	}

}
