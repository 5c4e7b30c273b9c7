package io.calbridge;

import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/** Waits for something the background workers do, polling, and says what it waited for when it gives up. */
public final class Eventually {

	private Eventually() {
	}

	public static <T> T await(String what, Duration timeout, Supplier<T> attempt, java.util.function.Predicate<T> done) {
		long deadline = System.nanoTime() + timeout.toNanos();
		T last = null;
		while (System.nanoTime() < deadline) {
			last = attempt.get();
			if (done.test(last)) {
				return last;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return fail("Waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + last);
	}

	public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
		await(what, timeout, condition, Boolean.TRUE::equals);
	}

}
