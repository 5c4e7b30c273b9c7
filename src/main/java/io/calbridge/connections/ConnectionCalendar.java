package io.calbridge.connections;

import com.google.api.services.calendar.Calendar;

/**
 * What a connection's Google Calendar is to its caller right now: ready to call, paused until the person
 * reconnects, or out of reach because the access token could not be refreshed. {@link ConnectionCalendars#open}
 * is the one way to get it.
 * <p>
 * Java 17 has no {@code switch} over sealed types, so {@link #map} is that switch: every caller says what each
 * case means, and a new case fails to compile until every caller does.
 */
public sealed interface ConnectionCalendar {

	/**
	 * Google's Calendar client with a valid access token, and the Google account it acts as (whose quota it
	 * spends).
	 */
	record Ready(Calendar client, String account) implements ConnectionCalendar {

		@Override
		public <T, X extends Exception> T map(Case<Ready, T, X> ready, Case<Paused, T, X> paused,
				Case<RefreshFailed, T, X> refreshFailed) throws X {
			return ready.on(this);
		}

	}

	/** The connection cannot be used until its user reconnects (or it was disconnected): do not retry soon. */
	record Paused(String reason) implements ConnectionCalendar {

		@Override
		public <T, X extends Exception> T map(Case<Ready, T, X> ready, Case<Paused, T, X> paused,
				Case<RefreshFailed, T, X> refreshFailed) throws X {
			return paused.on(this);
		}

	}

	/** Google's token endpoint could not be reached or answered oddly: try again later. */
	record RefreshFailed(String reason) implements ConnectionCalendar {

		@Override
		public <T, X extends Exception> T map(Case<Ready, T, X> ready, Case<Paused, T, X> paused,
				Case<RefreshFailed, T, X> refreshFailed) throws X {
			return refreshFailed.on(this);
		}

	}

	/** The answer of the case that holds. */
	<T, X extends Exception> T map(Case<Ready, T, X> ready, Case<Paused, T, X> paused,
			Case<RefreshFailed, T, X> refreshFailed) throws X;

	/** Runs the step of the case that holds. */
	default <X extends Exception> void handle(Step<Ready, X> ready, Step<Paused, X> paused,
			Step<RefreshFailed, X> refreshFailed) throws X {
		this.<Void, X>map(done(ready), done(paused), done(refreshFailed));
	}

	private static <C extends ConnectionCalendar, X extends Exception> Case<C, Void, X> done(Step<C, X> step) {
		return found -> {
			step.on(found);
			return null;
		};
	}

	/** What one case means, as a value. */
	@FunctionalInterface
	interface Case<C extends ConnectionCalendar, T, X extends Exception> {

		T on(C found) throws X;

	}

	/** What one case means, as a step. */
	@FunctionalInterface
	interface Step<C extends ConnectionCalendar, X extends Exception> {

		void on(C found) throws X;

	}

}
