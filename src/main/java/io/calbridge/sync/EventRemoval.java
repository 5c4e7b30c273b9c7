package io.calbridge.sync;

import java.util.ArrayList;
import java.util.List;

import com.google.api.services.calendar.Calendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.CalendarDisconnecting;
import io.calbridge.connections.CalendarRemovalPreview;
import io.calbridge.connections.ConnectionCalendar;
import io.calbridge.connections.ConnectionCalendars;
import io.calbridge.connections.ConnectionService;
import io.calbridge.google.CalendarClients;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.EventChoice;
import io.calbridge.tasks.EventOrigin;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

/**
 * "Disconnect and remove the events": deletes the events CalBridge made through the connection, in batches, while
 * its tokens still work, and nothing else: a task imported from Google (the person's own meeting, a series, an
 * invitation) is only unlinked, and its event stays untouched. Guests are mailed only when the person asked for it.
 * The tasks stay, unlinked. It runs in the disconnect request, so a very large calendar makes that request wait
 * (paced under the account's quota).
 */
@Component
class EventRemoval {

	private static final Logger log = LoggerFactory.getLogger(EventRemoval.class);

	private final TaskSyncStore store;

	private final ConnectionService connections;

	private final ConnectionCalendars connectionCalendars;

	private final CalendarClients clients;

	private final AccountPacer pacer;

	EventRemoval(TaskSyncStore store, ConnectionService connections, ConnectionCalendars connectionCalendars,
			CalendarClients clients, AccountPacer pacer) {
		this.store = store;
		this.connections = connections;
		this.connectionCalendars = connectionCalendars;
		this.clients = clients;
		this.pacer = pacer;
	}

	/** The counts the page shows before anything runs; the same split {@link #removeEvents} acts on. */
	@EventListener
	void preview(CalendarRemovalPreview preview) {
		CalendarConnection connection = connections.get(preview.userId(), preview.connectionId());
		for (CrmTask task : store.linkedTo(connection.getId())) {
			if (madeByCalBridge(task) && !keptByChoice(task)) {
				preview.made().incrementAndGet();
				if (!task.getAttendees().isEmpty()) {
					preview.madeWithGuests().incrementAndGet();
				}
			}
			else if (task.getDeletedAt() == null) {
				preview.leftInCalendar().incrementAndGet();
			}
		}
	}

	@EventListener
	void removeEvents(CalendarDisconnecting disconnecting) throws InterruptedException {
		CalendarConnection connection = connections.get(disconnecting.userId(), disconnecting.connectionId());
		List<CrmTask> made = new ArrayList<>();
		for (CrmTask task : store.linkedTo(connection.getId())) {
			if (madeByCalBridge(task) && !keptByChoice(task)) {
				made.add(task);
			}
			else if (task.getDeletedAt() == null) {
				store.leftInGoogle(task.getId(), "Left in Google Calendar when the account was disconnected: "
						+ "CalBridge did not make this event");
				disconnecting.leftInCalendar().incrementAndGet();
			}
		}
		connectionCalendars.open(connection).handle(ready -> delete(ready, made, disconnecting),
				paused -> notRemoved(connection, made, disconnecting),
				failed -> notRemoved(connection, made, disconnecting));
	}

	private void delete(ConnectionCalendar.Ready ready, List<CrmTask> made, CalendarDisconnecting disconnecting)
			throws InterruptedException {
		List<PlannedCall<?>> calls = new ArrayList<>();
		for (CrmTask task : made) {
			plan(ready.client(), task, disconnecting).ifPresentOrElse(calls::add,
					() -> disconnecting.notRemoved().incrementAndGet());
		}
		for (int from = 0; from < calls.size(); from += PlannedCall.BATCH_LIMIT) {
			List<PlannedCall<?>> chunk = calls.subList(from, Math.min(calls.size(), from + PlannedCall.BATCH_LIMIT));
			pacer.acquire(ready.account(), chunk.size());
			PlannedCall.runAsBatch(clients, ready.client(), chunk);
		}
	}

	private static void notRemoved(CalendarConnection connection, List<CrmTask> made,
			CalendarDisconnecting disconnecting) {
		disconnecting.notRemoved().addAndGet(made.size());
		log.warn("Connection {}: cannot remove its {} events, the tokens no longer work", connection.getId(),
				made.size());
	}

	/** Unticked "tell the guests" means {@code sendUpdates=none} on every delete: nobody is mailed by surprise. */
	private java.util.Optional<PlannedCall<?>> plan(Calendar calendar, CrmTask task, CalendarDisconnecting disconnecting) {
		boolean tell = disconnecting.tellGuests() && !task.getAttendees().isEmpty();
		Calendar.Events.Delete delete;
		try {
			delete = calendar.events().delete(task.getGoogleCalendarId(), task.getGoogleEventId())
				.setSendUpdates(tell ? "all" : "none");
		}
		catch (java.io.IOException ex) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(new PlannedCall<>(delete, done -> removed(task, disconnecting), outcome -> {
			if (outcome instanceof GoogleOutcome.NotFound || outcome instanceof GoogleOutcome.Gone) {
				removed(task, disconnecting);
			}
			else {
				disconnecting.notRemoved().incrementAndGet();
			}
		}));
	}

	/**
	 * Only what CalBridge inserted, by the origin recorded on the link; its own id shape is checked as well, so a
	 * link recorded wrongly can never make CalBridge delete someone else's event.
	 */
	private static boolean madeByCalBridge(CrmTask task) {
		return task.getEventOrigin() == EventOrigin.CALBRIDGE && EventIds.isCalBridgeId(task.getGoogleEventId());
	}

	/** A task deleted earlier with "keep its event": the person chose to leave that event in Google. */
	private static boolean keptByChoice(CrmTask task) {
		return task.getDeletedAt() != null && task.getDeletedEventChoice() == EventChoice.KEEP;
	}

	private void removed(CrmTask task, CalendarDisconnecting disconnecting) {
		if (task.getDeletedAt() != null) {
			store.purge(task.getId());
		}
		else {
			store.unlinked(task.getId(), SyncState.NONE, "Removed from Google Calendar when the account was disconnected");
		}
		disconnecting.removed().incrementAndGet();
		if (!task.getAttendees().isEmpty()) {
			disconnecting.removedWithGuests().incrementAndGet();
		}
	}

}
