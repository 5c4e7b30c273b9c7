package io.calbridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.TokenService;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

/**
 * What a failed call means for its task (DESIGN.md §4, "Errors"), decided by one mapping over every answer Google
 * gives ({@link #verdict}): a passing fault, a rate limit or a changed event is tried again with backoff, a refused
 * token once more with a fresh one, a refusal fails the task with the reason for a person to see, and a gone event is
 * the deletion conflict. Answers a call expects (a 409 on insert, a 412 on patch, a 404 on delete) are its own and
 * never reach here.
 */
@Component
class OutboundFailures {

	/** What comes next for a task whose call failed. */
	enum Next {
		RETRY, RETRY_WITH_NEW_TOKEN, FAIL, EVENT_GONE
	}

	/** {@code reason}: what the task shows and the log says; null for a gone event, which becomes a conflict. */
	record Verdict(Next next, String reason) {
	}

	private final TaskSyncStore store;

	private final TokenService tokens;

	private final SyncLog log;

	private final SyncProperties properties;

	private final Clock clock;

	OutboundFailures(TaskSyncStore store, TokenService tokens, SyncLog log, SyncProperties properties, Clock clock) {
		this.store = store;
		this.tokens = tokens;
		this.log = log;
		this.properties = properties;
		this.clock = clock;
	}

	/** The verdict on one of Google's answers; the compiler holds every answer to have one. */
	static Verdict verdict(GoogleOutcome outcome) {
		return outcome.match(new Classification());
	}

	void failed(CalendarConnection connection, EventWriter.Work work, GoogleOutcome outcome, String action) {
		Verdict verdict = verdict(outcome);
		switch (verdict.next()) {
			case RETRY_WITH_NEW_TOKEN -> {
				tokens.invalidate(connection.getId());
				retry(connection, work, action, verdict.reason());
			}
			case RETRY -> retry(connection, work, action, verdict.reason());
			case FAIL -> fail(connection, work, action, verdict.reason());
			case EVENT_GONE -> eventGone(connection, work);
		}
	}

	/**
	 * Backoff with full jitter (base doubling, capped); FAILED with the reason after the last attempt. A deleted
	 * task's event is removed however long Google stays unreachable: nobody can press Retry on a task that is gone,
	 * and giving up would leave its event in the calendar for good.
	 */
	void retry(CalendarConnection connection, EventWriter.Work work, String action, String reason) {
		CrmTask task = work.task();
		int attempt = task.getSyncAttempts() + 1;
		if (attempt >= properties.maxAttempts() && task.getDeletedAt() == null) {
			fail(connection, work, action, reason + " — gave up after " + attempt + " attempts; use Retry");
			return;
		}
		Duration delay = GoogleOutcome.backoff(attempt - 1, properties.backoffBase(), properties.backoffCap(),
				0.5 + ThreadLocalRandom.current().nextDouble() / 2);
		store.retryAt(task.getId(), clock.instant().plus(delay), reason, true);
		log.outbound(task.getUserId(), task.getId(), connection.getId(), null, action,
				"RETRY", reason + "; next try in " + delay.toSeconds() + " s");
	}

	/** A failure no answer of Google's explains: the task is FAILED with what went wrong, for a person to see. */
	void unclassified(CalendarConnection connection, EventWriter.Work work, String action, RuntimeException ex) {
		String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
		fail(connection, work, action, "CalBridge could not " + action + " this task's event ("
				+ (what.length() > 200 ? what.substring(0, 200) + "…" : what) + "). "
				+ ("prepare".equals(action) ? "Nothing was sent to Google for it" : "Google's answer was not recorded")
				+ "; check its dates and fields, save it again or use Retry");
	}

	/**
	 * The event was deleted in Google while the task had changes to send: the same conflict inbound sync makes when
	 * it reads the deletion first, so the person chooses (the deletion rule, or the task with its changes).
	 */
	void eventGone(CalendarConnection connection, EventWriter.Work work) {
		CrmTask task = store.find(work.task().getId()).orElse(null);
		if (task == null || task.getSyncState() != SyncState.PENDING) {
			return; // inbound sync has settled it meanwhile (the deletion rule, or this same conflict)
		}
		store.conflicted(task.getId(), Conflicts.deletedInGoogle(task), null, null);
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), "update",
				"CONFLICT", "deleted in Google while the task had changes not yet sent");
	}

	private void fail(CalendarConnection connection, EventWriter.Work work, String action, String reason) {
		CrmTask task = work.task();
		store.failed(task.getId(), reason);
		log.outbound(task.getUserId(), task.getId(), connection.getId(), task.getGoogleCalendarId(), action, "FAILED",
				reason);
	}

	/** Every answer Google gives, and what it means for a write that did not expect it. */
	private static final class Classification implements GoogleOutcome.Cases<Verdict> {

		@Override
		public Verdict authExpired(GoogleOutcome.AuthExpired outcome) {
			return new Verdict(Next.RETRY_WITH_NEW_TOKEN, "Google did not accept the access token");
		}

		@Override
		public Verdict rateLimited(GoogleOutcome.RateLimited outcome) {
			return new Verdict(Next.RETRY, "Google's rate limit (" + outcome.reason() + ")");
		}

		@Override
		public Verdict retryable(GoogleOutcome.Retryable outcome) {
			return new Verdict(Next.RETRY, "Google could not be reached (" + outcome.reason() + ")");
		}

		/** A guarded write that does not merge (a decline's answer) meets it here: tried again, it reads the event anew. */
		@Override
		public Verdict preconditionFailed(GoogleOutcome.PreconditionFailed outcome) {
			return new Verdict(Next.RETRY, "The event changed meanwhile");
		}

		@Override
		public Verdict notFound(GoogleOutcome.NotFound outcome) {
			return new Verdict(Next.EVENT_GONE, null);
		}

		@Override
		public Verdict gone(GoogleOutcome.Gone outcome) {
			return new Verdict(Next.EVENT_GONE, null);
		}

		@Override
		public Verdict forbidden(GoogleOutcome.Forbidden outcome) {
			return new Verdict(Next.FAIL, "forbiddenForNonOrganizer".equals(outcome.reason())
					? "Only the organizer can change this event" : "Google refused the change (" + outcome.reason() + ")");
		}

		@Override
		public Verdict badRequest(GoogleOutcome.BadRequest outcome) {
			return new Verdict(Next.FAIL, "Google refused the event: " + outcome.message());
		}

		@Override
		public Verdict duplicate(GoogleOutcome.Duplicate outcome) {
			return new Verdict(Next.FAIL, "Google says the event exists already");
		}

	}

}
