package io.calbridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.api.services.calendar.Calendar;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.calbridge.connections.AutoSyncTurnedOn;
import io.calbridge.connections.CalendarConnected;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionCalendar;
import io.calbridge.connections.ConnectionCalendars;
import io.calbridge.connections.ConnectionService;
import io.calbridge.google.CalendarClients;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncRequested;
import io.calbridge.tasks.TaskSyncStore;

/**
 * The outbound worker: takes due PENDING tasks (SKIP LOCKED, safe with several instances), groups them per
 * Google account, and sends each group's calls in batches of up to 50, paced under the account's quota. It is
 * woken right after a task is saved and also sweeps on a fixed delay, so nothing depends on the wake-up and a
 * restart loses nothing. One thread per connection at a time; {@code calbridge.sync.workers} connections at once.
 */
@Component
class OutboundSync {

	private static final Logger log = LoggerFactory.getLogger(OutboundSync.class);

	private static final Duration NO_CONNECTION_RECHECK = Duration.ofHours(1);

	private static final Duration PAUSED_RECHECK = Duration.ofMinutes(15);

	private final TaskSyncStore store;

	private final ConnectionService connections;

	private final ConnectionCalendars connectionCalendars;

	private final CalendarClients clients;

	private final EventWriter writer;

	private final AccountPacer pacer;

	private final SyncProperties properties;

	private final Clock clock;

	private final Worker worker;

	private final ConnectionPauses pauses;

	private ExecutorService pool;

	OutboundSync(TaskSyncStore store, ConnectionService connections, ConnectionCalendars connectionCalendars,
			CalendarClients clients, EventWriter writer, AccountPacer pacer, SyncProperties properties, Clock clock,
			ConnectionPauses pauses) {
		this.store = store;
		this.pauses = pauses;
		this.connections = connections;
		this.connectionCalendars = connectionCalendars;
		this.clients = clients;
		this.writer = writer;
		this.pacer = pacer;
		this.properties = properties;
		this.clock = clock;
		this.worker = new Worker("outbound-sync", properties.sweepInterval(), Duration.ofSeconds(1),
				Worker.Stop.AFTER_PASS, this::sweep, ex -> log
					.error("Outbound sweep failed; claimed tasks are retried when their lease runs out", ex));
	}

