package io.calbridge.google;

/** A Google call that failed, with what it means. Thrown by {@link CalendarClients#call}. */
public class GoogleFailure extends RuntimeException {

	private final transient GoogleOutcome outcome;

	GoogleFailure(GoogleOutcome outcome, Exception cause) {
		super(outcome.toString(), cause);
		this.outcome = outcome;
	}

	public GoogleOutcome outcome() {
		return outcome;
	}

	/** The thread was interrupted while waiting to call Google (shutting down): try again later. */
	public static class Interrupted extends GoogleFailure {

		public Interrupted() {
			super(new GoogleOutcome.Retryable("interrupted"), null);
		}

	}

}
