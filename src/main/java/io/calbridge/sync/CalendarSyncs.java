package io.calbridge.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.calbridge.connections.CalendarClosing;
import io.calbridge.connections.ExternalEventsImportTurnedOn;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.tasks.TaskSyncStore;

/**
 * The calendars CalBridge follows per connection ({@code calendar_syncs}): what the push module needs to watch
 * them and to ask for an inbound run, and what the inbound worker claims and records. Each method is one short
 * statement or transaction; none is open during a Google call.
 */
@Service
public class CalendarSyncs {

	private final JdbcTemplate jdbc;

	private final TaskSyncStore tasks;

	private final InboundProperties properties;

	private final Clock clock;

	CalendarSyncs(JdbcTemplate jdbc, TaskSyncStore tasks, InboundProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.properties = properties;
		this.clock = clock;
	}

	/** How often a calendar without a live push channel is read (the settings page says so). */
	public java.time.Duration pollInterval() {
		return properties.pollInterval();
	}

	/** A followed calendar as the settings page shows it. */
	public record CalendarSyncView(long id, long connectionId, String calendarId, boolean watchSupported,
			Instant watchedUntil, String watchError, Instant lastFullSyncAt, Instant lastIncrementalAt,
			Instant nextPollAt, Instant pausedAt, String pauseReason, String lastError, long linkedTasks) {

		public Instant lastInboundAt() {
			if (lastIncrementalAt == null) {
				return lastFullSyncAt;
			}
			return lastFullSyncAt == null || lastIncrementalAt.isAfter(lastFullSyncAt) ? lastIncrementalAt
					: lastFullSyncAt;
		}

	}

	/**
	 * The calendars a connection follows: its default calendar and every calendar its user's tasks live in or are
	 * sent to (DESIGN.md §6).
	 */
	public List<String> calendarsToFollow(CalendarConnection connection) {
		Set<String> calendars = new LinkedHashSet<>();
		calendars.add(connection.getDefaultCalendarId());
		calendars.addAll(tasks.targetCalendars(connection.getUserId(), connection.getId()));
		return List.copyOf(calendars);
	}

	/** Follows a calendar (once per connection and calendar); its first read happens at once. */
	@Transactional
	public long follow(long connectionId, String calendarId) {
		return jdbc.queryForObject("""
				insert into calendar_syncs (connection_id, calendar_id, next_poll_at) values (?, ?, ?)
				on conflict (connection_id, calendar_id) do update set
				    paused_at = case when calendar_syncs.pause_reason = ? then null else calendar_syncs.paused_at end,
				    pause_reason = case when calendar_syncs.pause_reason = ? then null else calendar_syncs.pause_reason end
				returning id""", Long.class, connectionId, calendarId, Timestamp.from(clock.instant()), DISCONNECTED,
				DISCONNECTED);
	}

	private static final String DISCONNECTED = "Disconnected";

	/** A connection is going: its calendars are no longer read (following them again on reconnect resumes them). */
	@EventListener
	void closing(CalendarClosing closing) {
		jdbc.update("update calendar_syncs set paused_at = ?, pause_reason = ? where connection_id = ? "
				+ "and paused_at is null", Timestamp.from(clock.instant()), DISCONNECTED, closing.connectionId());
	}

	/**
	 * Import was switched on: a full read of the calendar (its sync token dropped) brings in the events that are
	 * already there, not only those that change from now on.
	 */
	@EventListener
	@Transactional
	void importTurnedOn(ExternalEventsImportTurnedOn turnedOn) {
		// A calendar chosen just now may not be followed yet: it is from here on (its channel comes with the next
		// watch check; the read does not wait for it).
		long id = follow(turnedOn.connectionId(), turnedOn.calendarId());
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("update calendar_syncs set sync_token = null, inbound_requested_at = ?, last_notified_at = ?, "
				+ "import_requested_at = ?, import_read_at = null where id = ?", now, now, now, id);
	}

	/** The import asked of one calendar: when, and when its full read was done (null: still reading). */
	public record ImportRead(Instant requestedAt, Instant readAt, String lastError) {
	}

	public Optional<ImportRead> importRead(long connectionId, String calendarId) {
		return jdbc.query("select import_requested_at, import_read_at, last_error from calendar_syncs "
				+ "where connection_id = ? and calendar_id = ? and import_requested_at is not null",
				(rs, row) -> new ImportRead(instant(rs, "import_requested_at"), instant(rs, "import_read_at"),
						rs.getString("last_error")), connectionId, calendarId).stream().findFirst();
	}

