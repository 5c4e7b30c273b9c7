package io.calbridge.tasks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code taskBacklog}. Always UP: a backlog means Google is slow or refusing,
 * or people have conflicts to resolve, and restarting CalBridge (what an orchestrator does on DOWN) fixes none of
 * that. What needs a look is said in {@code attention}, for a person or an alert rule to read.
 */
@Component("taskBacklogHealthIndicator")
class TaskBacklogHealth implements HealthIndicator {

	/** A change waiting longer than this is stuck, not merely queued: the worker runs every few seconds. */
	static final Duration STUCK_AFTER = Duration.ofMinutes(15);

	private final TaskBacklog backlog;

	private final Clock clock;

	TaskBacklogHealth(TaskBacklog backlog, Clock clock) {
		this.backlog = backlog;
		this.clock = clock;
	}

	@Override
	public Health health() {
		TaskBacklog.Counts counts = backlog.counts();
		Health.Builder health = Health.up()
			.withDetail("pending", counts.pending())
			.withDetail("failed", counts.failed())
			.withDetail("conflict", counts.conflict());
		counts.oldestPendingSince().ifPresent(since -> health.withDetail("oldestPendingChangeAt", since.toString()));
		List<String> attention = new ArrayList<>();
		if (counts.failed() > 0) {
			attention.add(counts.failed() + " task(s) failed to sync");
		}
		if (counts.conflict() > 0) {
			attention.add(counts.conflict() + " task(s) wait for a conflict to be resolved");
		}
		counts.oldestPendingSince()
			.filter(since -> since.isBefore(clock.instant().minus(STUCK_AFTER)))
			.ifPresent(since -> attention.add("a change has waited for Google since " + since));
		if (!attention.isEmpty()) {
			health.withDetail("attention", String.join("; ", attention));
		}
		return health.build();
	}

}
