package io.calbridge.emulator.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.calendar.GoogleError;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Google's per-user rate limit (published: 600 requests per minute per user, sliding window). Off unless
 * configured or switched on through the admin API; every call counts, each batch part included.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class Quota {

	private static final long WINDOW_MS = 60_000;

	private final EmulatorProperties properties;

	private final Map<String, Deque<Long>> calls = new HashMap<>();

	private int requestsPerMinute;

	private int status;

	public Quota(EmulatorProperties properties) {
		this.properties = properties;
		reset();
	}

	public synchronized void reset() {
		calls.clear();
		requestsPerMinute = properties.quota().requestsPerMinute();
		status = properties.quota().status();
	}

	/** @param requestsPerMinute 0 switches the limit off; @param status 403 or 429 */
	public synchronized void configure(int requestsPerMinute, int status) {
		if (status != 403 && status != 429) {
			throw new IllegalArgumentException("status must be 403 or 429");
		}
		this.requestsPerMinute = Math.max(0, requestsPerMinute);
		this.status = status;
		calls.clear();
	}

	public synchronized Map<String, Integer> settings() {
		return Map.of("requestsPerMinute", requestsPerMinute, "status", status);
	}

	/** Counts one call of {@code account}, or refuses it the way Google does when the window is full. */
	synchronized void take(String account) {
		if (requestsPerMinute <= 0) {
			return;
		}
		long now = System.currentTimeMillis();
		Deque<Long> window = calls.computeIfAbsent(account.toLowerCase(), a -> new ArrayDeque<>());
		while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MS) {
			window.removeFirst();
		}
		if (window.size() >= requestsPerMinute) {
			throw new GoogleError(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");
		}
		window.addLast(now);
	}

}
