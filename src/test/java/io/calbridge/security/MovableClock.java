package io.calbridge.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The real time plus however far a test has moved it: everything that reads the app's clock moves with it. */
final class MovableClock extends Clock {

	private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

	void advance(Duration by) {
		ahead.updateAndGet(current -> current.plus(by));
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

	/** Put in place of the app's clock (a context of its own: other tests keep the real time). */
	@TestConfiguration(proxyBeanMethods = false)
	static class InTheApp {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
