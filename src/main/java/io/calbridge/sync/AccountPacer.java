package io.calbridge.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.calbridge.google.GoogleFailure;

/**
 * Keeps each Google account under its per-user quota (a sliding minute, as Google counts it), so bulk work never
 * trips rate limits. Callers wait for room instead of being refused. Per instance: several instances share the
 * quota, so each should get its share of {@code calbridge.sync.requests-per-minute}.
 */
@Component
class AccountPacer {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final int perMinute;

	private final ConcurrentHashMap<String, Deque<Long>> sent = new ConcurrentHashMap<>();

	AccountPacer(SyncProperties properties) {
		this.perMinute = properties.requestsPerMinute();
	}

	/**
	 * One call's room, for code that cannot be interrupted midway: an interrupt (shutdown) ends the work as a
	 * {@link GoogleFailure.Interrupted}, with the thread's flag kept.
	 */
	void acquireOne(String account) {
		try {
			acquire(account, 1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GoogleFailure.Interrupted();
		}
	}

	/** Waits until {@code calls} more calls fit into the account's last minute, then counts them. */
	void acquire(String account, int calls) throws InterruptedException {
		Deque<Long> window = sent.computeIfAbsent(account.toLowerCase(), a -> new ArrayDeque<>());
		int needed = Math.min(calls, perMinute);
		synchronized (window) {
			while (true) {
				long now = System.nanoTime();
				while (!window.isEmpty() && now - window.peekFirst() >= WINDOW.toNanos()) {
					window.pollFirst();
				}
				if (window.size() + needed <= perMinute) {
					for (int i = 0; i < calls; i++) {
						window.addLast(now);
					}
					return;
				}
				long waitNanos = WINDOW.toNanos() - (now - window.peekFirst());
				window.wait(Math.max(1, waitNanos / 1_000_000), 0);
			}
		}
	}

}
