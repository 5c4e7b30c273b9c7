package io.calbridge.sync;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.google.CalendarClients;
import io.calbridge.tasks.TaskSyncStore;

/**
 * One inbound run's reading: {@code events.list} page by page, with the sync token or in a window, each page's
 * events applied to their tasks (one bad event is logged and skipped), paced under the account's quota.
 */
@Component
class EventPages {

	private static final Logger log = LoggerFactory.getLogger(EventPages.class);

	private final CalendarClients clients;

	private final InboundApplier applier;

	private final TaskSyncStore store;

	private final AccountPacer pacer;

	private final SyncLog syncLog;

	private final InboundProperties properties;

	EventPages(CalendarClients clients, InboundApplier applier, TaskSyncStore store, AccountPacer pacer,
			SyncLog syncLog, InboundProperties properties) {
		this.clients = clients;
		this.applier = applier;
		this.store = store;
		this.pacer = pacer;
		this.syncLog = syncLog;
		this.properties = properties;
	}

	/** A run's bounds (full sync only) and what it collected: ids seen, tasks whose events are gone. */
	record Window(Instant from, Instant to, Set<String> seen, List<Long> removals) {
	}

	/** Pages to the end; returns the {@code nextSyncToken} of the last page. */
	String readAll(Calendar calendar, CalendarConnection connection, CalendarSyncs.Claim claim,
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

	private void paced(CalendarConnection connection) {
		pacer.acquireOne(connection.getGoogleAccountEmail());
	}

}
