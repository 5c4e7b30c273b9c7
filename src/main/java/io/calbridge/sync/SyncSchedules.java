package io.calbridge.sync;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.calbridge.tasks.TaskSyncStore;

/**
 * The sync's housekeeping. The pending sweep and the retries are not here: the outbound worker sweeps on its
 * own fixed delay, and its claim ({@code FOR UPDATE SKIP LOCKED}) already lets every instance sweep at once
 * without taking the same task, so it needs no lock; retries are PENDING tasks whose time has come.
 */
@Component
class SyncSchedules {

	private static final Logger log = LoggerFactory.getLogger(SyncSchedules.class);

	private final SyncLog syncLog;

	private final TaskSyncStore store;

	private final SyncProperties properties;

	SyncSchedules(SyncLog syncLog, TaskSyncStore store, SyncProperties properties) {
		this.syncLog = syncLog;
		this.store = store;
		this.properties = properties;
	}

	@Scheduled(cron = "0 30 3 * * *")
	@SchedulerLock(name = "sync-log-prune")
	void pruneSyncLog() {
		int removed = syncLog.prune(properties.logRetention());
		log.info("Sync log pruned: {} entries older than {}", removed, properties.logRetention());
	}

	/** Tombstones whose event removal failed (FAILED) are tried again hourly, then purged by the worker. */
	@Scheduled(cron = "0 15 * * * *")
	@SchedulerLock(name = "tombstone-retry")
	void retryFailedDeletions() {
		int queued = store.requeueFailedDeletions();
		if (queued > 0) {
			log.info("{} deleted tasks whose event removal failed are tried again", queued);
		}
	}

}
