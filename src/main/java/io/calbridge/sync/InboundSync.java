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

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
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

	private final MassDeletionSafeguard safeguard;

	private final EventPages pages;

	private final Worker worker;

	private ExecutorService pool;

	InboundSync(CalendarSyncs syncs, ConnectionService connections, ConnectionCalendars connectionCalendars,
			TokenService tokens, CalendarClients clients, InboundApplier applier, TaskSyncStore store,
			AccountPacer pacer, SyncLog syncLog, InboundProperties properties, SyncProperties syncProperties,
			Clock clock, MassDeletionSafeguard safeguard, EventPages pages) {
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
		this.safeguard = safeguard;
		this.pages = pages;
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
			EventPages.Window changes = new EventPages.Window(null, null, new HashSet<>(), new ArrayList<>());
			String next = pages.readAll(calendar, connection, claim, claim.syncToken(), changes);
			safeguard.finish(connection, claim, next, false, changes.removals());
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
		EventPages.Window window = new EventPages.Window(from, to, seen, new ArrayList<>());
		String next = pages.readAll(calendar, connection, claim, null, window);
		for (TaskSyncStore.LinkedEvent linked : store.linkedEvents(connection.getId(), claim.calendarId(), from, to)) {
			if (!seen.contains(linked.eventId())) {
				reconcile(calendar, connection, claim, linked, window);
			}
		}
		safeguard.finish(connection, claim, next, true, window.removals());
	}

	private void reconcile(Calendar calendar, CalendarConnection connection, CalendarSyncs.Claim claim,
			TaskSyncStore.LinkedEvent linked, EventPages.Window window) {
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
