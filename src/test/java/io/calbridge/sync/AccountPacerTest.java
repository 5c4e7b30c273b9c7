package io.calbridge.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.calbridge.google.GoogleFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The pacer keeps each Google account under its per-minute quota by making callers wait for room. Its window is
 * a real minute, so these specs only look at whether a call goes at once or is held, and never wait for a minute.
 */
class AccountPacerTest {

	static final int PER_MINUTE = 5;

	/** A call with room returns in microseconds; one still waiting after this is held. */
	static final Duration HELD = Duration.ofMillis(200);

	final AccountPacer pacer = new AccountPacer(new SyncProperties(PER_MINUTE, 8, Duration.ofSeconds(2),
			Duration.ofHours(1), Duration.ofSeconds(5), 500, Duration.ofMinutes(2), 4, Duration.ofDays(30), true));

	final List<Thread> callers = new ArrayList<>();

	@AfterEach
	void stopWaitingCallers() {
		callers.forEach(Thread::interrupt);
	}

	@Test
	void callsWithinTheMinutesQuotaGoAtOnce() throws Exception {
		pacer.acquire("ana.souza@example.com", 3);

		assertThat(held(call("ana.souza@example.com"))).isFalse();
		assertThat(held(call("ana.souza@example.com"))).as("the fifth").isFalse();
	}

	@Test
	void theCallBeyondTheQuotaWaitsForRoom() throws Exception {
		pacer.acquire("ana.souza@example.com", PER_MINUTE);

		assertThat(held(call("ana.souza@example.com"))).as("the sixth call in the minute").isTrue();
	}

	@Test
	void accountsArePacedApartButAnAccountsSpellingDoesNotMatter() throws Exception {
		pacer.acquire("Ana.Souza@Example.com", PER_MINUTE);

		assertThat(held(call("ben.keller@example.com"))).as("another account's minute").isFalse();
		assertThat(held(call("ana.souza@example.com"))).as("the same account in lower case").isTrue();
	}

	@Test
	void aBatchLargerThanTheQuotaGoesIntoAnEmptyMinuteInsteadOfWaitingForever() {
		assertThatCode(() -> pacer.acquire("ana.souza@example.com", PER_MINUTE * 10)).doesNotThrowAnyException();
	}

	@Test
	void aShutdownWhileWaitingEndsTheCallAsInterruptedAndKeepsTheThreadsFlag() throws Exception {
		pacer.acquire("ana.souza@example.com", PER_MINUTE);
		CompletableFuture<Outcome> waiting = call("ana.souza@example.com");
		assertThat(held(waiting)).isTrue();

		callers.get(0).interrupt();

		Outcome outcome = waiting.get(5, TimeUnit.SECONDS);
		assertThat(outcome.failure()).isInstanceOf(GoogleFailure.Interrupted.class);
		assertThat(outcome.interruptFlagKept()).isTrue();
	}

	record Outcome(RuntimeException failure, boolean interruptFlagKept) {
	}

	/** One call's room asked for on a thread of its own, as a worker asks. */
	private CompletableFuture<Outcome> call(String account) {
		CompletableFuture<Outcome> outcome = new CompletableFuture<>();
		Thread caller = new Thread(() -> {
			try {
				pacer.acquireOne(account);
				outcome.complete(new Outcome(null, false));
			}
			catch (RuntimeException ex) {
				outcome.complete(new Outcome(ex, Thread.currentThread().isInterrupted()));
			}
		});
		caller.setDaemon(true);
		callers.add(caller);
		caller.start();
		return outcome;
	}

	private static boolean held(CompletableFuture<Outcome> call) throws Exception {
		try {
			assertThat(call.get(HELD.toMillis(), TimeUnit.MILLISECONDS).failure()).isNull();
			return false;
		}
		catch (TimeoutException ex) {
			return true;
		}
	}

}
