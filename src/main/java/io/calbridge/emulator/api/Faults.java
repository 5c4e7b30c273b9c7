package io.calbridge.emulator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.calbridge.emulator.calendar.GoogleError;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Injected failures for Calendar API calls, matched by method and path pattern (relative to the emulator root,
 * {@code *} one path segment, {@code **} anything). A rule can answer a Google error instead of the call, add
 * latency, let the change happen and lose the answer, or let it happen and answer late; it fires {@code count}
 * times (or forever) with a probability.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class Faults {

	/**
	 * @param method      HTTP method or {@code *}
	 * @param path        pattern such as {@code calendar/v3/calendars/*}{@code /events}
	 * @param status      answer this status (with {@code reason}); 0 to only add latency or lose the answer
	 * @param afterApply  perform the call first; then answer {@code status}, or with status 0 drop the answer
	 * @param answerLatencyMs perform the call, then hold its answer this long: Google has the change, the caller
	 *                    does not know yet (a slow batch)
	 * @param count       how many calls it hits; negative: all
	 */
	public record Rule(String method, String path, int status, String reason, String message, long latencyMs,
			boolean afterApply, long answerLatencyMs, int count, double probability) {
	}

	/** What to do with one call. */
	record Hit(long latencyMs, Optional<GoogleError> error, boolean afterApply, boolean lose, long answerLatencyMs) {
	}

	/** {@code fired}: how often the rule hit, so a test can report the faults it really injected. */
	private record Armed(Rule rule, Pattern pattern, int[] remaining, int[] fired) {
	}

	private final List<Armed> rules = new ArrayList<>();

	public synchronized void add(Rule rule) {
		rules.add(new Armed(rule, glob(rule.path()), new int[] { rule.count() }, new int[] { 0 }));
	}

	public synchronized void clear() {
		rules.clear();
	}

	public synchronized List<Rule> all() {
		return rules.stream().map(Armed::rule).toList();
	}

	/** How often each rule of {@link #all()} has hit so far, in the same order. */
	public synchronized List<Integer> fired() {
		return rules.stream().map(armed -> armed.fired()[0]).toList();
	}

	synchronized Optional<Hit> match(String method, String rawPath) {
		for (Armed armed : rules) {
			Rule r = armed.rule();
			boolean methodMatches = r.method() == null || "*".equals(r.method()) || r.method().equalsIgnoreCase(method);
			if (!methodMatches || !armed.pattern().matcher(rawPath).matches() || armed.remaining()[0] == 0) {
				continue;
			}
			if (r.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= r.probability()) {
				continue;
			}
			if (armed.remaining()[0] > 0) {
				armed.remaining()[0]--;
			}
			armed.fired()[0]++;
			Optional<GoogleError> error = r.status() > 0 ? Optional.of(error(r)) : Optional.empty();
			return Optional.of(new Hit(r.latencyMs(), error, r.afterApply(), r.afterApply() && r.status() <= 0,
					r.answerLatencyMs()));
		}
		return Optional.empty();
	}

	/** Google's usual reason for each status when the rule names none. */
	static GoogleError error(Rule r) {
		String reason = r.reason() != null ? r.reason() : switch (r.status()) {
			case 400 -> "badRequest";
			case 401 -> "authError";
			case 403, 429 -> "rateLimitExceeded";
			case 404 -> "notFound";
			case 409 -> "duplicate";
			case 410 -> "fullSyncRequired";
			case 412 -> "conditionNotMet";
			case 503 -> "backendError";
			default -> "backendError";
		};
		String domain = switch (reason) {
			case "rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded", "dailyLimitExceeded" -> "usageLimits";
			default -> "global";
		};
		String message = r.message() != null ? r.message() : switch (reason) {
			case "rateLimitExceeded" -> "Rate Limit Exceeded";
			case "userRateLimitExceeded" -> "User Rate Limit Exceeded";
			case "quotaExceeded" -> "Calendar usage limits exceeded.";
			case "backendError" -> "Backend Error";
			default -> "Injected fault";
		};
		return new GoogleError(r.status(), domain, reason, message);
	}

	static Pattern glob(String path) {
		String p = path.startsWith("/") ? path.substring(1) : path;
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < p.length(); i++) {
			char c = p.charAt(i);
			if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
				regex.append(".*");
				i++;
			}
			else if (c == '*') {
				regex.append("[^/]*");
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString());
	}

}
