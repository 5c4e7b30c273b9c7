package io.calbridge.tasks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * {@code calbridge.tasks.backlog{state=pending|failed|conflict}} (Prometheus: {@code calbridge_tasks_backlog}), read
 * from the database at each scrape, so every instance reports the same truth. The counts of the work itself live
 * with the modules doing it: {@code SyncMetrics}, {@code CalendarClients}, {@code WebhookController}.
 */
@Component
class TaskBacklogMetrics implements MeterBinder {

	private final TaskBacklog backlog;

	TaskBacklogMetrics(TaskBacklog backlog) {
		this.backlog = backlog;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SyncState state : new SyncState[] { SyncState.PENDING, SyncState.FAILED, SyncState.CONFLICT }) {
			Gauge.builder("calbridge.tasks.backlog", backlog, b -> b.count(state))
				.description("CRM tasks whose calendar sync is in this state")
				.tag("state", state.json())
				.register(registry);
		}
	}

}
