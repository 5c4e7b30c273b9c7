package io.calbridge.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.GoogleProjects;
import io.calbridge.google.GoogleFailure;

/**
 * Keeps each Google account under Google's per-user quota and each Google project (the integration's OAuth client)
 * under its per-project quota, so bulk work never trips rate limits: callers wait for room instead of being refused.
 * Every call counts, each part of a batch included, as Google counts.
 * <p>
 * The buckets are Bucket4j's, kept in PostgreSQL ({@code sync_quota}), so every instance spends the same quota. Each
 * take is one short transaction; nothing is locked while a caller waits. Time is the app's {@link Clock}.
 * <p>
 * Google counts a sliding minute. A token bucket holds that only if what it can hold at once (the burst) plus what it
 * refills in a minute stays within the limit, so a bucket holds one batch (50) and refills the rest of the minute's
 * limit: 550 a minute for an account at 600, 9,950 for a project at 10,000.
 */
@Component
class AccountPacer {

	/** How often a waiting caller looks again, so it notices a moved clock or calls given back. */
	private static final Duration RECHECK = Duration.ofMillis(200);

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final GoogleProjects projects;

	private final int perUser;

	private final int perProject;

	private final int burst;

	AccountPacer(DataSource dataSource, Clock clock, SyncProperties properties, GoogleProjects projects) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("sync_quota")
			.clientClock(new OnwardTime(clock))
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build();
		this.projects = projects;
		this.perUser = atLeastTwo(properties.requestsPerMinute(), "requests-per-minute");
		this.perProject = atLeastTwo(properties.projectRequestsPerMinute(), "project-requests-per-minute");
		this.burst = Math.min(burst(perUser), burst(perProject));
	}

	/** Whose quota a call spends: a Google account of a Google project (OAuth client id). */
	record Spender(String project, String account) {
	}

	/**
	 * One call's room, for code that cannot be interrupted midway: an interrupt (shutdown) ends the work as a
	 * {@link GoogleFailure.Interrupted}, with the thread's flag kept.
	 */
	void acquireOne(CalendarConnection connection) {
		try {
			acquire(connection, 1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GoogleFailure.Interrupted();
		}
	}

	/** Waits until {@code calls} more calls of the connection's account fit into both quotas, then counts them. */
	void acquire(CalendarConnection connection, int calls) throws InterruptedException {
		acquire(new Spender(projects.of(connection), connection.getGoogleAccountEmail()), calls);
	}

	/**
	 * Waits for room and takes it. More calls than a bucket holds at once are taken in parts, each as soon as it fits,
	 * so a batch larger than a small limit's burst waits for its minute instead of forever.
	 */
	void acquire(Spender spender, int calls) throws InterruptedException {
		List<BucketProxy> both = List.of(bucket("user", spender.project() + "\n" + spender.account(), perUser),
				bucket("project", spender.project(), perProject));
		for (int left = calls; left > 0; left -= burst) {
			take(both, Math.min(left, burst));
		}
	}

	private void take(List<BucketProxy> both, int tokens) throws InterruptedException {
		Optional<Duration> wait = tryTake(both, tokens);
		while (wait.isPresent()) {
			Thread.sleep(Math.max(1, Math.min(wait.get().toMillis(), RECHECK.toMillis())));
			wait = tryTake(both, tokens);
		}
	}

	/**
	 * The tokens from every bucket, or none: a bucket that refuses gives back what the ones before it took, so an
	 * account waiting for its project does not hold the account's own room meanwhile.
	 */
	private static Optional<Duration> tryTake(List<BucketProxy> both, int tokens) {
		List<BucketProxy> taken = new ArrayList<>();
		for (BucketProxy bucket : both) {
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
			if (!probe.isConsumed()) {
				taken.forEach(given -> given.addTokens(tokens));
				return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
			}
			taken.add(bucket);
		}
		return Optional.empty();
	}

	/** Rows of buckets that are full again are the same as no row; removed in batches, several instances at once. */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	void forgetRefilledBuckets() {
		int removed;
		do {
			removed = buckets.removeExpired(1000);
		}
		while (removed == 1000);
	}

	/**
	 * The limit is part of the key: after a change of limit, instances start on fresh buckets instead of reading ones
	 * built for the old limit.
	 */
	private BucketProxy bucket(String kind, String key, int perMinute) {
		BucketConfiguration limit = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(burst(perMinute))
				.refillGreedy(perMinute - burst(perMinute), Duration.ofMinutes(1))
				.build())
			.build();
		return buckets.getProxy(hash(kind + ":" + perMinute + ":" + key.strip().toLowerCase(Locale.ROOT)),
				() -> limit);
	}

	/** One batch, or half the limit when that is smaller, so the bucket still refills. */
	private static int burst(int perMinute) {
		return Math.min(PlannedCall.BATCH_LIMIT, perMinute / 2);
	}

	private static int atLeastTwo(int perMinute, String name) {
		if (perMinute < 2) {
			throw new IllegalStateException("calbridge.sync." + name + " must be at least 2, was " + perMinute);
		}
		return perMinute;
	}

	private static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	/**
	 * Bucket4j's time, read from the app's clock but never going back: a bucket last written at a later time is not
	 * refilled until time passes it, so a clock set back (by a test, or a time step) would hold callers until then.
	 */
	private static final class OnwardTime implements TimeMeter {

		private final Clock clock;

		private long behind;

		private long last;

		OnwardTime(Clock clock) {
			this.clock = clock;
		}

		@Override
		public synchronized long currentTimeNanos() {
			Instant now = clock.instant();
			long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + behind;
			if (nanos < last) {
				behind += last - nanos;
				nanos = last;
			}
			last = nanos;
			return nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
