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
import io.calbridge.connections.ConnectionService;
import io.calbridge.connections.TokenService;
import io.calbridge.google.CalendarClients;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

/**
 * "Disconnect and remove the events": deletes every event CalBridge made through the connection, in batches,
 * while its tokens still work. The tasks stay, unlinked. It runs in the disconnect request, so a very large
 * calendar makes that request wait (paced under the account's quota).
 */
@Component
class EventRemoval {

	private static final Logger log = LoggerFactory.getLogger(EventRemoval.class);

	private final TaskSyncStore store;

	private final ConnectionService connections;

	private final TokenService tokens;

	private final CalendarClients clients;

	private final AccountPacer pacer;

	EventRemoval(TaskSyncStore store, ConnectionService connections, TokenService tokens, CalendarClients clients,
			AccountPacer pacer) {
		this.store = store;
		this.connections = connections;
		this.tokens = tokens;
		this.clients = clients;
		this.pacer = pacer;
	}

	@EventListener
	void removeEvents(CalendarDisconnecting disconnecting) throws InterruptedException {
		CalendarConnection connection = connections.get(disconnecting.userId(), disconnecting.connectionId());
		List<CrmTask> linked = store.linkedTo(connection.getId());
		Calendar calendar;
		try {
			calendar = clients.calendar(tokens.accessToken(connection.getId()));
		}
		catch (TokenService.ConnectionPausedException | TokenService.TokenRefreshFailedException ex) {
			disconnecting.notRemoved().addAndGet(linked.size());
			log.warn("Connection {}: cannot remove its {} events, the tokens no longer work", connection.getId(),
					linked.size());
			return;
		}
		List<PlannedCall<?>> calls = new ArrayList<>();
		for (CrmTask task : linked) {
			Calendar.Events.Delete delete;
			try {
				delete = calendar.events().delete(task.getGoogleCalendarId(), task.getGoogleEventId());
			}
			catch (java.io.IOException ex) {
				disconnecting.notRemoved().incrementAndGet();
				continue;
			}
			calls.add(new PlannedCall<>(delete.setSendUpdates(task.getAttendees().isEmpty() ? "none" : "all"),
					done -> removed(task, disconnecting),
					outcome -> {
						if (outcome instanceof GoogleOutcome.NotFound || outcome instanceof GoogleOutcome.Gone) {
							removed(task, disconnecting);
						}
						else {
							disconnecting.notRemoved().incrementAndGet();
						}
					}));
		}
		for (int from = 0; from < calls.size(); from += PlannedCall.BATCH_LIMIT) {
			List<PlannedCall<?>> chunk = calls.subList(from, Math.min(calls.size(), from + PlannedCall.BATCH_LIMIT));
			pacer.acquire(connection.getGoogleAccountEmail(), chunk.size());
			PlannedCall.runAsBatch(clients, calendar, chunk);
		}
	}

	private void removed(CrmTask task, CalendarDisconnecting disconnecting) {
		store.unlinked(task.getId(), SyncState.NONE, "Removed from Google Calendar when the account was disconnected");
		disconnecting.removed().incrementAndGet();
	}

}
