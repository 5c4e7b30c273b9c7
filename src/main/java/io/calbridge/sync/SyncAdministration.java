package io.calbridge.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.calbridge.accounts.People;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.CalendarFollowStatus;
import io.calbridge.connections.ConnectionService;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskBacklog;
import io.calbridge.tasks.TaskSyncStore;

/**
 * The admin's view of every user's connections (/admin/sync) and what an admin may do to one: pause, resume, force
 * a full read. It shows states, counts, calendar ids and error reasons only: never a token, and nothing of an
 * event or task (titles, descriptions, guests). Every action is logged with the admin's id.
 */
@Service
class SyncAdministration {

	/** One connection as the admin sees it. {@code backlog} is its owner's (tasks go to the owner's connection). */
	record ConnectionHealth(long id, String ownerName, String ownerEmail, String googleAccount,
			CalendarConnection.State state, boolean paused, List<CalendarHealth> calendars, TaskBacklog.Counts backlog,
			Optional<SyncLogEntry> lastFailure) {
	}

	/** A followed calendar: its push health as Settings → Calendar words it, and its inbound read's last error. */
	record CalendarHealth(CalendarFollowStatus.FollowedCalendar followed, String lastError) {
	}

	private final CalendarSyncs syncs;

	private final ConnectionService connections;

	private final CalendarFollowStatus follow;

	private final People people;

	private final TaskBacklog backlog;

	private final TaskSyncStore store;

	private final ConnectionPauses pauses;

	private final OutboundSync outbound;

	private final SyncLog log;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	SyncAdministration(CalendarSyncs syncs, ConnectionService connections, CalendarFollowStatus follow, People people,
			TaskBacklog backlog, TaskSyncStore store, ConnectionPauses pauses, OutboundSync outbound, SyncLog log,
			JdbcTemplate jdbc, Clock clock) {
		this.syncs = syncs;
		this.connections = connections;
		this.follow = follow;
		this.people = people;
		this.backlog = backlog;
		this.store = store;
		this.pauses = pauses;
		this.outbound = outbound;
		this.log = log;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every connection that follows a calendar, oldest first. */
	List<ConnectionHealth> overview() {
		return syncs.connectionIds().stream().map(connections::find).flatMap(Optional::stream)
			.map(this::health).toList();
	}

	ConnectionHealth health(CalendarConnection connection) {
		Optional<People.Person> owner = people.find(connection.getUserId());
		java.util.Map<Long, String> errors = new java.util.HashMap<>();
		syncs.forConnection(connection.getId()).forEach(s -> {
			if (s.lastError() != null) {
				errors.put(s.id(), s.lastError());
			}
		});
		List<CalendarHealth> calendars = follow.calendarsOf(connection.getId()).stream()
			.map(f -> new CalendarHealth(f, errors.get(f.id()))).toList();
		return new ConnectionHealth(connection.getId(), owner.map(People.Person::displayName).orElse("(account gone)"),
				owner.map(People.Person::email).orElse(""), connection.getGoogleAccountEmail(), connection.getState(),
				pauses.isPaused(connection.getId()), calendars, backlog.countsFor(connection.getUserId()),
				log.lastFailure(connection.getId()));
	}

	/** The connection by id, whoever owns it; an unknown id is a 404 to the caller. */
	Optional<CalendarConnection> find(long connectionId) {
		return connections.find(connectionId);
	}

	boolean paused(CalendarConnection connection) {
		return pauses.isPaused(connection.getId());
	}

	/** Neither worker touches the connection until resumed. False: it was paused already. */
	@Transactional
	boolean pause(long adminId, CalendarConnection connection) {
		boolean paused = pauses.pause(connection.getId(), adminId);
		if (paused) {
			log.byAdmin(adminId, connection.getUserId(), connection.getId(), "admin-pause",
					"inbound reads and outbound writes paused");
		}
		return paused;
	}

	/**
	 * Both workers take the connection up again: its calendars are read at once (changes Google held meanwhile
	 * come in) and the tasks that waited go now. False: it was not paused.
	 */
	@Transactional
	boolean resume(long adminId, CalendarConnection connection) {
		if (!pauses.resume(connection.getId())) {
			return false;
		}
		requestRead(connection.getId(), false);
		int requeued = store.requeue(connection.getUserId(), Set.of(SyncState.PENDING));
		log.byAdmin(adminId, connection.getUserId(), connection.getId(), "admin-resume",
				"resumed; " + requeued + " waiting tasks requeued");
		outbound.nudge();
		return true;
	}

	/**
	 * The next inbound run of each of the connection's calendars is a full read over the sync window, as after
	 * Google's 410: the sync tokens are dropped, the runs asked for now. Outbound is left as it is: a full read
	 * brings Google's side in again and reconciles, while resending tasks (Sync all) is the owner's choice.
	 * Returns how many calendars will be read.
	 */
	@Transactional
	int resync(long adminId, CalendarConnection connection) {
		int calendars = requestRead(connection.getId(), true);
		log.byAdmin(adminId, connection.getUserId(), connection.getId(), "admin-resync",
				"sync tokens dropped for " + calendars + " calendars: the next inbound run reads everything");
		return calendars;
	}

	private int requestRead(long connectionId, boolean dropTokens) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.update("update calendar_syncs set sync_token = case when ? then null else sync_token end, "
				+ "inbound_requested_at = coalesce(inbound_requested_at, ?), last_notified_at = ? "
				+ "where connection_id = ?", dropTokens, now, now, connectionId);
	}

}
