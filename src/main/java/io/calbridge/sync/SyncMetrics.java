package io.calbridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.google.api.client.util.DateTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What the sync does, as metrics (Prometheus names in brackets):
 * <ul>
 * <li>{@code calbridge.sync.actions{direction,action,outcome}} [{@code calbridge_sync_actions_total}]: every line
 * of the sync log, e.g. outbound create OK, inbound merge CONFLICT;</li>
 * <li>{@code calbridge.sync.outbound.latency} [{@code calbridge_sync_outbound_latency_seconds}]: from a change to a
 * task until Google has it;</li>
 * <li>{@code calbridge.sync.inbound.latency} [{@code calbridge_sync_inbound_latency_seconds}]: from a change in
 * Google (the event's {@code updated}) until the task follows, whatever carried it: a push, a poll, a resync.</li>
 * </ul>
 */
@Component
class SyncMetrics {

	private final MeterRegistry meters;

	private final Clock clock;

	private final Timer outbound;

	private final Timer inbound;

	SyncMetrics(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
		this.outbound = latency("calbridge.sync.outbound.latency", "From a task change until the event is written");
		this.inbound = latency("calbridge.sync.inbound.latency", "From an event change in Google until the task follows");
	}

	void logged(String direction, String action, String outcome) {
		Counter.builder("calbridge.sync.actions")
			.description("Sync log lines: what the sync did, by direction, action and outcome")
			.tag("direction", direction)
			.tag("action", action)
			.tag("outcome", outcome)
			.register(meters)
			.increment();
	}

	void outboundWritten(Instant changedAt) {
		record(outbound, changedAt);
	}

	void inboundApplied(DateTime updatedInGoogle) {
		if (updatedInGoogle != null) {
			record(inbound, Instant.ofEpochMilli(updatedInGoogle.getValue()));
		}
	}

	private void record(Timer timer, Instant since) {
		if (since != null) {
			Duration took = Duration.between(since, clock.instant());
			// Google's clock is not ours: a change stamped a little in our future took no time, not negative time.
			timer.record(took.isNegative() ? Duration.ZERO : took);
		}
	}

	private Timer latency(String name, String description) {
		return Timer.builder(name)
			.description(description)
			.publishPercentileHistogram()
			.register(meters);
	}

}
