package io.calbridge.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sync workers pace and retry.
 *
 * @param requestsPerMinute Google calls per minute per Google account; Google's per-user quota is 600 and every
 *                          call inside a batch counts
 * @param maxAttempts       attempts before a task is FAILED with its reason
 * @param backoffBase       first retry delay (doubling, with full jitter)
 * @param backoffCap        longest retry delay
 * @param sweepInterval     how often the outbound worker looks for due tasks besides being nudged
 * @param claimSize         how many due tasks one sweep takes
 * @param lease             how long a claimed task is left to its worker before others may take it
 * @param workers           threads sending to Google; one connection is handled by one thread at a time
 * @param logRetention      how long sync log entries are kept
 * @param outboundWorker    whether this instance runs the outbound worker (a test harness that drives another
 *                          process turns its own off)
 */
@ConfigurationProperties("calbridge.sync")
record SyncProperties(@DefaultValue("600") int requestsPerMinute, @DefaultValue("8") int maxAttempts,
		@DefaultValue("2s") Duration backoffBase, @DefaultValue("1h") Duration backoffCap,
		@DefaultValue("5s") Duration sweepInterval, @DefaultValue("500") int claimSize,
		@DefaultValue("2m") Duration lease, @DefaultValue("4") int workers,
		@DefaultValue("30d") Duration logRetention, @DefaultValue("true") boolean outboundWorker) {
}
