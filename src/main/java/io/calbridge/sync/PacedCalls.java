package io.calbridge.sync;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.google.CalendarClients;

/**
 * The outbound worker's follow-up calls, one at a time (after a 409, a 412 or a move, and an invitation's decline),
 * each counted against the account's quota like the calls of a batch.
 */
@Component
class PacedCalls {

	private final CalendarClients clients;

	private final AccountPacer pacer;

	PacedCalls(CalendarClients clients, AccountPacer pacer) {
		this.clients = clients;
		this.pacer = pacer;
	}

	/** A call whose answer the caller needs now (a read). */
	<T> T single(CalendarConnection connection, CalendarClients.GoogleCall<T> call) {
		pacer.acquireOne(connection.getGoogleAccountEmail());
		return clients.call(call);
	}

	/** A call with its own answer handlers, sent alone. */
	void send(CalendarConnection connection, PlannedCall<?> call) {
		pacer.acquireOne(connection.getGoogleAccountEmail());
		call.runAlone(clients);
	}

}
