package io.calbridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sync log: one line a meaningful action, in the database for the task page and in the app log. */
@Service
class SyncLog {

	private static final Logger log = LoggerFactory.getLogger(SyncLog.class);

	private final SyncLogRepository entries;

	private final SyncMetrics metrics;

	private final Clock clock;

	SyncLog(SyncLogRepository entries, SyncMetrics metrics, Clock clock) {
		this.entries = entries;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Transactional
	void outbound(long userId, long taskId, Long connectionId, String calendarId, String action, String outcome,
			String detail) {
		log.info("outbound task={} connection={} action={} outcome={}{}", taskId, connectionId, action, outcome,
				detail == null ? "" : " detail=" + detail);
		metrics.logged("outbound", action, outcome);
		entries.save(new SyncLogEntry(userId, taskId, connectionId, calendarId, "OUTBOUND", action, outcome, detail,
				clock.instant()));
	}

	@Transactional
	void inbound(long userId, Long taskId, Long connectionId, String calendarId, String action, String outcome,
			String detail) {
		log.info("inbound task={} connection={} calendar={} action={} outcome={}{}", taskId, connectionId, calendarId,
				action, outcome, detail == null ? "" : " detail=" + detail);
		metrics.logged("inbound", action, outcome);
		entries.save(new SyncLogEntry(userId, taskId, connectionId, calendarId, "INBOUND", action, outcome, detail,
				clock.instant()));
	}

	/** An admin's action on another user's connection, with the admin's id beside the owner's. */
	@Transactional
	void byAdmin(long adminId, long ownerId, long connectionId, String action, String detail) {
		log.info("admin={} connection={} action={}{}", adminId, connectionId, action,
				detail == null ? "" : " detail=" + detail);
		metrics.logged("connection", action, "OK");
		entries.save(SyncLogEntry.byActor(adminId, ownerId, connectionId, action, detail, clock.instant()));
	}

	/** The newest failure logged for a connection: what the admin's view shows as its last error. */
	@Transactional(readOnly = true)
	java.util.Optional<SyncLogEntry> lastFailure(long connectionId) {
		return entries.lastFailures(connectionId, PageRequest.of(0, 1)).stream().findFirst();
	}

	@Transactional(readOnly = true)
	List<SyncLogEntry> forTask(long userId, long taskId) {
		return entries.forTask(userId, taskId, PageRequest.of(0, 50));
	}

	@Transactional
	int prune(Duration retention) {
		return entries.deleteOlderThan(clock.instant().minus(retention));
	}

}
