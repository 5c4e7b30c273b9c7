package io.calbridge.google;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Google's own Calendar client, pointed at the configured root (Google, or the emulator), with an access token,
 * timeouts, and failures turned into a {@link GoogleOutcome}. Every call is counted here, so what CalBridge
 * costs Google's quota is visible in one place:
 * <ul>
 * <li>{@code calbridge.google.calls{outcome}}: API calls (a batch counts each of its parts) by what they meant,
 * {@code ok}, {@code rate_limited}, {@code retryable}, ...;</li>
 * <li>{@code calbridge.google.requests{status,batch}}: HTTP round trips and their latency, by HTTP status
 * ({@code IO_ERROR} when no answer came).</li>
 * </ul>
 */
@Component
public class CalendarClients {

	private static final NetHttpTransport TRANSPORT = new NetHttpTransport();

	private final GoogleEndpoints endpoints;

	private final GoogleProperties properties;

	private final MeterRegistry meters;

	CalendarClients(GoogleEndpoints endpoints, GoogleProperties properties, MeterRegistry meters) {
		this.endpoints = endpoints;
		this.properties = properties;
		this.meters = meters;
	}

	public Calendar calendar(String accessToken) {
		HttpRequestInitializer setup = request -> {
			request.getHeaders().setAuthorization("Bearer " + accessToken);
			request.setConnectTimeout((int) properties.connectTimeout().toMillis());
			request.setReadTimeout((int) properties.readTimeout().toMillis());
			// The sync code decides about retries (backoff, attempts); the client must not retry on its own.
			request.setNumberOfRetries(0);
			timed(request);
		};
		return new Calendar.Builder(TRANSPORT, GsonFactory.getDefaultInstance(), setup)
			.setRootUrl(endpoints.calendarRootUrl())
			.setApplicationName("CalBridge")
			.build();
	}

	/** One Google call, as written with the client: {@code () -> calendar.events().get(id, eventId).execute()}. */
	@FunctionalInterface
	public interface GoogleCall<T> {

		T execute() throws IOException;

	}

	/** Runs one call; a failure comes back as a {@link GoogleFailure} carrying its outcome. */
	public <T> T call(GoogleCall<T> request) {
		try {
			T answer = request.execute();
			counted("ok");
			return answer;
		}
		catch (IOException ex) {
			GoogleOutcome outcome = GoogleOutcome.of(ex);
			counted(GoogleOutcome.tag(outcome));
			throw new GoogleFailure(outcome, ex);
		}
	}

	/**
	 * Counts one part of a batch request by its answer ({@code null}: it succeeded); a batch lost as a whole counts
	 * its unanswered parts with the batch's outcome. The batch's HTTP round trip is timed like any other.
	 */
	public void batchPart(GoogleOutcome failure) {
		counted(failure == null ? "ok" : GoogleOutcome.tag(failure));
	}

	private void counted(String outcome) {
		Counter.builder("calbridge.google.calls")
			.description("Google Calendar API calls (each part of a batch counts) by outcome")
			.tag("outcome", outcome)
			.register(meters)
			.increment();
	}

	/** Times the HTTP round trip, whatever the call: the metric sees what Google sees. */
	private void timed(HttpRequest request) {
		long[] started = new long[1];
		String batch = String.valueOf(request.getUrl().getRawPath().endsWith("/batch/calendar/v3"));
		request.setInterceptor(sent -> started[0] = System.nanoTime());
		request.setResponseInterceptor(response -> roundTrip(String.valueOf(response.getStatusCode()), batch,
				started[0]));
		request.setIOExceptionHandler((failed, supportsRetry) -> {
			roundTrip("IO_ERROR", batch, started[0]);
			return false;
		});
	}

	private void roundTrip(String status, String batch, long startedNanos) {
		Timer.builder("calbridge.google.requests")
			.description("HTTP round trips to Google Calendar by status")
			.tag("status", status)
			.tag("batch", batch)
			.register(meters)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

}
