package io.calbridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionCalendars;
import io.calbridge.connections.ConnectionService;
import io.calbridge.connections.TokenService;
import io.calbridge.google.CalendarClients;
import io.calbridge.google.GoogleFailure;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.tasks.TaskSyncStore;

/**
 * The inbound worker (DESIGN.md §5): takes calendars that were notified or are due for a poll (SKIP LOCKED, a
 * lease per calendar), reads what changed with the stored sync token page by page, applies each event in its own
 * transaction, and stores Google's {@code nextSyncToken} only after the last page, so a run cut short is simply
 * read again. An expired (410) or refused (400) token means a bounded full sync that also reconciles.
 */
@Component
class InboundSync {

	private static final Logger log = LoggerFactory.getLogger(InboundSync.class);

	private static final Duration PAUSED_RECHECK = Duration.ofMinutes(15);

	private static final int CLAIM_SIZE = 20;

	private final CalendarSyncs syncs;

	private final ConnectionService connections;

	private final ConnectionCalendars connectionCalendars;

	private final TokenService tokens;

	private final CalendarClients clients;

	private final InboundApplier applier;

	private final TaskSyncStore store;

	private final AccountPacer pacer;

	private final SyncLog syncLog;

	private final InboundProperties properties;

	private final SyncProperties syncProperties;

	private final Clock clock;

	private final Worker worker;

	private ExecutorService pool;