	private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.outboundWorker()) {
			log.info("Outbound worker off (calbridge.sync.outbound-worker=false)");
			return;
		}
		// Named per worker so logs tell instances in one JVM apart (tests run two).
		String name = "sync-" + INSTANCES.incrementAndGet() + "-worker";
		pool = Executors.newFixedThreadPool(properties.workers(), r -> {
			Thread thread = new Thread(r, name);
			thread.setDaemon(true);
			return thread;
		});
		worker.start();
	}

	@PreDestroy
	void stop() throws InterruptedException {
		worker.stop();
		if (pool != null) {
			pool.shutdownNow();
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void taskSaved(TaskSyncRequested saved) {
		nudge();
	}

	/** A (re)connected account: what waited for it goes now. */
	@EventListener
	void connected(CalendarConnected connected) {
		store.requeue(connected.userId(), Set.of(SyncState.PENDING, SyncState.FAILED));
		nudge();
	}

	/** Auto-sync is back on: what waited while it was off goes now, not at its next recheck. */
	@EventListener
	void autoSyncTurnedOn(AutoSyncTurnedOn turnedOn) {
		store.requeue(turnedOn.userId(), Set.of(SyncState.PENDING));
		nudge();
	}

	void nudge() {
		worker.wakeUp();
	}

	/** One pass: claim, group, send. Returns how many tasks were claimed. */
	int sweep() throws InterruptedException {
		List<TaskSyncStore.Claim> claims = store.claimDue(properties.claimSize(), properties.lease());
		if (claims.isEmpty()) {
			return 0;
		}
		Map<Long, List<EventWriter.Work>> byConnection = new LinkedHashMap<>();
		Map<Long, CalendarConnection> connectionsById = new LinkedHashMap<>();
		// Each connection read once a sweep, not once a task: reading one decrypts its tokens, which is slow by
		// design (a 1,000-task sweep of one account spent most of its time there).
		Map<Long, Optional<CalendarConnection>> byId = new java.util.HashMap<>();
		Map<Long, Optional<CalendarConnection>> byUser = new java.util.HashMap<>();
		Map<Long, CrmTask> tasks = store.findAll(claims.stream().map(TaskSyncStore.Claim::taskId).toList());
		for (TaskSyncStore.Claim claim : claims) {
			Optional<CrmTask> task = Optional.ofNullable(tasks.get(claim.taskId()));
			if (task.isEmpty()) {
				continue;
			}
			Optional<CalendarConnection> connection = task.get().getGoogleConnectionId() != null
					? byId.computeIfAbsent(task.get().getGoogleConnectionId(), connections::find)
					: byUser.computeIfAbsent(task.get().getUserId(), connections::activeConnectionFor);
			if (connection.isEmpty()) {
				waitForConnection(task.get());
				continue;
			}
			connectionsById.putIfAbsent(connection.get().getId(), connection.get());
			byConnection.computeIfAbsent(connection.get().getId(), id -> new ArrayList<>())
				.add(new EventWriter.Work(task.get(), claim.version()));
		}
		List<Callable<Void>> jobs = new ArrayList<>();
		byConnection.forEach((id, work) -> jobs.add(() -> {
			sendGuarded(connectionsById.get(id), work);
			return null;
		}));
		pool.invokeAll(jobs);
		return claims.size();
	}

	/** No calendar connected: a tombstone simply goes; a task waits (connecting requeues it at once). */
	private void waitForConnection(CrmTask task) {
		if (task.getDeletedAt() != null && task.getGoogleEventId() == null) {
			store.purge(task.getId());
		}
		else {
			store.retryAt(task.getId(), clock.instant().plus(NO_CONNECTION_RECHECK), null, false);
		}
	}

	private void sendGuarded(CalendarConnection connection, List<EventWriter.Work> work) {
		try {
			send(connection, work);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("Outbound sync for connection {} failed; its tasks are retried when their lease runs out",
					connection.getId(), ex);
		}
	}

	private void send(CalendarConnection connection, List<EventWriter.Work> work) throws InterruptedException {
		if (pauses.isPaused(connection.getId())) {
			// Nothing goes, not even what a person asked for: resuming requeues it (SyncAdministration.resume).
			work.forEach(w -> store.retryAt(w.task().getId(), clock.instant().plus(PAUSED_RECHECK),
					ConnectionPauses.REASON, false));
			return;
		}
		if (connection.getState() != CalendarConnection.State.ACTIVE || !connection.isAutoSync()) {
			boolean active = connection.getState() == CalendarConnection.State.ACTIVE;
			String reason = active ? "Auto-sync is off for " + connection.getGoogleAccountEmail()
					: "Paused until " + connection.getGoogleAccountEmail() + " is reconnected";
			// With auto-sync off, what a person asked for (sync all, sync now) still goes; the rest waits.
			List<EventWriter.Work> asked = active ? work.stream().filter(w -> w.task().isSyncRequested()).toList()
					: List.of();
			work.stream().filter(w -> !asked.contains(w))
				.forEach(w -> store.retryAt(w.task().getId(), clock.instant().plus(PAUSED_RECHECK), reason, false));
			if (asked.isEmpty()) {
				return;
			}
			work = asked;
		}
		List<EventWriter.Work> due = work;
		connectionCalendars.open(connection).handle(ready -> sendWith(ready, connection, due),
				paused -> due.forEach(w -> store.retryAt(w.task().getId(), clock.instant().plus(PAUSED_RECHECK),
						"Paused until " + connection.getGoogleAccountEmail() + " is reconnected", false)),
				failed -> due.forEach(w -> writer.retry(connection, w, "token",
						"Could not refresh the Google access token")));
	}

	private void sendWith(ConnectionCalendar.Ready ready, CalendarConnection connection, List<EventWriter.Work> work)
			throws InterruptedException {
		Calendar calendar = ready.client();
		List<PlannedCall<?>> calls = new ArrayList<>();
		for (EventWriter.Work w : work) {
			try {
				writer.plan(calendar, connection, w).map(call -> guarded(call, connection, w)).ifPresent(calls::add);
			}
			catch (RuntimeException ex) {
				unclassified(connection, w, "prepare", ex);
			}
		}
		for (int from = 0; from < calls.size(); from += PlannedCall.BATCH_LIMIT) {
			List<PlannedCall<?>> chunk = calls.subList(from, Math.min(calls.size(), from + PlannedCall.BATCH_LIMIT));
			pacer.acquire(ready.account(), chunk.size());
			PlannedCall.runAsBatch(clients, calendar, chunk);
		}
	}

	/**
	 * What to do with an answer, made safe for the other calls of the batch: a handler that throws something nothing
	 * classifies fails its own task with the reason instead of cutting the batch short. Database trouble is not
	 * that: it stays for the lease to run out and the task to be retried, as before.
	 */
	private <T> PlannedCall<T> guarded(PlannedCall<T> call, CalendarConnection connection, EventWriter.Work work) {
		return new PlannedCall<>(call.request(), answer -> settle(connection, work, () -> call.onSuccess().accept(answer)),
				outcome -> settle(connection, work, () -> call.onFailure().accept(outcome)));
	}

	private void settle(CalendarConnection connection, EventWriter.Work work, Runnable handler) {
		try {
			handler.run();
		}
		catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			unclassified(connection, work, "record", ex);
		}
	}

	/** One task FAILED with why, never left pending in silence; the connection's other tasks go on. */
	private void unclassified(CalendarConnection connection, EventWriter.Work work, String step, RuntimeException ex) {
		log.error("Task {} (connection {}) failed at '{}' for a reason the worker cannot classify; it is FAILED",
				work.task().getId(), connection.getId(), step, ex);
		writer.unclassified(connection, work, step, ex);
	}

}
