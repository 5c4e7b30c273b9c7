package io.calbridge.emulator.admin;

import io.calbridge.emulator.api.Faults;
import io.calbridge.emulator.api.Quota;
import io.calbridge.emulator.api.RequestLog;
import io.calbridge.emulator.calendar.CalendarStore;
import io.calbridge.emulator.oauth.Grants;
import io.calbridge.emulator.oauth.OAuthClients;
import io.calbridge.emulator.push.Channels;
import io.calbridge.emulator.push.PushFaults;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Back to the configured starting point: seeded events, configured clients, no tokens, channels or faults. */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class EmulatorReset {

	private final CalendarStore store;

	private final OAuthClients clients;

	private final Grants grants;

	private final Channels channels;

	private final Faults faults;

	private final PushFaults pushFaults;

	private final Quota quota;

	private final RequestLog requests;

	EmulatorReset(CalendarStore store, OAuthClients clients, Grants grants, Channels channels, Faults faults,
			PushFaults pushFaults, Quota quota, RequestLog requests) {
		this.store = store;
		this.clients = clients;
		this.grants = grants;
		this.channels = channels;
		this.faults = faults;
		this.pushFaults = pushFaults;
		this.quota = quota;
		this.requests = requests;
	}

	void resetAll() {
		faults.clear();
		pushFaults.clear();
		channels.reset();
		store.reset();
		grants.reset();
		clients.reset();
		quota.reset();
		requests.clear();
	}

}