	/** A live push channel until {@code until}: the safety-net check is enough besides the pushes. */
	public void watched(long calendarSyncId, Instant until) {
		jdbc.update("""
				update calendar_syncs set watched_until = ?, watch_supported = true, watch_error = null,
				       next_poll_at = least(coalesce(next_poll_at, ?), ?)
				where id = ?""", Timestamp.from(until), Timestamp.from(clock.instant().plus(properties.safetyNet())),
				Timestamp.from(clock.instant().plus(properties.safetyNet())), calendarSyncId);
	}

	/**
	 * No live channel: the calendar is polled. {@code refused}: Google will never watch it (generated calendars
	 * answer 400 pushNotSupportedForRequestedResource); otherwise the watch is tried again later.
	 */
	public void polled(long calendarSyncId, boolean refused, String reason) {
		jdbc.update("""
				update calendar_syncs set watched_until = null, watch_supported = ?, watch_error = ?,
				       next_poll_at = least(coalesce(next_poll_at, ?), ?)
				where id = ?""", !refused, reason, Timestamp.from(clock.instant()),
				Timestamp.from(clock.instant().plus(properties.pollInterval())), calendarSyncId);
	}

	/** Reads the calendar soon (a person's "sync now", a renewed channel's possible gap). */
	public void requestInbound(long calendarSyncId) {
		jdbc.update("update calendar_syncs set inbound_requested_at = coalesce(inbound_requested_at, ?), "
				+ "last_notified_at = ? where id = ?", Timestamp.from(clock.instant()), Timestamp.from(clock.instant()),
				calendarSyncId);
	}

	/** The connections that follow any calendar. */
	public List<Long> connectionIds() {
		return jdbc.queryForList("select distinct connection_id from calendar_syncs order by 1", Long.class);
	}

	public List<CalendarSyncView> forConnection(long connectionId) {
		// crm_tasks is the tasks module's table: its counts come from there, not from a join here.
		Map<String, Long> linked = tasks.linkedTasksByCalendar(connectionId);
		return jdbc.query("select * from calendar_syncs where connection_id = ? order by id",
				(rs, row) -> new CalendarSyncView(rs.getLong("id"), rs.getLong("connection_id"),
						rs.getString("calendar_id"), rs.getBoolean("watch_supported"), instant(rs, "watched_until"),
						rs.getString("watch_error"), instant(rs, "last_full_sync_at"),
						instant(rs, "last_incremental_at"), instant(rs, "next_poll_at"), instant(rs, "paused_at"),
						rs.getString("pause_reason"), rs.getString("last_error"),
						linked.getOrDefault(rs.getString("calendar_id"), 0L)),
				connectionId);
	}

