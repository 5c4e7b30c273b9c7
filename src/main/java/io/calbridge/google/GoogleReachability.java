package io.calbridge.google;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code google}: can CalBridge reach Google's Calendar API (or the emulator)?
 * Information only, always UP: Google being away is not a reason to restart CalBridge, whose queued changes wait
 * and go out once Google answers again. Any HTTP answer counts as reachable (without a token Google says 401);
 * only no answer at all does not. The answer is kept for {@link #RECHECK_AFTER}, so frequent health probes do not
 * turn into calls to Google.
 */
@Component("googleHealthIndicator")
class GoogleReachability implements HealthIndicator {

	static final Duration RECHECK_AFTER = Duration.ofSeconds(30);

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final Supplier<String> calendarRootUrl;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private volatile Checked last;

	@Autowired
	GoogleReachability(GoogleEndpoints endpoints, Clock clock) {
		// Asked at each check: the emulator's address is known only once the server has bound its port.
		this(endpoints::calendarRootUrl, clock);
	}

	GoogleReachability(Supplier<String> calendarRootUrl, Clock clock) {
		this.calendarRootUrl = calendarRootUrl;
		this.clock = clock;
	}

	private record Checked(Instant at, Health health) {
	}

	@Override
	public Health health() {
		Checked checked = last;
		Instant now = clock.instant();
		if (checked == null || checked.at().isBefore(now.minus(RECHECK_AFTER))) {
			checked = new Checked(now, check());
			last = checked;
		}
		return checked.health();
	}

	private Health check() {
		String root = calendarRootUrl.get();
		Health.Builder health = Health.up().withDetail("calendarApi", root);
		String url = root + "calendar/v3/users/me/calendarList";
		try {
			HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			return health.withDetail("reachable", true).withDetail("httpStatus", answer.statusCode()).build();
		}
		catch (IOException ex) {
			return health.withDetail("reachable", false).withDetail("error", ex.getClass().getSimpleName()).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return health.withDetail("reachable", false).withDetail("error", "interrupted").build();
		}
	}

}
