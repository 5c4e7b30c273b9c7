package io.calbridge;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * Waits for something the background workers do, polling, and says what it waited for when it gives up. Also the
 * other side: that something stays true while the workers run ({@link #holdsFor}), and that things have gone quiet
 * ({@link #steady}). The one place a test thread sleeps between looks.
 */
public final class Eventually {

	private static final Duration EVERY = Duration.ofMillis(100);

	private Eventually() {
	}

	public static <T> T await(String what, Duration timeout, Supplier<T> attempt, Predicate<T> done) {
		return await(what, timeout, EVERY, attempt, done);
	}

	/** As {@link #await(String, Duration, Supplier, Predicate)}, looking every {@code every} (a latency measured). */
	public static <T> T await(String what, Duration timeout, Duration every, Supplier<T> attempt, Predicate<T> done) {
		long deadline = System.nanoTime() + timeout.toNanos();
		T last = null;
		while (System.nanoTime() < deadline) {
			last = attempt.get();
			if (done.test(last)) {
				return last;
			}
			if (!pause(every)) {
				break;
			}
		}
		return fail("Waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + last);
	}

	public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
		await(what, timeout, condition, Boolean.TRUE::equals);
	}

	/**
	 * That nothing happens for a while: {@code condition} is looked at throughout {@code period} (the workers sweep
	 * several times in it) and fails the test the first time it is false.
	 */
	public static void holdsFor(String what, Duration period, Supplier<Boolean> condition) {
		long end = System.nanoTime() + period.toNanos();
		do {
			if (!Boolean.TRUE.equals(condition.get())) {
				fail("Expected " + what + " for " + period.toMillis() + " ms; it changed after "
						+ (period.toNanos() - (end - System.nanoTime())) / 1_000_000 + " ms");
			}
		}
		while (System.nanoTime() < end && pause(EVERY));
	}

	/** Until {@code condition} has been true without a break for {@code quiet}: the last stragglers are done. */
	public static void steady(String what, Duration quiet, Duration timeout, Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long trueSince = -1;
		while (System.nanoTime() < deadline) {
			long now = System.nanoTime();
			if (Boolean.TRUE.equals(condition.get())) {
				trueSince = trueSince < 0 ? now : trueSince;
				if (now - trueSince >= quiet.toNanos()) {
					return;
				}
			}
			else {
				trueSince = -1;
			}
			if (!pause(EVERY)) {
				break;
			}
		}
		fail("Waited " + timeout.toSeconds() + " s for " + what + " to hold for " + quiet.toMillis() + " ms");
	}

	private static boolean pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
