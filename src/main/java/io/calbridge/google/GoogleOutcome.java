package io.calbridge.google;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;

/**
 * What a failed Google call means for the caller: the small closed set the sync code switches on
 * (GOOGLE-API-FACTS.md, "Errors"). One classifier for all of it, so a 403 rate limit and a 429 are handled
 * alike.
 */
public sealed interface GoogleOutcome {

	/** A passing fault (5xx, I/O, timeout): try again later. */
	record Retryable(String reason) implements GoogleOutcome {
	}

	/** Too many requests for this user or project (403 rateLimitExceeded/userRateLimitExceeded, or 429). */
	record RateLimited(String reason) implements GoogleOutcome {
	}

	/** 401: the access token is not accepted; refresh it once, then ask the user to reconnect. */
	record AuthExpired() implements GoogleOutcome {
	}

	/** 412: the event changed since the etag we sent. */
	record PreconditionFailed() implements GoogleOutcome {
	}

	/** 410: the event was deleted, or the sync token is too old for an incremental sync. */
	record Gone(String reason) implements GoogleOutcome {
	}

	record NotFound() implements GoogleOutcome {
	}

	/** 409: an event with this id exists already (the create-once guarantee). */
	record Duplicate() implements GoogleOutcome {
	}

	/** 403 for any other reason, e.g. forbiddenForNonOrganizer or quotaExceeded: retrying will not help. */
	record Forbidden(String reason) implements GoogleOutcome {
	}

	/** 400 and anything else Google refuses: our request is wrong; do not retry. */
	record BadRequest(String message) implements GoogleOutcome {
	}

	Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

	static GoogleOutcome of(Exception failure) {
		if (failure instanceof HttpResponseException http) {
			return of(http.getStatusCode(), reason(http), message(http));
		}
		if (failure instanceof IOException io) {
			return new Retryable(io.getClass().getSimpleName() + ": " + io.getMessage());
		}
		return new BadRequest(failure.getMessage());
	}

	static GoogleOutcome of(int status, String reason, String message) {
		return switch (status) {
			case 401 -> new AuthExpired();
			case 403 -> RATE_LIMIT_REASONS.contains(reason) ? new RateLimited(reason)
					: new Forbidden(reason == null ? "forbidden" : reason);
			case 404 -> new NotFound();
			case 409 -> new Duplicate();
			case 410 -> new Gone(reason == null ? "gone" : reason);
			case 412 -> new PreconditionFailed();
			case 429 -> new RateLimited(reason == null ? "tooManyRequests" : reason);
			default -> status >= 500 ? new Retryable("HTTP " + status + (reason == null ? "" : " " + reason))
					: new BadRequest(message == null ? "HTTP " + status : message);
		};
	}

	private static String reason(HttpResponseException http) {
		if (http instanceof GoogleJsonResponseException json && json.getDetails() != null) {
			GoogleJsonError details = json.getDetails();
			if (details.getErrors() != null && !details.getErrors().isEmpty()) {
				return details.getErrors().get(0).getReason();
			}
		}
		return null;
	}

	private static String message(HttpResponseException http) {
		if (http instanceof GoogleJsonResponseException json && json.getDetails() != null) {
			return json.getDetails().getMessage();
		}
		return http.getStatusMessage();
	}

	/** The outcome as a metric tag: {@code RateLimited} becomes {@code rate_limited}. */
	static String tag(GoogleOutcome outcome) {
		return outcome.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * How long to wait before attempt {@code attempt + 1}: {@code base} doubling per attempt, capped, times
	 * {@code random} (jitter, so many failing tasks do not come back at the same instant).
	 */
	static Duration backoff(int attempt, Duration base, Duration cap, double random) {
		long capped = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
		return Duration.ofMillis((long) (capped * random));
	}

}
