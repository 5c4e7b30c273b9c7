package io.calbridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real time plus however far a test has moved it: everything that reads the app's clock moves with it, and the
 * workers keep running because time still flows. Google's clock (the emulator's) is not ours and does not move.
 * <p>
 * Every {@link CalBridgeTest} context has it in place of the app's clock; at zero it is the system clock. A test
 * that moves it puts it back ({@link #reset()}) when it ends, because the next test compares the app's stamps with
 * the database's {@code now()}.
 */
public final class MovableClock extends Clock {

	private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

	public void advance(Duration by) {
		ahead.updateAndGet(current -> current.plus(by));
	}

	/** Jumps to {@code instant}; time flows on from there. */
	public void moveTo(Instant instant) {
		ahead.set(Duration.between(Instant.now(), instant));
	}

	/** How far ahead of the real time the app is. */
	public Duration ahead() {
		return ahead.get();
	}

	/** Back to the real time. */
	public void reset() {
		ahead.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(ahead.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneId.of("UTC");
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), ahead.get());
	}

	/** Put in place of the app's clock. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class InTheApp {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