	InboundSync(CalendarSyncs syncs, ConnectionService connections, ConnectionCalendars connectionCalendars,
			TokenService tokens, CalendarClients clients, InboundApplier applier, TaskSyncStore store,
			AccountPacer pacer, SyncLog syncLog, InboundProperties properties, SyncProperties syncProperties,
			Clock clock) {
		this.syncs = syncs;
		this.connections = connections;
		this.connectionCalendars = connectionCalendars;
		this.tokens = tokens;
		this.clients = clients;
		this.applier = applier;
		this.store = store;
		this.pacer = pacer;
		this.syncLog = syncLog;
		this.properties = properties;
		this.syncProperties = syncProperties;
		this.clock = clock;
		// Never woken: a push is stored on its calendar and may only be read after its quiet period, which the
		// frequent sweep finds.
		this.worker = new Worker("inbound-sync", properties.sweepInterval(), Duration.ofSeconds(1),
				Worker.Stop.INTERRUPT, this::sweep, ex -> log
					.error("Inbound sweep failed; claimed calendars are read again when their lease runs out", ex));
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		pool = Executors.newFixedThreadPool(syncProperties.workers(), r -> {
			Thread thread = new Thread(r, "inbound-sync-worker");
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

	int sweep() throws InterruptedException {
		List<CalendarSyncs.Claim> claims = syncs.claim(CLAIM_SIZE);
		List<Callable<Void>> jobs = new ArrayList<>();
		for (CalendarSyncs.Claim claim : claims) {
			jobs.add(() -> {
				runGuarded(claim);
				return null;
			});
		}
		pool.invokeAll(jobs);
		return claims.size();
	}

	private void runGuarded(CalendarSyncs.Claim claim) {
		try {
			read(claim);
		}
		catch (RuntimeException ex) {
			log.error("Inbound sync of calendar sync {} failed", claim.id(), ex);
			syncs.failed(claim, clock.instant().plus(Duration.ofMinutes(1)), ex.getClass().getSimpleName());
		}
	}

	void read(CalendarSyncs.Claim claim) {
		Optional<CalendarConnection> found = connections.find(claim.connectionId());
		if (found.isEmpty() || found.get().getState() != CalendarConnection.State.ACTIVE) {
			syncs.failed(claim, clock.instant().plus(PAUSED_RECHECK), "The connection is not active");
			return;
		}
		CalendarConnection connection = found.get();
		connectionCalendars.open(connection).handle(ready -> readWith(ready.client(), connection, claim),
				paused -> syncs.failed(claim, clock.instant().plus(PAUSED_RECHECK),
						"Paused until " + connection.getGoogleAccountEmail() + " is reconnected"),
				failed -> syncs.failed(claim, clock.instant().plus(Duration.ofMinutes(1)),
						"Could not refresh the access token"));
	}

	private void readWith(Calendar calendar, CalendarConnection connection, CalendarSyncs.Claim claim) {
		try {
			if (claim.syncToken() == null) {
				fullSync(calendar, connection, claim);
			}
			else {
				incremental(calendar, connection, claim);
			}
		}
		catch (GoogleFailure failure) {
			handle(connection, claim, failure.outcome());
		}
	}

	private void incremental(Calendar calendar, CalendarConnection connection, CalendarSyncs.Claim claim) {
		try {
			Window changes = new Window(null, null, new HashSet<>(), new ArrayList<>());
			String next = readPages(calendar, connection, claim, claim.syncToken(), changes);
			finish(connection, claim, next, false, changes.removals());
		}
		catch (GoogleFailure failure) {
			// 410 fullSyncRequired for an expired token, 400 "Invalid sync token value." for a malformed one
			// (GOOGLE-API-FACTS.md, "Incremental sync"): both mean a full sync, once.
			if (failure.outcome() instanceof GoogleOutcome.Gone || failure.outcome() instanceof GoogleOutcome.BadRequest) {
				syncs.dropToken(claim);
				syncLog.inbound(connection.getUserId(), null, connection.getId(), claim.calendarId(), "resync", "OK",
						"sync token no longer accepted (" + failure.outcome() + "): full sync");
				fullSync(calendar, connection, claim);
				return;
			}
			throw failure;
		}
	}

	/**
	 * Reads a bounded window, then reconciles: a linked task in the window whose event did not come back is
	 * looked up once more (it may have moved out of the window) and, when Google confirms it is gone, follows the
	 * deletion rule. Only ids are kept in memory, never the events.
	 */
	private void fullSync(Calendar calendar, CalendarConnection connection, CalendarSyncs.Claim claim) {
		Instant from = clock.instant().minus(properties.windowPast());
		Instant to = clock.instant().plus(properties.windowAhead());
		Set<String> seen = new HashSet<>();
		Window window = new Window(from, to, seen, new ArrayList<>());
		String next = readPages(calendar, connection, claim, null, window);
		for (TaskSyncStore.LinkedEvent linked : store.linkedEvents(connection.getId(), claim.calendarId(), from, to)) {
			if (!seen.contains(linked.eventId())) {
				reconcile(calendar, connection, claim, linked, window);
			}
		}
		finish(connection, claim, next, true, window.removals());
	}

	private void reconcile(Calendar calendar, CalendarConnection connection, CalendarSyncs.Claim claim,
			TaskSyncStore.LinkedEvent linked, Window window) {
		Event event;
		try {
			paced(connection);
			event = clients.call(() -> calendar.events().get(claim.calendarId(), linked.eventId()).execute());
		}
		catch (GoogleFailure failure) {
			if (failure.outcome() instanceof GoogleOutcome.NotFound || failure.outcome() instanceof GoogleOutcome.Gone) {
				event = new Event().setId(linked.eventId()).setStatus("cancelled");
			}
			else {
				throw failure;
			}
		}
		applier.apply(connection, claim.calendarId(), event, window.removals());
	}

	/** A run's bounds (full sync only) and what it collected: ids seen, tasks whose events are gone. */
	private record Window(Instant from, Instant to, Set<String> seen, List<Long> removals) {
	}

	/** Pages to the end; returns the {@code nextSyncToken} of the last page. */
	private String readPages(Calendar calendar, CalendarConnection connection, CalendarSyncs.Claim claim,
			String syncToken, Window window) {
		String pageToken = null;
		int applied = 0;
		while (true) {
			String current = pageToken;
			paced(connection);
			Events page = clients.call(() -> {
				// singleEvents: recurring series arrive as instances, the unit a task maps to. The same parameters
				// go with the sync token, as Google requires.
				Calendar.Events.List list = calendar.events()
					.list(claim.calendarId())
					.setMaxResults(properties.pageSize())
					.setSingleEvents(true)
					.setPageToken(current);
				if (syncToken != null || window.from() == null) {
					list.setSyncToken(syncToken);
				}
				else {
					list.setTimeMin(new DateTime(window.from().toEpochMilli()))
						.setTimeMax(new DateTime(window.to().toEpochMilli()));
				}
				return list.execute();
			});
			if (page.getItems() != null) {
				// One lookup per page: in a full read most events usually have no task, and asking for each one
				// was a query per event (100,000 of them for a big calendar). A task linked in the moment between
				// this lookup and its event's turn is one of CalBridge's inserts, whose answer was recorded in that
				// moment: CalBridge's own ids are looked up again, so that answer is measured against this version.
				Set<String> linked = store.linkedEventIds(connection.getUserId(), claim.calendarId(),
						page.getItems().stream().map(Event::getId).toList());
				for (Event event : page.getItems()) {
					if (window.from() != null) {
						window.seen().add(event.getId());
					}
					boolean lookUp = linked.contains(event.getId()) || EventIds.isCalBridgeId(event.getId());
					if (applyGuarded(connection, claim, event, lookUp, window.removals())
							!= InboundApplier.Applied.NOTHING) {
						applied++;
					}
				}
			}
			if (page.getNextPageToken() == null) {
				if (applied > 0) {
					log.info("Inbound sync of {} for connection {}: {} events applied", claim.calendarId(),
							connection.getId(), applied);
				}
				return page.getNextSyncToken();
			}
			pageToken = page.getNextPageToken();
		}
	}

	/**
	 * The end of a run: tasks whose events are gone follow the deletion rule, unless there are so many that this
	 * looks like a broken or stale source rather than a person (OGCS's lesson): then the calendar pauses with the
	 * removals held, and the settings page asks. The sync token is stored either way: what was read is handled.
	 */
	private void finish(CalendarConnection connection, CalendarSyncs.Claim claim, String nextSyncToken, boolean full,
			List<Long> removals) {
		// Counted only when there are removals to weigh: most runs (every pushed edit) have none.
		long linked = removals.isEmpty() ? 0 : syncs.linkedTasks(connection.getId(), claim.calendarId());
		if (!removals.isEmpty() && (removals.size() > properties.massDeletionMax()
				|| (removals.size() >= properties.massDeletionMinimum()
						&& removals.size() * 100L > linked * properties.massDeletionPercent()))) {
			String reason = removals.size() + " of " + linked + " linked tasks would be "
					+ (connection.getDeletionRule() == CalendarConnection.DeletionRule.DELETE_TASK ? "deleted"
							: connection.getDeletionRule() == CalendarConnection.DeletionRule.UNLINK ? "unlinked"
									: "cancelled")
					+ " because their events were deleted in Google Calendar";
			syncs.pause(claim, nextSyncToken, full, reason, removals);
			syncLog.inbound(connection.getUserId(), null, connection.getId(), claim.calendarId(), "mass-deletion",
					"SKIPPED", reason + "; paused until the person decides");
			return;
		}
		for (long taskId : removals) {
			applier.applyDeletionRule(connection, taskId, connection.getUserId(), claim.calendarId());
		}
		syncs.finished(claim, nextSyncToken, full);
	}

	private InboundApplier.Applied applyGuarded(CalendarConnection connection, CalendarSyncs.Claim claim, Event event,
			boolean lookUp, List<Long> removals) {
		try {
			return lookUp ? applier.apply(connection, claim.calendarId(), event, removals)
					: applier.applyUnlinked(connection, claim.calendarId(), event);
		}
		catch (RuntimeException ex) {
			// One bad event must not stop the calendar (a pitfall seen in Odoo): log it and go on.
			log.error("Inbound: event {} of {} could not be applied", event.getId(), claim.calendarId(), ex);
			syncLog.inbound(connection.getUserId(), null, connection.getId(), claim.calendarId(), "apply", "FAILED",
					"event " + event.getId() + ": " + ex.getClass().getSimpleName());
			return InboundApplier.Applied.NOTHING;
		}
	}

	private void handle(CalendarConnection connection, CalendarSyncs.Claim claim, GoogleOutcome outcome) {
		Instant retry;
		if (outcome instanceof GoogleOutcome.AuthExpired) {
			tokens.invalidate(connection.getId());
			retry = clock.instant().plusSeconds(2);
		}
		else if (outcome instanceof GoogleOutcome.NotFound) {
			// The calendar is gone or no longer shared with this account: look again rarely.
			retry = clock.instant().plus(PAUSED_RECHECK);
		}
		else {
			retry = clock.instant().plus(Duration.ofSeconds(30));
		}
		syncs.failed(claim, retry, "Google: " + outcome);
		syncLog.inbound(connection.getUserId(), null, connection.getId(), claim.calendarId(), "read", "RETRY",
				outcome.toString());
	}

	private void paced(CalendarConnection connection) {
		pacer.acquireOne(connection.getGoogleAccountEmail());
	}

}
