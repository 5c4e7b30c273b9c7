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
 * Google's rate limits, each a sliding minute: per user of a project (published: 600 requests per minute) and per
 * project, i.e. per OAuth client, over all its users (published: 10,000). Both are off unless configured or switched
 * on through the admin API; every call counts, each batch part included, and a refused call counts against neither.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class Quota {

	private static final long WINDOW_MS = 60_000;

	private final EmulatorProperties properties;

	private final Map<String, Deque<Long>> userCalls = new HashMap<>();

	private final Map<String, Deque<Long>> projectCalls = new HashMap<>();

	private int requestsPerMinute;

	private int projectRequestsPerMinute;

	private int status;

	public Quota(EmulatorProperties properties) {
		this.properties = properties;
		reset();
	}

	public synchronized void reset() {
		EmulatorProperties.Quota configured = properties.quota();
		configure(configured.requestsPerMinute(), configured.status(), configured.projectRequestsPerMinute());
	}

	/**
	 * @param requestsPerMinute        per user of a project; 0 switches it off
	 * @param status                   403 or 429
	 * @param projectRequestsPerMinute per project (OAuth client); 0 switches it off
	 */
	public synchronized void configure(int requestsPerMinute, int status, int projectRequestsPerMinute) {
		if (status != 403 && status != 429) {
			throw new IllegalArgumentException("status must be 403 or 429");
		}
		this.requestsPerMinute = Math.max(0, requestsPerMinute);
		this.projectRequestsPerMinute = Math.max(0, projectRequestsPerMinute);
		this.status = status;
		userCalls.clear();
		projectCalls.clear();
	}

	public synchronized Map<String, Integer> settings() {
		return Map.of("requestsPerMinute", requestsPerMinute, "projectRequestsPerMinute", projectRequestsPerMinute,
				"status", status);
	}

	/**
	 * Counts one call of {@code account} through the OAuth client {@code project}, or refuses it the way Google does
	 * when either window is full: 403 {@code usageLimits}/{@code rateLimitExceeded}, or 429 when configured so.
	 */
	synchronized void take(String project, String account) {
		long now = System.currentTimeMillis();
		Deque<Long> user = requestsPerMinute <= 0 ? null
				: window(userCalls, project + "\n" + account.toLowerCase(), now);
		Deque<Long> all = projectRequestsPerMinute <= 0 ? null : window(projectCalls, project, now);
		if (user != null && user.size() >= requestsPerMinute) {
			throw new GoogleError(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");
		}
		if (all != null && all.size() >= projectRequestsPerMinute) {
			throw new GoogleError(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");
		}
		if (user != null) {
			user.addLast(now);
		}
		if (all != null) {
			all.addLast(now);
		}
	}

	private static Deque<Long> window(Map<String, Deque<Long>> calls, String key, long now) {
		Deque<Long> window = calls.computeIfAbsent(key, k -> new ArrayDeque<>());
		while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MS) {
			window.removeFirst();
		}
		return window;
	}

}