	public Optional<CalendarSyncView> find(long calendarSyncId) {
		return jdbc.query("select connection_id from calendar_syncs where id = ?",
				(rs, row) -> rs.getLong(1), calendarSyncId).stream().findFirst()
			.flatMap(connectionId -> forConnection(connectionId).stream().filter(v -> v.id() == calendarSyncId)
				.findFirst());
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	// --- the inbound worker's bookkeeping ---

	/** A calendar taken by the inbound worker. */
	record Claim(long id, long connectionId, String calendarId, String syncToken, boolean watched,
			Instant importRequestedAt) {
	}

	/**
	 * Takes calendars that were notified (after a quiet spell, or the longest delay) or whose poll is due, and
	 * clears their request: a notification arriving during the run asks for the next one. {@code SKIP LOCKED} and
	 * the lease keep one calendar in one worker at a time across instances. A connection an admin paused
	 * ({@link ConnectionPauses}) keeps its requests until resumed.
	 */
	@Transactional
	List<Claim> claim(int limit) {
		Instant now = clock.instant();
		return jdbc.query("""
				update calendar_syncs set inbound_requested_at = null, last_notified_at = null, claimed_until = ?
				where id in (select id from calendar_syncs
				             where paused_at is null and (claimed_until is null or claimed_until < ?)
				               and connection_id not in (select connection_id from connection_pauses)
				               and ((inbound_requested_at is not null
				                     and (last_notified_at <= ? or inbound_requested_at <= ?))
				                    or next_poll_at <= ?)
				             order by coalesce(inbound_requested_at, next_poll_at), id limit ?
				             for update skip locked)
				returning id, connection_id, calendar_id, sync_token, watched_until, import_requested_at""",
				(rs, row) -> {
					Timestamp until = rs.getTimestamp("watched_until");
					return new Claim(rs.getLong("id"), rs.getLong("connection_id"), rs.getString("calendar_id"),
							rs.getString("sync_token"), until != null && until.toInstant().isAfter(now),
							instant(rs, "import_requested_at"));
				}, Timestamp.from(now.plus(properties.lease())), Timestamp.from(now),
				Timestamp.from(now.minus(properties.quietPeriod())), Timestamp.from(now.minus(properties.maxDelay())),
				Timestamp.from(now), limit);
	}

	/**
	 * A run read to the end: the new sync token, and the next safety-net or poll time. An import asked for during
	 * the run (after the claim) keeps the token dropped, so its full read still comes; one asked for before a full
	 * run is done with it.
	 */
	void finished(Claim claim, String syncToken, boolean full) {
		Instant now = clock.instant();
		Instant nextPoll = now.plus(claim.watched() ? properties.safetyNet() : properties.pollInterval());
		Timestamp asked = claim.importRequestedAt() == null ? null : Timestamp.from(claim.importRequestedAt());
		jdbc.update("""
				update calendar_syncs set claimed_until = null, last_error = null,
				       sync_token = case when import_requested_at is not distinct from ?::timestamptz then ? else null end,
				       import_read_at = case when ? and import_requested_at is not null
				                             and import_requested_at is not distinct from ?::timestamptz then ? else import_read_at end,
				       last_full_sync_at = case when ? then ? else last_full_sync_at end,
				       last_incremental_at = case when ? then last_incremental_at else ? end,
				       next_poll_at = ?
				where id = ?""", asked, syncToken, full, asked, Timestamp.from(now), full, Timestamp.from(now), full,
				Timestamp.from(now), Timestamp.from(nextPoll), claim.id());
	}

	/**
	 * The mass-deletion safeguard tripped: the run is done, its removals wait for the person. One transaction: a
	 * token moved past the deletions without them held would lose them.
	 */
	@Transactional
	void pause(Claim claim, String syncToken, boolean full, String reason, List<Long> heldTaskIds) {
		finished(claim, syncToken, full);
		jdbc.update("update calendar_syncs set paused_at = ?, pause_reason = ?, pending_removals = ?::jsonb where id = ?",
				Timestamp.from(clock.instant()), reason, heldTaskIds.toString(), claim.id());
	}

	/** The held removals of a paused calendar, cleared and unpaused in one go (the person decided). */
	@Transactional
	List<Long> takePendingRemovals(long calendarSyncId) {
		List<String> held = jdbc.queryForList("select pending_removals::text from calendar_syncs where id = ? "
				+ "and paused_at is not null for update", String.class, calendarSyncId);
		jdbc.update("update calendar_syncs set paused_at = null, pause_reason = null, pending_removals = null, "
				+ "inbound_requested_at = ?, last_notified_at = ? where id = ?", Timestamp.from(clock.instant()),
				Timestamp.from(clock.instant()), calendarSyncId);
		if (held.isEmpty() || held.get(0) == null) {
			return List.of();
		}
		String list = held.get(0).replaceAll("[\\[\\]\\s]", "");
		return list.isEmpty() ? List.of() : java.util.Arrays.stream(list.split(",")).map(Long::valueOf).toList();
	}

	long linkedTasks(long connectionId, String calendarId) {
		return tasks.linkedTasksByCalendar(connectionId).getOrDefault(calendarId, 0L);
	}

	/** A run that could not finish: the token stays (nothing was lost), and the calendar is read again later. */
	void failed(Claim claim, Instant retryAt, String reason) {
		jdbc.update("update calendar_syncs set claimed_until = null, last_error = ?, next_poll_at = ? where id = ?",
				reason, Timestamp.from(retryAt), claim.id());
	}

	/** The stored token is gone (410) or refused (400): the next read is a full one. */
	void dropToken(Claim claim) {
		jdbc.update("update calendar_syncs set sync_token = null where id = ?", claim.id());
	}

}
